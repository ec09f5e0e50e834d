import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScript } from '../../../../common/runner/runner';
import {
  formatGpuNames,
  parseNvccVersion,
  parseNvidiaSmiCsv,
  parseNvidiaSmiList,
  parseNvidiaSmiTable,
  queryFieldsOf,
} from '../../../../common/runner/gpuSummaries';
import { commandsOfScript } from '../../../../common/runner/scriptCommands';
import { findMissingCommands, firstMeaningfulLine, summarizeRun } from '../../../../common/runner/toolSummaries';
import { countTestLines, parseVerilatorVersion, verilatorExecutable } from '../../../../common/runner/verilatorSummaries';
import { fixturesDir } from './helpers';

const gpu = (name: string) => fs.readFileSync(path.join(fixturesDir, 'gpu', name), 'utf8');
const verilatorOutput = (name: string) => fs.readFileSync(path.join(fixturesDir, 'verilator', name), 'utf8');
const QUERY = 'nvidia-smi --query-gpu=index,name,driver_version,memory.total,memory.used,utilization.gpu,temperature.gpu --format=csv';

describe('snippets: summaries of floods', () => {
  const flood = 'y\n'.repeat(16 * 1024 * 1024);

  it('reads only the start and the end of a 32 MB output, and still finds what is there', () => {
    const started = performance.now();
    const success = summarizeRun({ script: 'make', output: `Build started\n${flood}`, exitCode: 0 });
    const failure = summarizeRun({ script: 'make', output: `${flood}fatal: disk full\n`, exitCode: 2 });
    const elapsed = performance.now() - started;
    assert.equal(success, 'Build started');
    assert.equal(failure, 'fatal: disk full');
    // Reading every line takes seconds and would freeze the editor; the ends take milliseconds.
    assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
  });

  it('finds a missing tool and a Verilator error at either end of a flood', () => {
    assert.equal(
      summarizeRun({ script: 'nvcc -V', output: `${flood}bash: line 1: nvcc: command not found\n`, exitCode: 127 }),
      'nvcc not found — install the CUDA toolkit',
    );
    assert.equal(
      summarizeRun({ script: 'verilator --build Top.v', output: `%Error: Top.v:3:1: syntax error\n${flood}`, exitCode: 1 }),
      '%Error: Top.v:3:1: syntax error',
    );
  });
});

