// CPU time from /proc: the monitor's own, and that of containerd and its shims, which every metrics poll
// puts to work (what watching costs the node besides the monitor).
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { sleep } from '../test/helpers/sandbox.js';

/**
 * CPU time of the process's threads, in seconds: the first field of each thread's schedstat, in
 * nanoseconds (utime + stime in /proc/<pid>/stat count 10 ms ticks: ±0.1 % of a core on each end of a
 * 10 s window, as much as the difference being measured); null once the process is gone.
 */
function cpuSeconds(pid: number): number | null {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  let ns = 0;
  for (const tid of tids) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return ns / 1e9;
}

/** % of one core the processes used together over the next `seconds` (those alive throughout), and the seconds that really passed. */
export async function cpuOver(pids: readonly number[], seconds: number): Promise<{ percent: number; seconds: number }> {
  const before = pids.map(cpuSeconds);
  const start = performance.now();
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - start) / 1000;
  let used = 0;
  pids.forEach((pid, i) => {
    const [from, to] = [before[i], cpuSeconds(pid)];
    if (from !== null && to !== null) used += to - from;
  });
  return { percent: (used / elapsed) * 100, seconds: elapsed };
}

/** The containerd serving `address` and its shims, found by command line (`--address`, `-address`). */
export function daemonPids(address: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    const program = basename(argv[0] ?? '');
    if (program !== 'containerd' && !program.startsWith('containerd-shim')) continue;
    const at = argv.findIndex((arg) => arg === '--address' || arg === '-address');
    if (at >= 0 && argv[at + 1] === address) pids.push(Number(entry));
  }
  return pids;
}
