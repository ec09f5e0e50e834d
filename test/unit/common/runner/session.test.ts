import assert from 'node:assert/strict';
import * as path from 'node:path';
import { planRun, runnableBlocks } from '../../../../common/runner/runnable';
import { blockLabel, lineLabel, runInOrder, RunSession, withOverrides } from '../../../../common/runner/session';
import { fence, removeTempDirs, tempDir } from './helpers';

describe('snippets: the run session both front ends share', () => {
  after(removeTempDirs);

  it('lists the shell blocks of a note as data, with the plan each would run', () => {
    const blocks = [
      fence('bash {name=build}', 'make', 2),
      fence('c file=main.c', 'int main() {}', 6),
      fence('console', 'no prompt here', 10),
      fence('python', 'print(1)', 14),
    ];
    const listed = runnableBlocks(blocks, [0, 9]);
    assert.deepEqual(
      listed.map(({ line, endLine, name, hasCommands }) => ({ line, endLine, name, hasCommands })),
      [
        { line: 2, endLine: 4, name: 'build', hasCommands: true },
        { line: 10, endLine: 12, name: undefined, hasCommands: false },
      ],
    );
    assert.deepEqual(listed[0].plan, planRun(blocks, blocks[0], [0, 9]));
    assert.deepEqual(
      listed[0].plan.files.map((file) => file.name),
      ['main.c'],
      'the file block of its own section',
    );
    assert.deepEqual(listed[1].plan.files, [], 'not the file block of another section');
  });

  it('lets a front end override the timeout and the directory, over the block’s own options', () => {
    const [block] = runnableBlocks([fence('bash {cwd=build timeout=5}', 'make')], []);
    assert.deepEqual(withOverrides(block.plan, { timeoutSec: 0, cwd: 'scratch' }).options, { timeoutSec: 0 });
    assert.equal(withOverrides(block.plan, { cwd: 'note' }).options.cwd, '.');
    assert.equal(withOverrides(block.plan, { defaultCwd: 'note' }).options.cwd, 'build', 'a block that names its folder keeps it');
    const [plain] = runnableBlocks([fence('bash', 'make')], []);
    assert.equal(withOverrides(plain.plan, { defaultCwd: 'note' }).options.cwd, '.');
    assert.equal(withOverrides(plain.plan, {}).options.cwd, undefined);
    withOverrides(plain.plan, {}).errors.push('changed');
    assert.deepEqual(plain.plan.errors, [], 'the block’s own plan stays as it came');
  });

  it('names blocks the same way in the CLI and the editor', () => {
    assert.equal(lineLabel({ line: 11, name: 'gpu-check' }), 'line 12 (gpu-check)');
    assert.equal(blockLabel('note.md', { line: 11 }), 'note.md:12');
    const session = new RunSession({ notePath: '/notes/gpu.md', scratchBase: '/tmp/x' });
    assert.equal(
      session.labelOf({ line: 0, endLine: 2, name: 'a', hasCommands: true, plan: planRun([], fence('bash', 'true')) }),
      'gpu.md:1 (a)',
    );
  });

  it('runs blocks in order and stops at the first that fails', async () => {
    const blocks = runnableBlocks([fence('bash', 'true', 0), fence('bash', 'false', 4), fence('bash', 'true', 8)], []);
    const ran: number[] = [];
    const { results, stoppedAt } = await runInOrder(
      blocks,
      async (block) => {
        ran.push(block.line);
        return block.plan.script === 'true';
      },
      (ok) => ok,
    );
    assert.deepEqual(ran, [0, 4]);
    assert.deepEqual(results, [true, false]);
    assert.equal(stoppedAt, blocks[1]);
    assert.equal(
      (
        await runInOrder(
          blocks.slice(0, 1),
          async () => true,
          (ok) => ok,
        )
      ).stoppedAt,
      undefined,
    );
  });

  it('prepares the scratch directory with the file blocks for a run elsewhere (a terminal)', async () => {
    const base = tempDir('marginalia-session-');
    const notePath = path.join(base, 'notes', 'note.md');
    const session = new RunSession({ notePath, scratchBase: path.join(base, 'runs') });
    const [block] = runnableBlocks([fence('bash', 'cat hello.txt', 0), fence('text file=hello.txt', 'hi', 4)], []);
    const plan = session.planOf(block);
    assert.equal(session.prepareDirectory(plan), undefined);
    const { dir, scratch } = session.directoryOf(plan);
    assert.equal(scratch, true);
    const execution = await session.execute(plan, {});
    assert.equal(execution.cwd, dir);
    assert.equal(execution.output, 'hi\n');
  });
});