describe('snippets: nvidia-smi and nvcc summaries (real captured output)', () => {
  it('reads the default nvidia-smi table', () => {
    const report = parseNvidiaSmiTable(gpu('nvidia-smi.txt'));
    assert.deepEqual(report, {
      driverVersion: '580.159.04',
      cudaVersion: '13.0',
      gpus: [{ index: 0, name: 'NVIDIA H100 80GB HBM3', memoryUsedMiB: 0, memoryTotalMiB: 81559, temperatureC: 40, utilizationPct: 0 }],
    });
    assert.equal(
      summarizeRun({ script: 'nvidia-smi', output: gpu('nvidia-smi.txt'), exitCode: 0 }),
      '1 GPU: NVIDIA H100 80GB HBM3 · driver 580.159.04 · CUDA 13.0 · 0 / 81559 MiB used · 0% busy · 40 °C',
    );
  });

  it('reads nvidia-smi -L', () => {
    assert.deepEqual(parseNvidiaSmiList(gpu('nvidia-smi-L.txt')), {
      gpus: [{ index: 0, name: 'NVIDIA H100 80GB HBM3', uuid: 'GPU-5172d5b0-4075-2403-be7f-10c536c26f5b' }],
    });
    assert.equal(summarizeRun({ script: 'nvidia-smi -L', output: gpu('nvidia-smi-L.txt'), exitCode: 0 }), '1 GPU: NVIDIA H100 80GB HBM3');
  });

  it('reads nvidia-smi --query-gpu … --format=csv', () => {
    assert.deepEqual(parseNvidiaSmiCsv(gpu('nvidia-smi-query.csv')), {
      driverVersion: '580.159.04',
      gpus: [
        {
          index: 0,
          name: 'NVIDIA H100 80GB HBM3',
          uuid: undefined,
          memoryUsedMiB: 0,
          memoryTotalMiB: 81559,
          utilizationPct: 0,
          temperatureC: 39,
        },
      ],
    });
    assert.equal(
      summarizeRun({ script: QUERY, output: gpu('nvidia-smi-query.csv'), exitCode: 0 }),
      '1 GPU: NVIDIA H100 80GB HBM3 · driver 580.159.04 · 0 / 81559 MiB used · 0% busy · 39 °C',
    );
  });

  it('reads CSV without a header or units, taking the fields from the command', () => {
    const noHeader = gpu('nvidia-smi-query.csv')
      .split('\n')
      .slice(1)
      .join('\n')
      .replace(/ MiB| %/g, '');
    const script = QUERY.replace('--format=csv', '--format=csv,noheader,nounits');
    assert.deepEqual(queryFieldsOf(commandsOfScript(script)[0].args), [
      'index',
      'name',
      'driver_version',
      'memory.total',
      'memory.used',
      'utilization.gpu',
      'temperature.gpu',
    ]);
    assert.equal(
      summarizeRun({ script, output: noHeader, exitCode: 0 }),
      '1 GPU: NVIDIA H100 80GB HBM3 · driver 580.159.04 · 0 / 81559 MiB used · 0% busy · 39 °C',
    );
  });

  it('reads nvcc -V', () => {
    assert.deepEqual(parseNvccVersion(gpu('nvcc-V.txt')), { release: '13.0', build: 'V13.0.88' });
    assert.equal(summarizeRun({ script: 'nvcc -V', output: gpu('nvcc-V.txt'), exitCode: 0 }), 'CUDA 13.0 (V13.0.88)');
    assert.equal(
      summarizeRun({ script: '/usr/local/cuda/bin/nvcc --version', output: gpu('nvcc-V.txt'), exitCode: 0 }),
      'CUDA 13.0 (V13.0.88)',
    );
  });

  it('summarises each known tool of a script', () => {
    const output = gpu('nvidia-smi-L.txt') + gpu('nvcc-V.txt');
    assert.equal(
      summarizeRun({ script: 'nvidia-smi -L && nvcc -V', output, exitCode: 0 }),
      '1 GPU: NVIDIA H100 80GB HBM3; CUDA 13.0 (V13.0.88)',
    );
  });

  it('adds up several GPUs (the fixture row repeated as a second GPU)', () => {
    const lines = gpu('nvidia-smi.txt').split('\n');
    const row = lines.findIndex((l) => /^\|\s+0\s+NVIDIA/.test(l));
    const second = [lines[row].replace('|   0 ', '|   1 '), lines[row + 1].replace('0MiB /', '1024MiB /'), lines[row + 2]];
    lines.splice(row + 3, 0, lines[row + 3], ...second);
    const report = parseNvidiaSmiTable(lines.join('\n'));
    assert.equal(report?.gpus.length, 2);
    assert.equal(
      summarizeRun({ script: 'nvidia-smi', output: lines.join('\n'), exitCode: 0 }),
      '2 GPUs: NVIDIA H100 80GB HBM3 · driver 580.159.04 · CUDA 13.0 · 1024 / 163118 MiB used',
    );
    assert.equal(formatGpuNames([{ name: 'A' }, { name: 'A' }, { name: 'B' }]), '3 GPUs: 2× A, B');
  });

  it('explains an nvidia-smi that cannot reach the driver', () => {
    const output =
      "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n";
    assert.equal(
      summarizeRun({ script: 'nvidia-smi', output, exitCode: 9 }),
      'nvidia-smi cannot talk to the NVIDIA driver: is it installed and loaded?',
    );
  });
});

describe('snippets: missing tools (real shells)', function () {
  this.timeout(20_000);
  // An empty PATH makes every tool missing, whatever this machine has installed.
  const env = { ...process.env, PATH: '/nonexistent-marginalia-path' };
  const run = (script: string, shell = '/bin/bash') => runScript({ script, cwd: os.tmpdir(), env, shell });

  it('says there is no NVIDIA driver when nvidia-smi is missing', async () => {
    const result = await run('nvidia-smi');
    assert.equal(result.exitCode, 127);
    assert.equal(summarizeRun({ script: 'nvidia-smi', ...result }), 'nvidia-smi not found: no NVIDIA driver on this machine');
  });

  it('says how to install verilator when it is missing', async () => {
    const result = await run('verilator --version');
    assert.equal(summarizeRun({ script: 'verilator --version', ...result }), 'verilator not found — Debian/Ubuntu: apt install verilator');
  });

  it('says to install the CUDA toolkit when nvcc is missing, also under sh', async () => {
    const result = await run('nvcc -V', '/bin/sh');
    assert.equal(result.exitCode, 127);
    assert.equal(summarizeRun({ script: 'nvcc -V', ...result }), 'nvcc not found — install the CUDA toolkit');
  });

  it('names other missing commands only when the script failed', async () => {
    const failed = await run('frobnicate --all');
    assert.equal(summarizeRun({ script: 'frobnicate --all', ...failed }), 'frobnicate not found');
    const probed = await run('frobnicate || echo "no frobnicate, fine"');
    assert.equal(probed.exitCode, 0);
    assert.equal(summarizeRun({ script: 'frobnicate || echo "no frobnicate, fine"', ...probed }), 'no frobnicate, fine');
  });

  it('recognises the shells’ different messages', () => {
    assert.deepEqual(findMissingCommands('bash: line 1: nvcc: command not found\n'), ['nvcc']);
    assert.deepEqual(findMissingCommands('/bin/bash: nvidia-smi: command not found\n'), ['nvidia-smi']);
    assert.deepEqual(findMissingCommands('sh: 1: verilator: not found\n'), ['verilator']);
    assert.deepEqual(findMissingCommands('zsh:1: command not found: nvcc\n'), ['nvcc']);
    assert.deepEqual(findMissingCommands('bash: line 1: ./obj_dir/VAluTop: No such file or directory\n'), ['VAluTop']);
    assert.deepEqual(
      findMissingCommands('cat: notes.txt: No such file or directory\n'),
      [],
      'a tool’s own message is not a missing command',
    );
  });
});

