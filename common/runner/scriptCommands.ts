// Which programs a script runs, read well enough to pick a summary for each known tool.

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
