// Delete a container the way ctr does (task → snapshot → container), a stopped task alone, or an image.
import type { TaskInfo } from '../client/types.js';
import type { AppState } from '../store/store.js';
import { label, type ActionDeps, type ActionOutcome, type ActionTarget } from './deps.js';
import { refuseIfReadonly } from './guard.js';
import { attempt, done, failed, isNotFound } from './report.js';
import { forceStop, isLive, StopTimeout } from './stop.js';

export interface DeleteOptions {
  /** kill (SIGKILL) a running task first instead of refusing */
  force?: boolean;
}

async function taskOrNull(deps: ActionDeps, target: ActionTarget): Promise<TaskInfo | null> {
  try {
    return await deps.client.task(target.namespace, target.id);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * Stops (if forced) and deletes the task. Returns an error text when the task is live and not forced
 * or does not stop in time; null when the task is gone.
 */
async function removeTask(deps: ActionDeps, target: ActionTarget, task: TaskInfo, force: boolean): Promise<string | null> {
  const what = label(target);
  if (isLive(task.status)) {
    if (!force) return `${what} is ${task.status}: kill it first, or delete with force`;
    try {
      await forceStop(deps, target.namespace, target.id, task.status);
    } catch (error) {
      if (error instanceof StopTimeout) return `cannot delete ${what}: ${error.message}`;
      throw error;
    }
  }
  try {
    await deps.client.deleteTask(target.namespace, target.id);
  } catch (error) {
    if (!isNotFound(error)) throw error; // someone else deleted it meanwhile: fine
  }
  return null;
}

export async function deleteContainer(deps: ActionDeps, target: ActionTarget, options: DeleteOptions = {}): Promise<ActionOutcome> {
  const what = label(target);
  const refused = refuseIfReadonly(deps, `delete container ${what}`);
  if (refused) return refused;
  return attempt(deps, `delete ${what}`, async () => {
    const container = await deps.client.container(target.namespace, target.id);
    const task = await taskOrNull(deps, target);
    const removed: string[] = [];
    if (task) {
      const problem = await removeTask(deps, target, task, options.force ?? false);
      if (problem) return failed(deps, problem);
      removed.push(isLive(task.status) ? 'killed task' : 'task');
    }
    if (container.snapshotKey) {
      try {
        await deps.client.removeSnapshot(target.namespace, container.snapshotter, container.snapshotKey);
        removed.push('snapshot');
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    await deps.client.deleteContainer(target.namespace, target.id);
    removed.push('container');
    return done(deps, `deleted ${what} (${removed.join(', ')})`);
  });
}

/** Tasks.Delete of a stopped (or created) task; the container stays. */
export async function deleteTask(deps: ActionDeps, target: ActionTarget, options: DeleteOptions = {}): Promise<ActionOutcome> {
  const what = label(target);
  const refused = refuseIfReadonly(deps, `delete the task of ${what}`);
  if (refused) return refused;
  return attempt(deps, `delete task ${what}`, async () => {
    const task = await taskOrNull(deps, target);
    if (!task) return failed(deps, `delete task ${what} failed: not found (${what} has no task)`);
    const problem = await removeTask(deps, target, task, options.force ?? false);
    if (problem) return failed(deps, problem);
    const status = task.exitStatus !== null && !isLive(task.status) ? `, exit status ${task.exitStatus}` : '';
    return done(deps, `deleted task ${what}${isLive(task.status) ? ' (killed)' : status}`);
  });
}

/** Ids of the containers (known to the store) in `namespace` that were created from image `name`. */
export function imageUsers(state: Pick<AppState, 'containers'>, namespace: string, name: string): string[] {
  return Object.values(state.containers)
    .filter((c) => c.namespace === namespace && c.image === name)
    .map((c) => c.id)
    .sort();
}

export async function deleteImage(deps: ActionDeps, target: ActionTarget): Promise<ActionOutcome> {
  const what = label(target);
  const refused = refuseIfReadonly(deps, `delete image ${what}`);
  if (refused) return refused;
  return attempt(deps, `delete image ${what}`, async () => {
    await deps.client.deleteImage(target.namespace, target.id);
    const users = imageUsers(deps.store.getState(), target.namespace, target.id);
    const note = users.length ? ` (containers still naming it: ${users.join(', ')})` : '';
    return done(deps, `deleted image ${what}${note}`);
  });
}
