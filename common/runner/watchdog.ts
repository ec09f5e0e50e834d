// Snippets must not outlive the process that started them, even when it dies without a chance to
// clean up (SIGKILL, a crash, the OOM killer). Node cannot ask the kernel for PR_SET_PDEATHSIG, so
// a tiny /bin/sh process does it instead: it holds the read end of a pipe from this process and
// learns the running process groups over it. When this process is gone the pipe reaches its end,
// and the watchdog ends those groups and (on Linux) every process carrying this host's run marker.
// One watchdog serves all runs of a host; it starts with the first run.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { HOST_MARKER, RUN_MARKER_VARIABLE } from './runMarker';

/**
 * Reads `+PGID` / `-PGID` lines until its stdin ends, then TERMs what is left, and KILLs what
 * is still there 2 s later. It ignores the signals a terminal or a dying session sends, so a Ctrl-C that reaches
 * the whole foreground group cannot take it down before it has done its work.
 */
const WATCHDOG_SCRIPT = `
trap '' INT HUP TERM QUIT PIPE
groups=' '
while IFS= read -r line; do
  id=\${line#?}
  case $line in
    +*) groups="$groups$id " ;;
    -*) case $groups in *" $id "*) groups="\${groups%% $id *} \${groups#* $id }" ;; esac ;;
  esac
done
marked() {
  grep -lzE "^${RUN_MARKER_VARIABLE}=$1-[0-9]+\\$" /proc/[0-9]*/environ 2>/dev/null | sed -n 's#^/proc/\\([0-9]*\\)/environ$#\\1#p'
}
signal_all() {
  found=1
  for g in $groups; do kill -$1 -$g 2>/dev/null && found=0; done
  for p in $(marked "$2"); do kill -$1 $p 2>/dev/null && found=0; done
  return $found
}
signal_all TERM "$1" || exit 0
signal_all CONT "$1"
waited=0
while [ $waited -lt 10 ] && signal_all 0 "$1"; do sleep 0.2; waited=$((waited + 1)); done
signal_all KILL "$1" || exit 0
sleep 0.5
signal_all KILL "$1"
exit 0
`;

let watchdog: { child: ChildProcess; stdin: Writable } | undefined;
const watchedGroups = new Set<number>();

/** Puts a run's process group in the watchdog's care; the returned function takes it back. */
export function watchGroup(pgid: number): () => void {
  watchedGroups.add(pgid);
  // A watchdog that starts now learns every watched group, this one included.
  if (watchdog) watchdog.stdin.write(`+${pgid}\n`);
  else startWatchdog();
  return () => {
    if (watchedGroups.delete(pgid)) watchdog?.stdin.write(`-${pgid}\n`);
  };
}

function startWatchdog(): typeof watchdog {
  let child: ChildProcess;
  try {
    child = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'marginalia-watchdog', HOST_MARKER], {
      // Its own session: neither the terminal's Ctrl-C nor a hang-up of ours reaches it. No
      // marker in its environment, so it never counts itself among the runs' processes.
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
  } catch {
    return undefined; // No /bin/sh: runs still stop with Stop and the time limit, just not after a crash.
  }
  const stdin = child.stdin;
  if (!stdin) return undefined;
  const started = { child, stdin };
  watchdog = started;
  // A watchdog that could not start or was killed: the next run starts another.
  const forget = () => {
    if (watchdog === started) watchdog = undefined;
  };
  child.once('error', forget);
  child.once('exit', forget);
  stdin.on('error', forget);
  // Neither the watchdog nor its pipe may keep this process alive.
  child.unref();
  (stdin as Writable & { unref?(): void }).unref?.();
  // A new watchdog learns the groups its predecessor watched.
  for (const pgid of watchedGroups) stdin.write(`+${pgid}\n`);
  return started;
}