describe('snippets: Verilator summaries (real captured output)', () => {
  const build = 'verilator --cc --exe --build -j 0 -Wall AluTop.v tb_AluTop.cpp';

  it('reads verilator --version', () => {
    assert.deepEqual(parseVerilatorVersion(verilatorOutput('version.txt')), { version: '5.006', date: '2023-01-22' });
    assert.equal(
      summarizeRun({ script: 'verilator --version', output: verilatorOutput('version.txt'), exitCode: 0 }),
      'Verilator 5.006 (2023-01-22)',
    );
  });

  it('shows the warning that stopped a -Wall build', () => {
    assert.equal(
      summarizeRun({ script: build, output: verilatorOutput('build-stopped-by-warning.txt'), exitCode: 1 }),
      "build stopped by 1 warning: %Warning-UNUSEDSIGNAL: AluTop.v:8:23: Bits of signal are not used: 'io_sw'[7:6]",
    );
  });

  it('shows the first real %Error', () => {
    assert.equal(
      summarizeRun({ script: 'verilator --cc --build -Wall Bad.v', output: verilatorOutput('syntax-error.txt'), exitCode: 1 }),
      "%Error: Bad.v:1:27: syntax error, unexpected end of file, expecting ',' or ';'",
    );
  });

  it('shows the compiler error when the testbench does not compile', () => {
    assert.equal(
      summarizeRun({
        script: 'verilator --cc --exe --build -j 0 -Wall AluTop.v tb_bad.cpp',
        output: verilatorOutput('testbench-compile-error.txt'),
        exitCode: 2,
      }),
      'build failed: ../tb_bad.cpp:2:31: error: ‘class VAluTop’ has no member named ‘no_such_port’',
    );
  });

  it('names the built model and counts the testbench’s verdicts', () => {
    const output = 'make: Leaving directory\nTest passed! Input: 12, Output: 3\nTest failed! Input: 281, Expected: 2, Got: 0\n';
    assert.equal(
      summarizeRun({ script: `${build} && ./obj_dir/VAluTop`, output, exitCode: 0 }),
      'built obj_dir/VAluTop · 1 failed, 1 passed',
    );
    assert.equal(summarizeRun({ script: build, output: 'make: Leaving directory\n', exitCode: 0 }), 'built obj_dir/VAluTop');
    assert.deepEqual(countTestLines('PASS: add\nFAIL: sub\ncheck 3 passed\nnot a verdict: passed\n'), { passed: 2, failed: 1 });
  });

  it('works out where --build puts the executable', () => {
    const args = (text: string) => commandsOfScript(text)[0].args;
    assert.equal(verilatorExecutable(args('verilator --cc --exe --build AluTop.v tb.cpp')), 'obj_dir/VAluTop');
    assert.equal(verilatorExecutable(args('verilator --binary --top-module Core rtl/core.sv rtl/alu.sv')), 'obj_dir/VCore');
    assert.equal(verilatorExecutable(args('verilator --cc --build --Mdir out --prefix Vsim a.v')), 'out/Vsim');
    assert.equal(verilatorExecutable(args('verilator --binary -o sim a.v')), 'obj_dir/sim');
  });
});

describe('snippets: other commands', () => {
  it('shows the first meaningful line of a success', () => {
    assert.equal(firstMeaningfulLine('\n+------+\n|      |\n$ echo hi\n  hello world  \nmore\n', 0), 'hello world');
  });

  it('shows an error-looking line, else the last line, of a failure', () => {
    assert.equal(firstMeaningfulLine('compiling\nld: cannot find -lfoo\ndone\n', 1), 'ld: cannot find -lfoo');
    assert.equal(firstMeaningfulLine('step 1\nstep 2\nquitting\n', 1), 'quitting');
  });

  it('says when there was no output', () => {
    assert.equal(firstMeaningfulLine('', 0), 'no output');
    assert.equal(firstMeaningfulLine('\n\n', 4), 'exit 4, no output');
    assert.equal(firstMeaningfulLine('', null, 'SIGKILL'), 'killed by SIGKILL, no output');
  });

  it('skips the truncation marker and clips long lines', () => {
    const long = 'x'.repeat(500);
    assert.equal(firstMeaningfulLine(`… [marginalia: 1.0 MB of output omitted] …\n${long}\n`, 0).length, 160);
  });

  it('finds the commands of a script', () => {
    assert.deepEqual(
      commandsOfScript('# check\nsudo CUDA_VISIBLE_DEVICES=0 /usr/bin/nvidia-smi -L | head -1; time nvcc -V # version').map((c) => c.name),
      ['nvidia-smi', 'head', 'nvcc'],
    );
  });
});
