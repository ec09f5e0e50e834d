import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkerPoolParser, type PoolTimeouts } from '../../../server/src/parse/workerParser';

// A stand-in for the parse worker whose behaviour each note's text picks, so that the pool's
// scheduling can be watched without real parsing: `slow N` parses for N ms, `hang` never ends,
// `crash` kills the worker, and `peek N` parses for N ms then reports whether the pool had already
// posted the next job (which it then parses). Every answer says which worker thread gave it.
const FAKE_WORKER = `
const { parentPort, threadId, receiveMessageOnPort } = require('node:worker_threads');
const busy = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
const answer = (request, extra) => parentPort.postMessage({ id: request.id, facts: { uri: request.uri, threadId, ...extra } });
const handle = (request) => {
  const [command, argument] = request.text.split(' ');
  if (command === 'hang') for (;;);
  if (command === 'crash') process.exit(3);
  if (command === 'slow') busy(Number(argument));
  if (command === 'peek') {
    busy(Number(argument));
    const next = receiveMessageOnPort(parentPort);
    answer(request, { nextWasPosted: next !== undefined });
    if (next) handle(next.message);
    return;
  }
  answer(request, {});
};
parentPort.on('message', handle);
`;

/** What the fake worker answers in place of facts. */
interface FakeFacts {
  uri: string;
  threadId: number;
  nextWasPosted?: boolean;
}

const FAST: PoolTimeouts = { parseMs: 2_000, idleStopMs: 30_000 };

