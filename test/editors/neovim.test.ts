// The README's Neovim set-up, run in Debian's Neovim (0.7.2) headless: the Lua block is taken from the
// README as written, so the README cannot drift from what works. Needs `npm run build` and `nvim`
// (.ci/run installs it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SEEDS = path.join(ROOT, 'seeds');
const NOTE = '001_7e5cbe7abf80e26e.md';
const CHIPS = '000_2a3c44dcec08f07f.md';

/** The first Lua block after the README's "Neovim 0.7 and later" line, pointed at this checkout. */
function readmeConfig(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const from = readme.indexOf('**Neovim 0.7 and later**');
  assert.ok(from >= 0, 'the README has a Neovim 0.7 set-up');
  const block = /```lua\n([\s\S]*?)```/.exec(readme.slice(from));
  assert.ok(block, 'a Lua block follows it');
  return block[1].replaceAll('/path/to/marginalia', ROOT);
}

/** Lua that waits for the server, asks it one request at the first occurrence of `needle`, and writes the answer. */
function probe(out: string, method: string, needle: string, offset: number, extra = ''): string {
  return `
local function wait_attached()
  return vim.wait(30000, function() return next(vim.lsp.buf_get_clients(0)) ~= nil end, 50)
end
local result = { attached = wait_attached() }
vim.wait(3000, function() return false end, 100) -- the index of five notes is built by then
local line = vim.fn.search(${JSON.stringify(needle)}, 'w')
vim.api.nvim_win_set_cursor(0, { line, vim.fn.col('.') - 1 + ${offset} })
local params = vim.lsp.util.make_position_params()
${extra}
local answers = vim.lsp.buf_request_sync(0, ${JSON.stringify(method)}, params, 20000) or {}
result.answers = {}
for _, answer in pairs(answers) do table.insert(result.answers, answer.result or vim.NIL) end
local file = io.open(${JSON.stringify(out)}, 'w')
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qa!')
`;
}

describe('the README Neovim set-up, in Neovim headless', function () {
  this.timeout(120_000);
  let tmp: string;

  before(function () {
    if (spawnSync('nvim', ['--version']).status !== 0) this.skip(); // .ci/run installs Neovim; a bare machine may lack it
    tmp = mkdtempSync(path.join(os.tmpdir(), 'marginalia-nvim-'));
    cpSync(SEEDS, path.join(tmp, 'notes'), { recursive: true });
    writeFileSync(path.join(tmp, 'init.lua'), readmeConfig());
  });
  after(() => tmp && rmSync(tmp, { recursive: true, force: true }));

  function ask(method: string, needle: string, offset: number, extra = '', note = NOTE): { attached: boolean; answers: unknown[] } {
    const out = path.join(tmp, `${method.replace(/\W/g, '_')}.json`);
    const script = path.join(tmp, 'probe.lua');
    writeFileSync(script, probe(out, method, needle, offset, extra));
    const run = spawnSync('nvim', ['--headless', '-u', path.join(tmp, 'init.lua'), '-c', `luafile ${script}`, note], {
      cwd: path.join(tmp, 'notes'),
      encoding: 'utf8',
      timeout: 90_000,
      env: { ...process.env, XDG_CACHE_HOME: path.join(tmp, 'cache'), XDG_STATE_HOME: path.join(tmp, 'state') },
    });
    assert.equal(run.status, 0, `nvim: ${run.stderr}${run.stdout}`);
    return JSON.parse(readFileSync(out, 'utf8')) as { attached: boolean; answers: unknown[] };
  }

  it('shows the card of a name on hover', () => {
    const result = ask('textDocument/hover', 'vLLM 是一个', 1);
    assert.equal(result.attached, true);
    const hover = result.answers[0] as { contents: { value: string } };
    assert.match(hover.contents.value, /vLLM/);
    assert.match(hover.contents.value, /github\.com\/vllm-project\/vllm/);
  });

  it('jumps to where a name is defined', () => {
    const result = ask('textDocument/definition', 'vLLM 是一个', 1);
    const locations = result.answers[0] as Array<{ uri?: string; targetUri?: string }>;
    assert.ok(locations.length > 0, JSON.stringify(result));
    assert.match(locations[0].uri ?? locations[0].targetUri ?? '', /\.md$/);
  });

  it('completes a heading anchor inside a link', () => {
    // Types `[x](#` at the end of the first line, then asks for completion after the `#`.
    const typed = `vim.api.nvim_buf_set_lines(0, 0, 0, false, { '[x](#' })
vim.wait(1000, function() return false end, 100)
params = { textDocument = vim.lsp.util.make_text_document_params(), position = { line = 0, character = 5 } }`;
    const result = ask('textDocument/completion', '^', 0, typed);
    const answer = result.answers[0] as { items?: Array<{ label: string }> } | Array<{ label: string }>;
    const items = Array.isArray(answer) ? answer : (answer.items ?? []);
    const texts = items.map((item) => JSON.stringify(item));
    // The note's heading `# 2 AI-OS` has the GitHub anchor `2-ai-os`.
    assert.ok(
      texts.some((text) => text.includes('2-ai-os')),
      texts.slice(0, 5).join('\n'),
    );
  });

  it('counts in UTF-8 bytes when told to, as Neovim 0.10 and later do by default: a card after Chinese text', () => {
    const config = readmeConfig().replace(
      "name = 'marginalia',",
      "name = 'marginalia', offset_encoding = 'utf-8',\n" +
        "        capabilities = vim.tbl_extend('force', vim.lsp.protocol.make_client_capabilities(), { offsetEncoding = { 'utf-8' } }),",
    );
    writeFileSync(path.join(tmp, 'init.lua'), config);
    try {
      const result = ask('textDocument/hover', '利用Gemmini平台', 7, '', CHIPS);
      const hover = result.answers[0] as { contents: { value: string }; range: { start: { character: number } } };
      assert.match(hover.contents.value, /ucb-bar\/gemmini/);
      const line =
        readFileSync(path.join(SEEDS, CHIPS), 'utf8')
          .split('\n')
          .find((text) => text.includes('利用Gemmini平台')) ?? '';
      assert.equal(hover.range.start.character, Buffer.byteLength(line.slice(0, line.indexOf('Gemmini'))));
    } finally {
      writeFileSync(path.join(tmp, 'init.lua'), readmeConfig());
    }
  });
});

