// The README's Emacs set-up, run in Debian's Emacs (28.2, eglot 1.9 from elpa-eglot) in batch mode: the
// Emacs Lisp block is taken from the README as written, so the README cannot drift from what works.
// Needs `npm run build` and `emacs` with eglot (.ci/run installs emacs-nox, elpa-eglot and
// elpa-markdown-mode).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SEEDS = path.join(ROOT, 'seeds');
const NOTE = '001_7e5cbe7abf80e26e.md';
const OTHER = '000_2a3c44dcec08f07f.md'; // mentions FasterTransformer, which NOTE defines

/** The first Emacs Lisp block after the README's "**Emacs**" line, pointed at this checkout. */
function readmeConfig(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const from = readme.indexOf('**Emacs**');
  assert.ok(from >= 0, 'the README has an Emacs set-up');
  const block = /```elisp\n([\s\S]*?)```/.exec(readme.slice(from));
  assert.ok(block, 'an Emacs Lisp block follows it');
  return block[1].replaceAll('/path/to/marginalia', ROOT);
}

/** A Lisp string literal (JSON's escapes are a subset of Emacs Lisp's for the paths used here). */
const lisp = (text: string): string => JSON.stringify(text);

/**
 * Emacs Lisp that starts as an interactive Emacs would (packages activated, then init.el), opens the note,
 * waits for eglot, asks hover, definition and completion the way eglot's own commands do, and writes the
 * answers as JSON.
 */
function probe(init: string, note: string, other: string, out: string): string {
  return `;;; -*- lexical-binding: t -*-
(require 'json)
;; An interactive Emacs activates installed packages (Debian's elpa-eglot among them) before reading
;; init.el; --batch reads no init file and so skips it.
(package-activate-all)
(unless (locate-library "markdown-mode") ; a stand-in where elpa-markdown-mode is not installed
  (define-derived-mode markdown-mode text-mode "Markdown")
  (add-to-list 'auto-mode-alist '("\\\\.md\\\\'" . markdown-mode)))
(load ${lisp(init)} nil t)

(defvar probe-result nil)
(defun probe-put (key value) (setq probe-result (plist-put probe-result key value)))
(defun probe-wait (seconds done)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall done)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (funcall done)))
(defun probe-at (needle offset)
  (goto-char (point-min))
  (search-forward needle)
  (goto-char (+ (match-beginning 0) offset)))

(condition-case err
    (progn
      (find-file ${lisp(note)})
      (probe-put :mode (symbol-name major-mode))
      ;; eglot-ensure connects when the command that opened the file ends; batch mode has no command loop.
      (run-hooks 'post-command-hook)
      (probe-put :connected (if (probe-wait 30 (lambda () (bound-and-true-p eglot--managed-mode))) t :json-false))
      (let ((server (eglot--current-server-or-lose)))
        (probe-put :command (vconcat (process-command (jsonrpc--process server))))
        ;; Hover on a project name, asked again until the server has an answer (it indexes in the background).
        (probe-at "vLLM 是一个" 1)
        (let (hover)
          (probe-wait 20 (lambda ()
                           (setq hover (jsonrpc-request server :textDocument/hover
                                                        (eglot--TextDocumentPositionParams)))
                           (or hover (progn (sleep-for 0.2) nil))))
          (probe-put :hover hover))
        ;; Definition through eglot's xref backend, as M-. asks it, from a name in another note.
        (with-current-buffer (find-file-noselect ${lisp(other)})
          (run-hooks 'post-command-hook)
          (probe-wait 10 (lambda () (bound-and-true-p eglot--managed-mode)))
          (probe-at "FasterTransformer等" 1)
          (probe-put :definitions
                     (vconcat
                      (mapcar (lambda (item)
                                (let ((location (xref-item-location item)))
                                  (list :file (xref-location-group location)
                                        :line (xref-location-line location)
                                        :summary (xref-item-summary item))))
                              (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot))))))
        ;; Completion after typing [x](# on a new first line, through eglot's completion-at-point.
        (goto-char (point-min))
        (insert "[x](#\\n")
        (goto-char (+ (point-min) 5))
        (eglot--signal-textDocument/didChange)
        (let* ((capf (eglot-completion-at-point))
               (table (nth 2 capf)))
          (probe-put :completions (vconcat (all-completions "" table))))))
  (error (probe-put :error (error-message-string err))))
(with-temp-file ${lisp(out)}
  (setq-local coding-system-for-write 'utf-8)
  (insert (json-encode probe-result)))
(kill-emacs 0)
`;
}