describe('the worker pool parser', () => {
  let folder: string;
  let script: string;
  const pools: WorkerPoolParser[] = [];

  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'marginalia-fake-worker-'));
    script = path.join(folder, 'fakeWorker.js');
    writeFileSync(script, FAKE_WORKER);
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  afterEach(() => {
    for (const pool of pools.splice(0)) pool.dispose();
  });

  function pool(size: number, timeouts: PoolTimeouts = FAST): WorkerPoolParser {
    const parser = new WorkerPoolParser(script, size, undefined, timeouts);
    pools.push(parser);
    return parser;
  }

  function parse(parser: WorkerPoolParser, uri: string, text: string, urgent = false): Promise<FakeFacts> {
    return parser.parse(uri, text, { urgent }) as Promise<unknown> as Promise<FakeFacts>;
  }

  /** Parses the notes, all queued at once, and gives their names in the order their parses finished. */
  async function finishingOrder(
    parser: WorkerPoolParser,
    notes: Array<{ uri: string; text: string; urgent?: boolean }>,
  ): Promise<string[]> {
    const finished: string[] = [];
    await Promise.all(notes.map(({ uri, text, urgent }) => parse(parser, uri, text, urgent).then(() => finished.push(uri))));
    return finished;
  }

  it('answers each note with its own facts', async () => {
    const parser = pool(2);
    const facts = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((uri) => parse(parser, uri, 'fast')));
    assert.deepEqual(
      facts.map((fact) => fact.uri),
      ['a', 'b', 'c', 'd', 'e'],
    );
  });

  it('posts a worker its next note while it still parses the current one, so it never waits between notes', async () => {
    const parser = pool(1);
    const [first, second] = await Promise.all([parse(parser, 'first', 'peek 300'), parse(parser, 'second', 'fast')]);
    assert.equal(first.nextWasPosted, true);
    assert.equal(second.threadId, first.threadId);
  });

  it('gives every worker a note before giving any worker a second one', async () => {
    const parser = pool(2);
    const [first, second] = await Promise.all([parse(parser, 'first', 'peek 300'), parse(parser, 'second', 'slow 300')]);
    assert.notEqual(first.threadId, second.threadId);
    assert.equal(first.nextWasPosted, false);
  });

  it('times each note from when its worker starts on it, not from when it was posted', async () => {
    const parser = pool(1, { parseMs: 1_000, idleStopMs: 30_000 });
    const facts = await Promise.all([parse(parser, 'first', 'slow 600'), parse(parser, 'second', 'slow 600')]);
    assert.deepEqual(
      facts.map((fact) => fact.uri),
      ['first', 'second'],
    );
  });

  it('fails a note that parses too long, and parses the note queued behind it on a new worker', async () => {
    const parser = pool(1, { parseMs: 300, idleStopMs: 30_000 });
    const hung = parse(parser, 'hung', 'hang');
    const behind = parse(parser, 'behind', 'fast');
    await assert.rejects(hung, /could not parse hung: parsing took longer than 0.3 s/);
    const facts = await behind;
    assert.equal(facts.uri, 'behind');
    const after = await parse(parser, 'after', 'fast');
    assert.equal(after.threadId, facts.threadId);
  });

  it('gives a long note more time in proportion to its length', async () => {
    const parser = pool(1, { parseMs: 300, parseMsPerMillionChars: 1_000, idleStopMs: 30_000 });
    const long = `slow 600 ${'x'.repeat(1_000_000)}`;
    assert.equal((await parse(parser, 'long', long)).uri, 'long');
    await assert.rejects(parse(parser, 'short', 'slow 600'), /could not parse short: parsing took longer than 0.3 s/);
  });

  it('fails only the note whose worker died, and parses the others on a new worker', async () => {
    const parser = pool(1);
    const crashed = parse(parser, 'crashed', 'crash');
    const behind = parse(parser, 'behind', 'fast');
    const later = parse(parser, 'later', 'fast');
    await assert.rejects(crashed, /could not parse crashed: parser worker stopped \(exit code 3\)/);
    assert.deepEqual([(await behind).uri, (await later).uri], ['behind', 'later']);
  });

  it('refuses a note that stopped its worker twice until its text changes', async () => {
    const parser = pool(1);
    await assert.rejects(parse(parser, 'note', 'crash'), /exit code 3/);
    await assert.rejects(parse(parser, 'note', 'crash'), /exit code 3/);
    await assert.rejects(
      parse(parser, 'note', 'crash'),
      /could not parse note: not parsed: it stopped the parser 2 times; it is read again once it changes/,
    );
    assert.equal(await parse(parser, 'other', 'crash').catch(() => undefined), undefined, 'another note is still tried');
    assert.equal((await parse(parser, 'note', 'fast')).uri, 'note');
  });

  for (const [what, text, expected] of [
    ['answered', 'slow 300', 'parsed note'],
    ['whose worker died', 'crash', 'failed: could not parse note: parser worker stopped (exit code 3)'],
  ]) {
    it(`keeps a process that waits on nothing else alive until a note is ${what} (it used to exit first, silently)`, () => {
      const program = path.join(folder, `waits-${text.replace(' ', '-')}.ts`);
      const pool = JSON.stringify(path.resolve('server/src/parse/workerParser'));
      writeFileSync(
        program,
        `import { WorkerPoolParser } from ${pool};
new WorkerPoolParser(${JSON.stringify(script)}, 1).parse('note', ${JSON.stringify(text)}).then((facts: any) => console.log('parsed', facts.uri), (error: Error) => console.log('failed:', error.message));
`,
      );
      const output = execFileSync(process.execPath, ['--require', 'tsx/cjs', program], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(output.trim(), expected);
    });
  }

  it('leaves the notes of other workers alone when one worker dies', async () => {
    const parser = pool(2);
    const survivor = parse(parser, 'survivor', 'slow 300');
    const crashed = parse(parser, 'crashed', 'crash');
    await assert.rejects(crashed);
    assert.equal((await survivor).uri, 'survivor');
  });

  it('parses an urgent note before the notes queued earlier, once its worker is free', async () => {
    const parser = pool(1);
    const order = await finishingOrder(parser, [
      { uri: 'parsing', text: 'slow 300' },
      { uri: 'posted', text: 'fast' },
      { uri: 'queued-1', text: 'fast' },
      { uri: 'queued-2', text: 'fast' },
      { uri: 'urgent', text: 'fast', urgent: true },
    ]);
    assert.deepEqual(order, ['parsing', 'posted', 'urgent', 'queued-1', 'queued-2']);
  });

  it('keeps urgent notes in the order they came', async () => {
    const parser = pool(1);
    const order = await finishingOrder(parser, [
      { uri: 'parsing', text: 'slow 300' },
      { uri: 'posted', text: 'fast' },
      { uri: 'queued', text: 'fast' },
      { uri: 'urgent-1', text: 'fast', urgent: true },
      { uri: 'urgent-2', text: 'fast', urgent: true },
    ]);
    assert.deepEqual(order, ['parsing', 'posted', 'urgent-1', 'urgent-2', 'queued']);
  });

  it('sends the notes behind a hung one back to the queue, where they do not overtake urgent notes', async () => {
    const parser = pool(1, { parseMs: 300, idleStopMs: 30_000 });
    const hung = parse(parser, 'hung', 'hang').catch(() => 'failed');
    const order = await finishingOrder(parser, [
      { uri: 'behind', text: 'fast' },
      { uri: 'urgent', text: 'fast', urgent: true },
    ]);
    assert.equal(await hung, 'failed');
    assert.deepEqual(order, ['urgent', 'behind']);
  });

  it('stops a worker that has been idle for a while and starts a fresh one for the next note', async () => {
    const parser = pool(1, { parseMs: 2_000, idleStopMs: 200 });
    const first = await parse(parser, 'first', 'fast');
    const soon = await parse(parser, 'soon', 'fast');
    assert.equal(soon.threadId, first.threadId);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const later = await parse(parser, 'later', 'fast');
    assert.notEqual(later.threadId, first.threadId);
  });

  it('stops an idle worker at once when told the bulk of the work is done, and starts a fresh one for the next note', async () => {
    const parser = pool(1);
    const first = await parse(parser, 'first', 'fast');
    parser.releaseIdle();
    const later = await parse(parser, 'later', 'fast');
    assert.notEqual(later.threadId, first.threadId);
  });

  it('lets a busy worker finish its note when idle ones are released', async () => {
    const parser = pool(1);
    const first = await parse(parser, 'first', 'fast');
    const parsing = parse(parser, 'parsing', 'slow 300');
    await new Promise((resolve) => setTimeout(resolve, 50));
    parser.releaseIdle();
    assert.equal((await parsing).threadId, first.threadId);
    assert.equal((await parse(parser, 'next', 'fast')).threadId, first.threadId, 'still running, so still used');
  });

  it('rejects every note, parsing or queued, when disposed, and every note after', async () => {
    const parser = pool(1);
    const notes = ['parsing', 'posted', 'queued'].map((uri) => parse(parser, uri, uri === 'parsing' ? 'slow 300' : 'fast'));
    const urgent = parse(parser, 'urgent', 'fast', true);
    parser.dispose();
    for (const note of [...notes, urgent]) await assert.rejects(note, /shut down/);
    await assert.rejects(parse(parser, 'after', 'fast'), /shut down/);
  });
});
