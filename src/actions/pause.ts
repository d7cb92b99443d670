// Pause a running task (freeze its cgroup) or resume a paused one.
import { label, type ActionDeps, type ActionOutcome, type ActionTarget } from './deps.js';
import { refuseIfReadonly } from './guard.js';
import { attempt, done, failed } from './report.js';

export async function togglePause(deps: ActionDeps, target: ActionTarget): Promise<ActionOutcome> {
  const what = label(target);
  const refused = refuseIfReadonly(deps, `pause or resume ${what}`);
  if (refused) return refused;
  return attempt(deps, `pause/resume ${what}`, async () => {
    const task = await deps.client.task(target.namespace, target.id);
    if (task.status === 'running') {
      await deps.client.pause(target.namespace, target.id);
      return done(deps, `paused ${what}`);
    }
    if (task.status === 'paused' || task.status === 'pausing') {
      await deps.client.resume(target.namespace, target.id);
      return done(deps, `resumed ${what}`);
    }
    return failed(deps, `${what} is ${task.status}: only a running task can be paused`);
  });
}

export async function pauseTask(deps: ActionDeps, target: ActionTarget): Promise<ActionOutcome> {
  const what = label(target);
  const refused = refuseIfReadonly(deps, `pause ${what}`);
  if (refused) return refused;
  return attempt(deps, `pause ${what}`, async () => {
    await deps.client.pause(target.namespace, target.id);
    return done(deps, `paused ${what}`);
  });
}

export async function resumeTask(deps: ActionDeps, target: ActionTarget): Promise<ActionOutcome> {
  const what = label(target);
  const refused = refuseIfReadonly(deps, `resume ${what}`);
  if (refused) return refused;
  return attempt(deps, `resume ${what}`, async () => {
    await deps.client.resume(target.namespace, target.id);
    return done(deps, `resumed ${what}`);
  });
}
