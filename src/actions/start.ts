// Start the task of a container that has none (or only a stopped one); its output goes to a log file.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { hasProcess } from '../model/metrics.js';
import { label, stateDir, type ActionDeps, type ActionOutcome, type ActionTarget } from './deps.js';
import { refuseIfReadonly } from './guard.js';
import { attempt, done, failed, isNotFound } from './report.js';

/** `<stateDir>/logs/<ns>/<id>.log`, where the started task's stdout and stderr go. */
export function taskLogPath(deps: Pick<ActionDeps, 'stateDir' | 'env'>, namespace: string, id: string): string {
  return join(stateDir(deps), 'logs', namespace, `${id}.log`);
}

export async function startTask(deps: ActionDeps, target: ActionTarget): Promise<ActionOutcome> {
  const what = label(target);
  const refused = refuseIfReadonly(deps, `start ${what}`);
  if (refused) return refused;
  return attempt(deps, `start ${what}`, async () => {
    await deps.client.container(target.namespace, target.id); // a clear "not found" before anything else
    const task = await deps.client.task(target.namespace, target.id).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    if (task && hasProcess(task)) {
      return failed(deps, `${what} is already ${task.status}`);
    }
    if (task?.status === 'created') {
      // created by someone else with their own IO: just start it
      const { pid } = await deps.client.startProcess(target.namespace, target.id, '');
      return done(deps, `started ${what} (pid ${pid})`);
    }
    if (task) await deps.client.deleteTask(target.namespace, target.id); // the old, stopped one
    const log = taskLogPath(deps, target.namespace, target.id);
    await mkdir(join(log, '..'), { recursive: true });
    const { pid } = await deps.client.startTask(target.namespace, target.id, { stdout: log, stderr: log });
    return done(deps, `started ${what} (pid ${pid}; output in ${log})`);
  });
}
