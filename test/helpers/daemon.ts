// Faults of the sandbox daemon for resilience tests: kill -9 the sandbox containerd (pid from its pidfile)
// and bring it back with `scripts/sandbox.sh up` (which restarts the daemon and re-seeds what is missing).
// Other tests share this daemon: every test that kills it must start it again before it ends.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SANDBOX_ADDRESS, repoRoot, sleep } from './sandbox.js';

export const SANDBOX_PIDFILE = '/run/ctop-ts-sandbox/containerd.pid';

/** Running (not a zombie: this VM's init reaps them only now and then). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The pid of the sandbox containerd, checked against its command line (pids get reused). */
export function sandboxDaemonPid(): number {
  const pid = Number(readFileSync(SANDBOX_PIDFILE, 'utf8').trim());
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const at = cmdline.indexOf('--address');
  if (!(pid > 0) || at < 0 || cmdline[at + 1] !== DEFAULT_SANDBOX_ADDRESS || !alive(pid)) {
    throw new Error(`pid ${pid} in ${SANDBOX_PIDFILE} is not the running sandbox containerd`);
  }
  return pid;
}

/** kill -9 the sandbox containerd and wait until it is dead; its shims (and so the tasks) live on. */
export async function killSandboxDaemon(): Promise<number> {
  const pid = sandboxDaemonPid();
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`containerd ${pid} still alive 10 s after SIGKILL`);
    await sleep(20);
  }
  return pid;
}

/** `bash scripts/sandbox.sh up`: starts the daemon if it does not answer and restores the seeded workloads. */
export function sandboxUp(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('bash', [join(repoRoot(), 'scripts', 'sandbox.sh'), 'up'], { cwd: repoRoot(), timeout: 300_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`sandbox.sh up failed: ${stderr.trim() || error.message}`)) : resolve(),
    );
  });
}
