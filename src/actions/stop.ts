// Force-stop a task before deleting it: SIGKILL to every process, then wait for the exit with a timeout.
import type { TaskStatus } from '../client/types.js';
import type { ActionDeps } from './deps.js';
import { isNotFound } from './report.js';

/** Task states in which Tasks.Delete refuses and a kill is needed first. */
export function isLive(status: TaskStatus): boolean {
  return status === 'running' || status === 'paused' || status === 'pausing' || status === 'unknown';
}

export class StopTimeout extends Error {}

/** Resolves once the task has exited; throws StopTimeout when it is still there after the timeout. */
export async function forceStop(deps: ActionDeps, namespace: string, id: string, status: TaskStatus): Promise<void> {
  const timeoutMs = deps.stopTimeoutMs ?? 10_000;
  // Wait first, so an exit between Kill and Wait cannot be missed.
  const exited = deps.client.wait(namespace, id).then(
    () => true,
    () => true, // the task vanished: nothing left to stop
  );
  const tolerate = (error: unknown) => {
    if (!isNotFound(error)) throw error; // "process already finished"
  };
  await deps.client.kill(namespace, id, 9, { all: true }).catch(tolerate);
  // A frozen cgroup holds the SIGKILL until it is thawed.
  if (status === 'paused' || status === 'pausing') await deps.client.resume(namespace, id).catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ok = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (!ok) throw new StopTimeout(`still running ${Math.round(timeoutMs / 1000)} s after SIGKILL`);
}
