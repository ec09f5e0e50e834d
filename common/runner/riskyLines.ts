// Lines of a snippet worth a question before they run: they act as root, install or remove
// packages, run a script fetched from the network, delete trees, or write outside the run's own
// directory. A click on ▶ Run is consent to run the block, not necessarily to what such a line
// does to the machine, so the hosts ask first and name these lines. A heuristic by design: it
// reads each command's words, not the shell's full grammar; it exists to catch the usual cases
// in notes (an install recipe, a `curl … | sh`), not to contain a hostile script (trust does that).

export interface RiskyLine {
  /** 1-based line within the script. */
  line: number;
  /** The line as written (trimmed). */
  text: string;
  /** Why it is worth a question, e.g. `runs as root`, `installs packages`. */
  reasons: string[];
}

export interface RiskContext {
  /** The block runs in a folder of the user's (`cwd=`), so any file it writes lands outside the run directory. */
  outsideRunDir: boolean;
}

/** The lines of `script` worth a question, in order. */
export function riskyLines(script: string, context: RiskContext): RiskyLine[] {
  const found: RiskyLine[] = [];
  script.split('\n').forEach((raw, index) => {
    const text = raw.trim();
    const code = withoutComment(text);
    if (code === '') return;
    const reasons = [...new Set([...lineReasons(code), ...commandsOf(code).flatMap((words) => commandReasons(words, context))])];
    if (reasons.length > 0) found.push({ line: index + 1, text, reasons });
  });
  return found;
}

/** Patterns that span a pipeline, so they are read on the whole line. */
function lineReasons(code: string): string[] {
  const reasons: string[] = [];
  if (
    /\b(?:curl|wget)\b[^|]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+)?(?:ba|da|z|k)?sh\b/.test(code) ||
    /\b(?:ba|z)?sh\b[^|]*(?:<\(|\$\()\s*(?:curl|wget)\b/.test(code)
  ) {
    reasons.push('runs a script fetched from the network');
  }
  return reasons;
}

/** The simple commands of a line, as words: split at `;`, `&&`, `||`, `|`, `|&` and `&` (not the `&` of `2>&1` or `&>`). */
function commandsOf(code: string): string[][] {
  return code
    .split(/\|\||&&|;|\|&?|(?<![<>])&(?!>)/)
    .map((command) =>
      command
        .trim()
        .split(/\s+/)
        .filter((word) => word !== ''),
    )
    .filter((words) => words.length > 0);
}

function commandReasons(words: string[], context: RiskContext): string[] {
  const reasons: string[] = [];
  let rest = words;
  while (rest.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0])) rest = rest.slice(1); // VAR=value prefixes
  if (rest[0] === 'sudo' || rest[0] === 'doas') {
    reasons.push('runs as root');
    rest = rest.slice(1);
    while (rest.length > 0 && rest[0].startsWith('-')) rest = rest.slice(1); // sudo's own options
  }
  const [command = '', ...args] = rest;
  const name = command.split('/').pop() ?? command;
  if (installsPackages(name, args)) reasons.push('installs or removes packages');
  if (name === 'rm' && deletesTrees(args)) reasons.push('deletes recursively (rm -rf)');
  const outside = writeTargets(name, words).filter((target) => writesOutside(target, context));
  if (outside.length > 0) reasons.push(`writes outside the run directory (${outside.join(', ')})`);
  return reasons;
}

const PACKAGE_MANAGERS: Record<string, RegExp> = {
  apt: /^(?:install|reinstall|remove|purge|upgrade|full-upgrade|dist-upgrade|autoremove)$/,
  'apt-get': /^(?:install|reinstall|remove|purge|upgrade|dist-upgrade|autoremove)$/,
  aptitude: /^(?:install|remove|purge|upgrade|full-upgrade|safe-upgrade)$/,
  dnf: /^(?:install|remove|erase|upgrade|update)$/,
  yum: /^(?:install|remove|erase|upgrade|update)$/,
  snap: /^(?:install|remove)$/,
  conda: /^(?:install|remove|uninstall)$/,
};

function installsPackages(name: string, args: string[]): boolean {
  const action = args.find((word) => !word.startsWith('-'));
  if (name in PACKAGE_MANAGERS) return action !== undefined && PACKAGE_MANAGERS[name].test(action);
  if (name === 'dpkg') return args.some((word) => /^(?:-i|--install|-r|--remove|-P|--purge)$/.test(word));
  if (/^pip[0-9.]*$/.test(name)) return action === 'install' || action === 'uninstall';
  if (/^python[0-9.]*$/.test(name)) return /(?:^|\s)-m\s+pip\s+(?:un)?install\b/.test(args.join(' '));
  if (name === 'npm' || name === 'pnpm' || name === 'yarn') {
    return (
      args.some((word) => word === '-g' || word === '--global' || word === 'global') &&
      args.some((word) => /^(?:i|install|add|remove|uninstall|rm)$/.test(word))
    );
  }
  return false;
}

/** `rm -rf`, `rm -fr`, `rm -r -f`, `rm --recursive --force`. */
function deletesTrees(args: string[]): boolean {
  const short = args.filter((word) => /^-[A-Za-z]+$/.test(word)).join('');
  const recursive = /[rR]/.test(short) || args.includes('--recursive');
  const force = short.includes('f') || args.includes('--force');
  return recursive && force;
}

/** Where a command writes: redirections, and the destinations of tee, cp, mv, install, ln and dd. */
function writeTargets(name: string, words: string[]): string[] {
  const targets: string[] = [];
  words.forEach((word, index) => {
    const redirect = /^(?:\d|&)?>>?\|?(.*)$/.exec(word);
    if (redirect) {
      const target = redirect[1] !== '' ? redirect[1] : words[index + 1];
      if (target !== undefined && !target.startsWith('&')) targets.push(unquote(target));
    }
  });
  const operands = words.slice(1).filter((word) => !word.startsWith('-') && !/^(?:\d|&)?>/.test(word));
  if (name === 'tee') targets.push(...operands.map(unquote));
  if (['cp', 'mv', 'install', 'ln', 'rsync'].includes(name) && operands.length >= 2) targets.push(unquote(operands[operands.length - 1]));
  if (name === 'dd') targets.push(...words.filter((word) => word.startsWith('of=')).map((word) => unquote(word.slice(3))));
  return targets;
}

const HARMLESS_DEVICES = /^\/dev\/(?:null|stdout|stderr|tty|fd\/\d+)$/;

function writesOutside(target: string, context: RiskContext): boolean {
  if (target === '' || HARMLESS_DEVICES.test(target)) return false;
  if (/^(?:\/|~|\$HOME\b|\$\{HOME\}|\.\.(?:\/|$))/.test(target)) return true;
  return context.outsideRunDir;
}

function unquote(word: string): string {
  return word.replace(/^(['"])(.*)\1$/, '$2');
}

/** A line's text without a trailing `# comment` (a `#` starting a word, outside quotes). */
function withoutComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(text[i - 1]))) return text.slice(0, i).trim();
  }
  return text;
}
