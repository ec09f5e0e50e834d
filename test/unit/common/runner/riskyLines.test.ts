import assert from 'node:assert/strict';
import { riskyLines } from '../../../../common/runner/riskyLines';

/** The reasons found on each line of a script, as [line, reasons]. */
function risks(script: string, outsideRunDir = false): [number, string[]][] {
  return riskyLines(script, { outsideRunDir }).map((risky) => [risky.line, risky.reasons]);
}

describe('snippets: lines that need a question before they run', () => {
  it('names the lines of a CUDA install recipe', () => {
    const recipe = [
      'wget https://developer.download.nvidia.com/compute/cuda/repos/ubuntu2204/x86_64/cuda-keyring_1.1-1_all.deb',
      'sudo dpkg -i cuda-keyring_1.1-1_all.deb',
      'sudo apt-get update',
      'sudo apt-get -y install cuda-toolkit-12-4',
      'nvcc -V',
    ].join('\n');
    assert.deepEqual(risks(recipe), [
      [2, ['runs as root', 'installs or removes packages']],
      [3, ['runs as root']],
      [4, ['runs as root', 'installs or removes packages']],
    ]);
  });

  it('finds package installs, downloads piped into a shell and recursive deletes', () => {
    assert.deepEqual(risks('pip install torch'), [[1, ['installs or removes packages']]]);
    assert.deepEqual(risks('python3 -m pip install -U verilator-tools'), [[1, ['installs or removes packages']]]);
    assert.deepEqual(risks('npm i -g @vscode/vsce'), [[1, ['installs or removes packages']]]);
    assert.deepEqual(risks('apt install verilator'), [[1, ['installs or removes packages']]]);
    assert.deepEqual(risks('curl -fsSL https://get.example.sh | sh'), [[1, ['runs a script fetched from the network']]]);
    assert.deepEqual(risks('curl -fsSL https://x | sudo bash -s --'), [[1, ['runs a script fetched from the network', 'runs as root']]]);
    assert.deepEqual(risks('sh -c "$(curl -fsSL https://x)"'), [[1, ['runs a script fetched from the network']]]);
    for (const line of ['rm -rf obj_dir', 'rm -fr build', 'rm -r -f build', 'rm --recursive --force build']) {
      assert.deepEqual(risks(line), [[1, ['deletes recursively (rm -rf)']]], line);
    }
  });

  it('finds writes outside the run directory', () => {
    assert.deepEqual(risks('echo "export PATH=$PATH:/opt/x" >> ~/.bashrc'), [[1, ['writes outside the run directory (~/.bashrc)']]]);
    assert.deepEqual(risks('nvidia-smi | tee /etc/motd'), [[1, ['writes outside the run directory (/etc/motd)']]]);
    assert.deepEqual(risks('cp libfoo.so /usr/local/lib'), [[1, ['writes outside the run directory (/usr/local/lib)']]]);
    assert.deepEqual(risks('make >../build.log 2>&1'), [[1, ['writes outside the run directory (../build.log)']]]);
    assert.deepEqual(
      risks('echo ran > marker.txt', true),
      [[1, ['writes outside the run directory (marker.txt)']]],
      'with cwd= every write is outside',
    );
  });

  it('leaves everyday lines alone', () => {
    const everyday = [
      'nvidia-smi --query-gpu=name --format=csv',
      'verilator --cc --exe --build -j 0 AluTop.v tb.cpp > build.log 2>&1',
      'rm -f old.log',
      'ls /usr/local/cuda',
      'cmd >/dev/null 2>&1 &',
      '# sudo apt-get install foo (a comment)',
      'echo "sudo is mentioned in quotes" # and pip install in a comment',
      'pip list',
      'npm install',
    ].join('\n');
    assert.deepEqual(risks(everyday), []);
  });
});
