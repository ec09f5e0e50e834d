// One line that says what a run found out, shown after the snippet and by the CLI. Tools our users
// re-run all the time get a real reading (which GPU, which driver, did the build work); anything
// else gets its first meaningful output line. Parsers work on the tools' real output as captured
// in test/fixtures/gpu.

export interface SummaryInput {
  /** The script that ran (its commands tell which parser applies). */
  script: string;
  output: string;
  exitCode: number | null;
  signal?: NodeJS.Signals | null;
}

const MAX_LINE = 160;

/**
 * How much of the output's start and of its end a summary reads. A summary runs on the editor's
 * extension host, where reading megabytes of a flood line by line would freeze the editor, and
 * what it looks for (a tool's banner, the first error, a testbench's verdict) is at either end.
 */
export const SUMMARY_WINDOW_CHARS = 128 * 1024;

/** The one-line summary of a run. */
export function summarizeRun(whole: SummaryInput): string {
  const input = { ...whole, output: summaryWindow(whole.output) };
  const commands = commandsOfScript(input.script);
  const missing = findMissingCommands(input.output);
  // 127 is the shell's "command not found"; if its message was cut away, blame the last command.
  if (input.exitCode === 127 && missing.length === 0 && commands.length > 0) missing.push(commands[commands.length - 1].name);
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const command of commands) {
    const part = summarizeCommand(command, input, missing);
    if (part !== undefined && !seen.has(part)) {
      seen.add(part);
      parts.push(part);
    }
  }
  if (parts.length > 0) return parts.join('; ');
  // A missing command matters only if the script failed: `command -v x || …` probes on purpose.
  if (input.exitCode !== 0 && missing.length > 0) return missingToolMessage(missing[0]);
  return firstMeaningfulLine(input.output, input.exitCode, input.signal ?? null);
}

/**
 * The output's first and last SUMMARY_WINDOW_CHARS, cut at line breaks, with a marker line
 * between them (which firstMeaningfulLine skips).
 */
export function summaryWindow(output: string): string {
  if (output.length <= 2 * SUMMARY_WINDOW_CHARS) return output;
  const headEnd = output.lastIndexOf('\n', SUMMARY_WINDOW_CHARS);
  const tailStart = output.indexOf('\n', output.length - SUMMARY_WINDOW_CHARS);
  const head = output.slice(0, headEnd < 0 ? SUMMARY_WINDOW_CHARS : headEnd + 1);
  const tail = output.slice(tailStart < 0 ? output.length - SUMMARY_WINDOW_CHARS : tailStart + 1);
  return `${head}… [marginalia: the middle of the output is not read for the summary] …\n${tail}`;
}

// ---------------------------------------------------------------------------------------------
// Commands of a script

export interface SimpleCommand {
  /** The program's base name: `nvidia-smi` for `/usr/bin/nvidia-smi`. */
  name: string;
  args: string[];
}

/** Words that run the next word as the command. */
const PREFIX_WORDS = new Set(['sudo', 'time', 'exec', 'command', 'env', 'nohup', 'nice', '!', '(', '{', 'then', 'do', 'else']);

/**
 * The simple commands of a script, roughly as a shell would split them (on newlines, `;`, `&&`,
 * `||`, `|`, `&`). Quoting is not honoured: this only finds which known tools ran, and a quoted
 * `;` costs at most a pseudo-command that matches nothing.
 */