interface Result {
  mode?: string;
  connected?: boolean;
  command?: string[];
  hover?: { contents: { kind?: string; value: string } | string };
  definitions?: Array<{ file: string; line: number; summary: string }>;
  completions?: string[];
  error?: string;
}

describe('the README Emacs set-up, in Emacs batch mode with eglot', function () {
  this.timeout(90_000);
  let tmp: string;
  let result: Result;
  let log: string;

  before(function () {
    if (spawnSync('emacs', ['--version']).status !== 0) {
      // .ci/run installs Emacs; a bare machine may lack it
      console.log('    skipped: no `emacs` on PATH (Debian: apt-get install emacs-nox elpa-eglot elpa-markdown-mode)');
      this.skip();
    }
    tmp = mkdtempSync(path.join(os.tmpdir(), 'marginalia-emacs-'));
    const notes = path.join(tmp, 'notes');
    cpSync(SEEDS, notes, { recursive: true });
    mkdirSync(path.join(tmp, 'home'));
    writeFileSync(path.join(tmp, 'init.el'), readmeConfig());
    const out = path.join(tmp, 'result.json');
    writeFileSync(path.join(tmp, 'probe.el'), probe(path.join(tmp, 'init.el'), path.join(notes, NOTE), path.join(notes, OTHER), out));
    const run = spawnSync('emacs', ['--batch', '-l', path.join(tmp, 'probe.el')], {
      cwd: notes,
      encoding: 'utf8',
      timeout: 80_000,
      env: { ...process.env, HOME: path.join(tmp, 'home') }, // no one's own ~/.emacs.d
    });
    log = `${run.stderr}${run.stdout}`;
    assert.equal(run.status, 0, `emacs: ${log}`);
    result = JSON.parse(readFileSync(out, 'utf8')) as Result;
  });
  after(() => tmp && rmSync(tmp, { recursive: true, force: true }));

  it('starts the README command when a note opens', () => {
    assert.equal(result.error, undefined, `${result.error}\n${log}`);
    assert.equal(result.mode, 'markdown-mode');
    assert.equal(result.connected, true, log);
    assert.deepEqual(result.command, ['node', path.join(ROOT, 'dist/server.js'), '--stdio']);
  });

  it('shows the card of a name on hover', () => {
    assert.ok(result.hover, `no hover: ${JSON.stringify(result)}\n${log}`);
    const contents = result.hover.contents;
    const value = typeof contents === 'string' ? contents : contents.value;
    assert.match(value, /vLLM/);
    assert.match(value, /github\.com\/vllm-project\/vllm/);
  });

  it('jumps from a mention in one note to where another note defines the name', () => {
    const definitions = result.definitions ?? [];
    assert.equal(definitions.length, 1, JSON.stringify(result));
    assert.equal(path.basename(definitions[0].file), NOTE, JSON.stringify(definitions));
    assert.equal(definitions[0].line, 122, JSON.stringify(definitions)); // | 3 | [FasterTransformer](…) | NVIDIA | …
    assert.match(definitions[0].summary, /\[FasterTransformer\]\(https:\/\/github\.com\/NVIDIA\/FasterTransformer\)/);
  });

  it('completes a heading anchor inside a link', () => {
    // The note's heading `# 2 AI-OS` has the GitHub anchor `2-ai-os`.
    const completions = result.completions ?? [];
    assert.ok(completions.includes('2-ai-os'), completions.slice(0, 10).join('\n'));
  });
});