/** Lua that draws the note's lenses, runs the one on the first snippet's line with codelens.run, and writes what it saw. */
function runLensProbe(out: string): string {
  return `
local result = { messages = {} }
vim.lsp.handlers['window/showMessage'] = function(_, params) table.insert(result.messages, params) end
result.attached = vim.wait(30000, function() return next(vim.lsp.buf_get_clients(0)) ~= nil end, 50)
vim.wait(3000, function() return false end, 100)
vim.lsp.codelens.refresh()
vim.wait(10000, function() return #vim.lsp.codelens.get(0) > 0 end, 50)
result.lenses = vim.lsp.codelens.get(0)
vim.api.nvim_win_set_cursor(0, { vim.fn.search('^\`\`\`bash', 'w'), 0 })
vim.lsp.codelens.run()
vim.wait(10000, function() return #result.messages > 0 end, 50)
local file = io.open(${JSON.stringify(out)}, 'w')
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qa!')
`;
}

describe('the README Neovim set-up with its optional serverRunsSnippets line, in Neovim headless', function () {
  this.timeout(120_000);
  let tmp: string;

  before(function () {
    if (spawnSync('nvim', ['--version']).status !== 0) this.skip();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'marginalia-nvim-run-'));
  });
  after(() => tmp && rmSync(tmp, { recursive: true, force: true }));

  it('runs a snippet from its ▶ Run lens on the server and shows the summary line', () => {
    const optional = /\n(\s*)-- (init_options = \{ trusted = true, serverRunsSnippets = true \},)/.exec(readmeConfig());
    assert.ok(optional, 'the README block has the optional line, commented out');
    const config = readmeConfig()
      .replace(/\n\s*init_options = \{ trusted = false \},/, '')
      .replace(optional[0], `\n${optional[1]}${optional[2]}`);
    writeFileSync(path.join(tmp, 'init.lua'), config);
    writeFileSync(path.join(tmp, 'probe.lua'), runLensProbe(path.join(tmp, 'out.json')));
    const notes = path.join(tmp, 'notes');
    mkdirSync(notes);
    writeFileSync(path.join(notes, 'run.md'), '# Run\n\n```bash\necho hello from nvim\n```\n');
    const run = spawnSync(
      'nvim',
      ['--headless', '-u', path.join(tmp, 'init.lua'), '-c', `luafile ${path.join(tmp, 'probe.lua')}`, 'run.md'],
      {
        cwd: notes,
        encoding: 'utf8',
        timeout: 90_000,
        env: { ...process.env, XDG_CACHE_HOME: path.join(tmp, 'cache'), XDG_STATE_HOME: path.join(tmp, 'state') },
      },
    );
    assert.equal(run.status, 0, `nvim: ${run.stderr}${run.stdout}`);
    const result = JSON.parse(readFileSync(path.join(tmp, 'out.json'), 'utf8')) as {
      lenses: Array<{ command: { command: string } }>;
      messages: Array<{ type: number; message: string }>;
    };
    assert.deepEqual(
      result.lenses.map((lens) => lens.command.command),
      ['marginalia.runSnippetOnServer'],
    );
    assert.deepEqual(result.messages, [{ type: 3, message: result.messages[0]?.message }]);
    assert.match(result.messages[0].message, /^Marginalia: run\.md:3 ✓ exit 0 · [\d.]+ s — hello from nvim$/);
  });
});