export function commandsOfScript(script: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  for (const line of script.split(/\r?\n/)) {
    const code = line.replace(/(^|\s)#.*$/, '');
    for (const piece of code.split(/&&|\|\||[;|&]/)) {
      const words = piece
        .trim()
        .split(/\s+/)
        .filter((w) => w !== '');
      while (words.length > 0 && (PREFIX_WORDS.has(words[0]) || /^[A-Za-z_]\w*=/.test(words[0]))) words.shift();
      if (words.length === 0) continue;
      const name = words[0].slice(words[0].lastIndexOf('/') + 1);
      commands.push({ name, args: words.slice(1) });
    }
  }
  return commands;
}

function summarizeCommand(command: SimpleCommand, input: SummaryInput, missing: string[]): string | undefined {
  const isMissing = missing.includes(command.name);
  switch (command.name) {
    case 'nvidia-smi':
      return isMissing ? missingToolMessage('nvidia-smi') : summarizeNvidiaSmi(command, input.output);
    case 'nvcc':
      return isMissing ? missingToolMessage('nvcc') : summarizeNvcc(command, input.output);
    case 'verilator':
      return isMissing ? missingToolMessage('verilator') : summarizeVerilator(command, input);
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Missing tools

const SHELL_NAMES = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh', 'mksh']);

/**
 * Commands the shell reported as missing, in order. Only messages that come from the shell are
 * read (`bash: line 1: nvcc: command not found`, `sh: 1: nvcc: not found`,
 * `zsh:1: command not found: nvcc`), not a tool's own "No such file" about its arguments.
 */
export function findMissingCommands(output: string): string[] {
  const found: string[] = [];
  const add = (name: string) => {
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (!found.includes(base)) found.push(base);
  };
  for (const line of output.split(/\r?\n/)) {
    const name = missingCommandOf(line);
    if (name !== undefined) add(name);
  }
  return found;
}

/** The command a shell's "not found" line is about, or undefined for any other line. */
function missingCommandOf(line: string): string | undefined {
  const zsh = /^(\S*?zsh):\d+: command not found: (\S+)\s*$/.exec(line);
  if (zsh) return zsh[2];
  const match = /^(\S+?): (?:line \d+: |\d+: )?(\S+?): (command not found|not found|No such file or directory)\s*$/.exec(line);
  if (match && SHELL_NAMES.has(match[1].slice(match[1].lastIndexOf('/') + 1))) return match[2];
  return undefined;
}

/** What to tell the user when a tool is not installed. */
export function missingToolMessage(tool: string): string {
  switch (tool) {
    case 'nvidia-smi':
      return 'nvidia-smi not found: no NVIDIA driver on this machine';
    case 'verilator':
      return 'verilator not found — Debian/Ubuntu: apt install verilator';
    case 'nvcc':
      return 'nvcc not found — install the CUDA toolkit';
    default:
      return `${tool} not found`;
  }
}

// ---------------------------------------------------------------------------------------------
// nvidia-smi

export interface GpuInfo {
  index?: number;
  name: string;
  uuid?: string;
  memoryUsedMiB?: number;
  memoryTotalMiB?: number;
  utilizationPct?: number;
  temperatureC?: number;
}

export interface GpuReport {
  driverVersion?: string;
  cudaVersion?: string;
  gpus: GpuInfo[];
  /** MIG devices listed by `nvidia-smi -L`. */
  migDevices?: number;
}

function summarizeNvidiaSmi(command: SimpleCommand, output: string): string | undefined {
  const args = command.args.join(' ');
  let report: GpuReport | undefined;
  if (/(^|\s)(-L|--list-gpus)(\s|$)/.test(args)) report = parseNvidiaSmiList(output);
  else if (/--query-gpu[= ]/.test(args)) report = parseNvidiaSmiCsv(output, queryFieldsOf(command.args));
  else if (/^\s*$|^(-i|--id)/.test(args)) report = parseNvidiaSmiTable(output);
  if (report && report.gpus.length > 0) return formatGpuReport(report);
  if (/couldn't communicate with the NVIDIA driver/i.test(output)) {
    return 'nvidia-smi cannot talk to the NVIDIA driver: is it installed and loaded?';
  }
  if (/No devices were found/i.test(output)) return 'nvidia-smi: no NVIDIA GPU found';
  return undefined;
}

/** The default `nvidia-smi` table: driver and CUDA versions from the banner, one row pair per GPU. */
export function parseNvidiaSmiTable(text: string): GpuReport | undefined {
  const driver = /Driver Version:\s*([\w.-]+)/.exec(text)?.[1];
  if (driver === undefined) return undefined;
  const cuda = /CUDA Version:\s*([\d.]+)/.exec(text)?.[1];
  // Stop before the MIG and process tables, whose rows look like GPU rows' second lines.
  const gpuTable = text.split(/^\|\s*(?:MIG devices|Processes):/m)[0];
  const lines = gpuTable.split(/\r?\n/);
  const gpus: GpuInfo[] = [];
  for (let i = 0; i < lines.length; i++) {
    const row = /^\|\s*(\d+)\s+(.+?)\s+(?:On|Off)\s*\|/.exec(lines[i]);
    if (!row) continue;
    const gpu: GpuInfo = { index: Number(row[1]), name: row[2] };
    const next = lines[i + 1] ?? '';
    const memory = /(\d+)MiB\s*\/\s*(\d+)MiB/.exec(next);
    if (memory) {
      gpu.memoryUsedMiB = Number(memory[1]);
      gpu.memoryTotalMiB = Number(memory[2]);
    }
    const temperature = /^\|\s*(?:N\/A|\d+%)\s+(\d+)C\b/.exec(next)?.[1];
    if (temperature !== undefined) gpu.temperatureC = Number(temperature);
    const utilization = /\|\s*(\d+)%\s+[\w.-]+\s*\|\s*$/.exec(next)?.[1];
    if (utilization !== undefined) gpu.utilizationPct = Number(utilization);
    gpus.push(gpu);
  }
  return { driverVersion: driver, cudaVersion: cuda, gpus };
}

/** `nvidia-smi -L`: `GPU 0: NAME (UUID: GPU-…)`, with indented MIG device lines under a GPU. */
export function parseNvidiaSmiList(text: string): GpuReport {
  const gpus: GpuInfo[] = [];
  let migDevices = 0;
  for (const line of text.split(/\r?\n/)) {
    const gpu = /^GPU (\d+): (.+?)(?: \(UUID: ([^)]+)\))?\s*$/.exec(line);
    if (gpu) gpus.push({ index: Number(gpu[1]), name: gpu[2], uuid: gpu[3] });
    else if (/^\s+MIG\b.*\bDevice\s+\d+:/.test(line)) migDevices++;
  }
  return migDevices > 0 ? { gpus, migDevices } : { gpus };
}

/** The fields named by `--query-gpu=a,b,c` (or `--query-gpu a,b,c`), for CSV without a header. */
export function queryFieldsOf(args: readonly string[]): string[] | undefined {
  for (let i = 0; i < args.length; i++) {
    const value = args[i].startsWith('--query-gpu=')
      ? args[i].slice('--query-gpu='.length)
      : args[i] === '--query-gpu'
        ? args[i + 1]
        : undefined;
    if (value !== undefined)
      return value
        .replace(/^["']|["']$/g, '')
        .split(',')
        .map((f) => f.trim());
  }
  return undefined;
}

/**
 * `nvidia-smi --query-gpu=… --format=csv[,noheader][,nounits]`. The header (`memory.total [MiB]`)
 * names the columns; without one the fields come from the command line.
 */
export function parseNvidiaSmiCsv(text: string, queryFields?: readonly string[]): GpuReport | undefined {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && l.includes(','));
  if (lines.length === 0) return undefined;
  const headerFields = lines[0].split(',').map((f) => f.trim().replace(/\s*\[.*\]$/, ''));
  const hasHeader = headerFields.some((f) => CSV_FIELDS.has(f));
  const fields = hasHeader ? headerFields : queryFields;
  if (!fields) return undefined;
  const report: GpuReport = { gpus: [] };
  for (const line of hasHeader ? lines.slice(1) : lines) {
    const values = line.split(',').map((v) => v.trim());
    const record = new Map<string, string>();
    fields.forEach((field, i) => {
      const value = values[i];
      if (value !== undefined && !/^\[?N\/A\]?$/.test(value)) record.set(field, value);
    });
    const name = record.get('name') ?? record.get('gpu_name');
    if (name === undefined) continue;
    report.driverVersion ??= record.get('driver_version');
    report.gpus.push({
      index: numberOf(record.get('index')),
      name,
      uuid: record.get('uuid') ?? record.get('gpu_uuid'),
      memoryUsedMiB: numberOf(record.get('memory.used')),
      memoryTotalMiB: numberOf(record.get('memory.total')),
      utilizationPct: numberOf(record.get('utilization.gpu')),
      temperatureC: numberOf(record.get('temperature.gpu')),
    });
  }
  return report;
}

const CSV_FIELDS = new Set([
  'index',
  'name',
  'gpu_name',
  'uuid',
  'gpu_uuid',
  'driver_version',
  'memory.total',
  'memory.used',
  'memory.free',
  'utilization.gpu',
  'temperature.gpu',
  'count',
  'pci.bus_id',
]);

/** `81559 MiB` → 81559; `0 %` → 0. */
function numberOf(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^-?\d+(?:\.\d+)?/.exec(value);
  return match ? Number(match[0]) : undefined;
}

/** `1 GPU: NVIDIA H100 80GB HBM3 · driver 580.159.04 · CUDA 13.0 · 0 / 81559 MiB used`. */
export function formatGpuReport(report: GpuReport): string {
  const parts = [formatGpuNames(report.gpus)];
  if (report.migDevices) parts[0] += ` (${report.migDevices} MIG device${report.migDevices === 1 ? '' : 's'})`;
  if (report.driverVersion) parts.push(`driver ${report.driverVersion}`);
  if (report.cudaVersion) parts.push(`CUDA ${report.cudaVersion}`);
  const withMemory = report.gpus.filter((g) => g.memoryUsedMiB !== undefined && g.memoryTotalMiB !== undefined);
  if (withMemory.length === report.gpus.length) {
    const used = withMemory.reduce((sum, g) => sum + (g.memoryUsedMiB ?? 0), 0);
    const total = withMemory.reduce((sum, g) => sum + (g.memoryTotalMiB ?? 0), 0);
    parts.push(`${used} / ${total} MiB used`);
  }
  // Utilisation and temperature of several GPUs do not fit one line; show them for one.
  if (report.gpus.length === 1) {
    const [gpu] = report.gpus;
    if (gpu.utilizationPct !== undefined) parts.push(`${gpu.utilizationPct}% busy`);
    if (gpu.temperatureC !== undefined) parts.push(`${gpu.temperatureC} °C`);
  }
  return parts.join(' · ');
}

/** `1 GPU: A`, `8 GPUs: A`, `2 GPUs: A, B`, `3 GPUs: 2× A, B`. */
export function formatGpuNames(gpus: readonly GpuInfo[]): string {
  const counts = new Map<string, number>();
  for (const gpu of gpus) counts.set(gpu.name, (counts.get(gpu.name) ?? 0) + 1);
  const label = `${gpus.length} GPU${gpus.length === 1 ? '' : 's'}`;
  if (counts.size === 1) return `${label}: ${gpus[0].name}`;
  const names = [...counts].map(([name, count]) => (count > 1 ? `${count}× ${name}` : name));
  return `${label}: ${names.join(', ')}`;
}

// ---------------------------------------------------------------------------------------------
// nvcc

function summarizeNvcc(command: SimpleCommand, output: string): string | undefined {
  if (!command.args.some((a) => a === '-V' || a === '--version')) return undefined;
  const version = parseNvccVersion(output);
  return version ? formatNvccVersion(version) : undefined;
}

/** `Cuda compilation tools, release 13.0, V13.0.88` → release 13.0, build V13.0.88. */
export function parseNvccVersion(text: string): { release: string; build?: string } | undefined {
  const match = /release (\d+(?:\.\d+)*)(?:, (V[\d.]+))?/.exec(text);
  return match ? { release: match[1], build: match[2] } : undefined;
}

export function formatNvccVersion(version: { release: string; build?: string }): string {
  return version.build ? `CUDA ${version.release} (${version.build})` : `CUDA ${version.release}`;
}

// ---------------------------------------------------------------------------------------------
// Verilator

function summarizeVerilator(command: SimpleCommand, input: SummaryInput): string | undefined {
  if (command.args.includes('--version')) {
    const version = parseVerilatorVersion(input.output);
    return version ? `Verilator ${version.version}${version.date ? ` (${version.date})` : ''}` : undefined;
  }
  if (command.args.includes('--build') || command.args.includes('--binary')) {
    return summarizeVerilatorBuild(command.args, input.output, input.exitCode);
  }
  if (command.args.includes('--lint-only')) {
    return firstVerilatorProblem(input.output) ?? (input.exitCode === 0 ? 'lint clean' : undefined);
  }
  return undefined;
}

/** `Verilator 5.006 2023-01-22 rev (Debian 5.006-3)` → 5.006, 2023-01-22. */
export function parseVerilatorVersion(text: string): { version: string; date?: string } | undefined {
  const match = /^Verilator (\d[\w.]*)(?: (\d{4}-\d{2}-\d{2}))?/m.exec(text);
  return match ? { version: match[1], date: match[2] } : undefined;
}

/**
 * A `verilator … --build` run (often `&& ./obj_dir/VTop` after it): "built obj_dir/VTop", with the
 * testbench's pass/fail count when it printed one, or the error that stopped the build.
 */
export function summarizeVerilatorBuild(args: readonly string[], output: string, exitCode: number | null): string {
  const problem = firstVerilatorProblem(output);
  if (problem) return problem;
  const compileError = output.split(/\r?\n/).find((l) => /\berror:|^make(\[\d+\])?: \*\*\*/.test(l));
  if (compileError && exitCode !== 0) return `build failed: ${clip(compileError.trim())}`;
  let summary = `built ${verilatorExecutable(args)}`;
  const tests = countTestLines(output);
  if (tests.failed > 0) summary += ` · ${tests.failed} failed, ${tests.passed} passed`;
  else if (tests.passed > 0) summary += ` · ${tests.passed} passed`;
  if (exitCode !== 0 && exitCode !== null) summary += ` · exit ${exitCode}`;
  return summary;
}

/**
 * The first `%Error` that says what is wrong. Some only say that something before them failed:
 * under -Wall, warnings stop the build with just "%Error: Exiting due to N warning(s)" (then the
 * first warning is the useful line); a C++ compile failure ends in "%Error: make … exited with 2"
 * and "%Error: Command Failed …" (then the compiler's error is, and the caller looks for it).
 */
function firstVerilatorProblem(output: string): string | undefined {
  const lines = output.split(/\r?\n/);
  const errors = lines.filter((l) => l.startsWith('%Error'));
  const real = errors.find((l) => !/^%Error: (Exiting due to|Cannot continue|make\b.*exited with|Command Failed)/.test(l));
  if (real) return clip(real.trim());
  const exiting = errors.find((l) => l.startsWith('%Error: Exiting due to'));
  const warning = lines.find((l) => l.startsWith('%Warning'));
  if (exiting && warning) {
    const count = /Exiting due to (\d+) warning/.exec(exiting)?.[1];
    return `build stopped by ${count ?? 'a'} warning${count === '1' ? '' : 's'}: ${clip(warning.trim())}`;
  }
  if (errors.length === 0 || errors.some((l) => /^%Error: make\b/.test(l))) return undefined;
  return clip(errors[0].trim());
}

/** Where `--build` leaves the executable: `<Mdir>/<prefix>`, prefix `V<top>` unless given. */
export function verilatorExecutable(args: readonly string[]): string {
  const option = (...names: string[]) => {
    for (let i = 0; i < args.length; i++) {
      for (const name of names) {
        if (args[i] === name) return args[i + 1];
        if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
      }
    }
    return undefined;
  };
  const dir = option('--Mdir') ?? 'obj_dir';
  const output = option('-o');
  if (output !== undefined) return output.startsWith('/') ? output : `${dir}/${output}`;
  const top = option('--top-module', '--top');
  const source = args.find((a) => /\.s?v$/.test(a) && !a.startsWith('-'));
  const stem = top ?? (source ? source.slice(source.lastIndexOf('/') + 1).replace(/\.s?v$/, '') : 'top');
  return `${dir}/${option('--prefix') ?? `V${stem}`}`;
}

/** Testbench lines such as `Test passed! …`, `check 3 FAILED`, `PASS: adder`. */
export function countTestLines(output: string): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  for (const line of output.split(/\r?\n/)) {
    if (/^\s*(?:test|check|case)\b.*\bfail(?:ed)?\b|^\s*FAIL\b/i.test(line)) failed++;
    else if (/^\s*(?:test|check|case)\b.*\bpass(?:ed)?\b|^\s*PASS\b/i.test(line)) passed++;
  }
  return { passed, failed };
}

// ---------------------------------------------------------------------------------------------
// Anything else

const DECORATION = /^[\s\-=+|_*#~.:<>]*$/;
const TROUBLE = /\b(error|fatal|failed|denied|not found|no such file|cannot|exception|traceback)\b/i;

/**
 * The line that best says what happened: the first meaningful one for a success; for a failure,
 * the first that reads like an error, else the last one (where tools usually say why they quit).
 */
export function firstMeaningfulLine(output: string, exitCode: number | null, signal: NodeJS.Signals | null = null): string {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => !DECORATION.test(l) && !/^\$(\s|$)/.test(l) && !l.startsWith('… [marginalia:'))
    // After a success, a "command not found" was a probe the script handled (`x || …`).
    .filter((l) => exitCode !== 0 || missingCommandOf(l) === undefined);
  let line: string | undefined;
  if (exitCode === 0) line = lines[0];
  else line = lines.find((l) => TROUBLE.test(l)) ?? lines[lines.length - 1];
  if (line !== undefined) return clip(line);
  if (signal) return `killed by ${signal}, no output`;
  return exitCode === 0 || exitCode === null ? 'no output' : `exit ${exitCode}, no output`;
}

function clip(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}
