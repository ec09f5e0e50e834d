// What a `verilator --cc --exe --build` run did: the version, the first problem, or the testbench's verdict.
import type { SimpleCommand } from './scriptCommands';
import { clip } from './summaryLine';
import type { SummaryInput } from './toolSummaries';

export function summarizeVerilator(command: SimpleCommand, input: SummaryInput): string | undefined {
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
