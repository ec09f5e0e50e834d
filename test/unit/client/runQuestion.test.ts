// The question the editor asks before a run that does more than its block shows, and the lines
// the output channel echoes.
import assert from 'node:assert/strict';
import { commandEcho, filesEcho, runQuestion } from '../../../client/src/runs/runQuestion';
import type { RunPlan, RunPreview } from '../../../common/runner';

const plan = (script: string, keepGoing = false): RunPlan => ({
  script,
  lang: 'bash',
  options: keepGoing ? { keepGoing } : {},
  files: [],
  errors: [],
  warnings: [],
});

describe('the client: the question before a run', () => {
  it("names every file written into a folder of the user's and says which one it replaces", () => {
    const preview: RunPreview = {
      dir: '/home/me',
      scratch: false,
      writes: [{ name: '.bashrc', target: '/home/me/.bashrc', line: 8, state: 'replaces' }],
      risky: [],
    };
    assert.deepEqual(runQuestion('setup.md:3', preview, false), {
      message: 'Run setup.md:3? It replaces a file of yours.',
      detail:
        'It runs in /home/me, a folder of yours (not the run directory), and first writes there:\n  .bashrc (block at line 9) — replaces the file there now',
    });
  });

  it('names the lines that need care, unless the user turned the question off', () => {
    const preview: RunPreview = {
      dir: '/runs/cuda-1',
      scratch: true,
      writes: [{ name: 'a.cu', target: '/runs/cuda-1/a.cu', line: 2, state: 'new' }],
      risky: [{ line: 2, text: 'sudo dpkg -i cuda.deb', reasons: ['runs as root', 'installs or removes packages'] }],
    };
    assert.deepEqual(runQuestion('cuda.md:10', preview, true), {
      message: 'Run cuda.md:10?',
      detail: 'These lines need care:\n  sudo dpkg -i cuda.deb — runs as root; installs or removes packages',
    });
    assert.equal(runQuestion('cuda.md:10', preview, false), undefined);
  });

  it('echoes the commands and the files written, control characters made visible', () => {
    assert.deepEqual(commandEcho(plan('nvidia-smi\nnvcc -V\x1b[2K\n')), ['$ nvidia-smi', '$ nvcc -V\\e[2K']);
    assert.deepEqual(commandEcho(plan('make', true)), ['$ make', '(keep-going: runs every line even after one fails)']);
    assert.deepEqual(filesEcho(['/runs/alu-1/AluTop.v']), ['wrote /runs/alu-1/AluTop.v']);
  });
});
