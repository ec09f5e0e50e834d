// Runs the fixture note's Verilator snippet for real: the module and the testbench are file blocks
// of the note, written into a scratch directory, then built and simulated by the bash block.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeBlockFact } from '../../../../server/src/parse/facts';
import { executePlan } from '../../../../common/runner/execute';
import { findBlockByName, isRunnableBlock, planRun } from '../../../../common/runner/runnable';
import { scratchDirFor } from '../../../../common/runner/scratch';
import { fixturesDir, readFencedBlocks, removeTempDirs, tempDir } from './helpers';

const notePath = path.join(fixturesDir, 'notes', 'alu-verilator.md');

function verilatorInstalled(): boolean {
  return spawnSync('verilator', ['--version'], { stdio: 'ignore' }).status === 0;
}

after(removeTempDirs);

describe('snippets: Verilator build of a note, end to end', function () {
  this.timeout(300_000);
  let blocks: CodeBlockFact[];

  before(function () {
    if (!verilatorInstalled()) {
      if (process.env.CI) {
        throw new Error('verilator is not installed; CI must install it (apt-get install -y verilator)');
      }
      console.warn(
        [
          '',
          '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
          '!!  SKIPPING the Verilator end-to-end tests: verilator is not on PATH.',
          '!!  Install it to run them: apt-get install -y verilator (CI fails without it).',
          '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
          '',
        ].join('\n'),
      );
      this.skip();
    }
    blocks = readFencedBlocks(fs.readFileSync(notePath, 'utf8'));
  });

  it('builds AluTop with the testbench from the note and passes all four vectors', async () => {
    const block = findBlockByName(blocks, 'alu-test');
    assert.ok(block, 'the note has a block named alu-test');
    const plan = planRun(blocks, block);
    assert.deepEqual(plan.errors, []);
    assert.deepEqual(
      plan.files.map((f) => f.name),
      ['AluTop.v', 'tb_AluTop.cpp'],
    );
    assert.equal(plan.options.timeoutSec, 300);

    const scratchBase = tempDir('verilator');
    const execution = await executePlan(plan, { notePath, scratchBase });
    const dir = scratchDirFor(scratchBase, notePath);
    assert.equal(execution.error, undefined);
    assert.equal(execution.cwd, dir);
    assert.equal(execution.exitCode, 0, execution.output);
    assert.equal(execution.output.match(/^Test passed!/gm)?.length, 4, execution.output);
    assert.doesNotMatch(execution.output, /Test failed|%Warning|%Error/);
    assert.match(execution.output, /^Test passed! Input: 12, Output: 3$/m);
    assert.match(execution.output, /^Test passed! Input: 814, Output: 4$/m);
    assert.equal(execution.summary, 'built obj_dir/VAluTop · 4 passed');
    assert.match(execution.outcome, /^✓ exit 0 · /);
    assert.ok(fs.existsSync(path.join(dir, 'obj_dir', 'VAluTop')), 'the model was built in the scratch directory');
    assert.equal(fs.existsSync(path.join(path.dirname(notePath), 'obj_dir')), false, 'nothing was built next to the note');
  });

  it('summarises the note’s verilator --version transcript', async () => {
    const transcript = blocks.find((b) => b.lang === 'console' && isRunnableBlock(b));
    assert.ok(transcript);
    const execution = await executePlan(planRun(blocks, transcript), { notePath, scratchBase: tempDir('verilator-version') });
    assert.equal(execution.exitCode, 0);
    assert.match(execution.summary, /^Verilator \d+\.\d+( \(\d{4}-\d{2}-\d{2}\))?$/);
  });

  it('stops a -Wall build on a warning and shows it', async () => {
    // Without the unused_sw idiom, io_sw[7:6] is unread: UNUSEDSIGNAL, fatal under -Wall.
    const edited = blocks.map((b) => (b.meta === 'file=AluTop.v' ? { ...b, value: b.value.replace(/^.*unused_sw.*$/m, '') } : b));
    const block = findBlockByName(edited, 'alu-test');
    assert.ok(block);
    const execution = await executePlan(planRun(edited, block), { notePath, scratchBase: tempDir('verilator-warn') });
    assert.notEqual(execution.exitCode, 0);
    assert.match(
      execution.summary,
      /^build stopped by 1 warning: %Warning-UNUSEDSIGNAL: AluTop\.v:\d+:\d+: Bits of signal are not used: 'io_sw'\[7:6\]$/,
    );
    assert.doesNotMatch(execution.output, /Test passed/);
  });

  it('reports the testbench’s failures when the design is wrong', async () => {
    // The plain operand wiring b = io_sw[2:0] gets 1 + 4 = 5 for the first vector, not 3.
    const edited = blocks.map((b) =>
      b.meta === 'file=AluTop.v' ? { ...b, value: b.value.replace("{7'd0, io_sw[1], io_sw[2], io_sw[0]}", "{7'd0, io_sw[2:0]}") } : b,
    );
    assert.notDeepEqual(edited, blocks, 'the wiring was changed');
    const block = findBlockByName(edited, 'alu-test');
    assert.ok(block);
    const execution = await executePlan(planRun(edited, block), { notePath, scratchBase: tempDir('verilator-wrong') });
    assert.equal(execution.exitCode, 0, 'the seed testbench prints failures but exits 0');
    assert.match(execution.output, /^Test failed! Input: 12, Expected: 3, Got: 5$/m);
    assert.equal(execution.summary, 'built obj_dir/VAluTop · 1 failed, 3 passed');
  });
});
