// Kill: send a signal to a task (or to every process of its container), then report its exit status.
import { label, type ActionDeps, type ActionOutcome, type ActionTarget } from './deps.js';
import { refuseIfReadonly } from './guard.js';
import { attempt, done, failed, reason } from './report.js';
import { parseSignal, SIGNALS } from './signals.js';

export interface KillOptions {
  /** TERM (default), KILL, INT, HUP, QUIT, USR1, USR2, with or without SIG, or a number */
  signal?: string;
  /** signal every process of the container, not only its init */
  all?: boolean;
}

export interface KillOutcome extends ActionOutcome {
  /** resolves with the exit status once the task exits (null if it went away unseen); absent when the kill failed */
  exited?: Promise<number | null>;
}

/** "143 (SIGTERM)" for statuses that mean "killed by a signal". */
export function describeExit(status: number): string {
  if (status > 128 && status < 128 + 65) {
    const name = Object.entries(SIGNALS).find(([, n]) => n === status - 128)?.[0];
    if (name) return `${status} (SIG${name})`;
  }
  return String(status);
}

export async function killTask(deps: ActionDeps, target: ActionTarget, options: KillOptions = {}): Promise<KillOutcome> {
  const signal = parseSignal(options.signal ?? 'TERM');
  const what = `${label(target)}`;
  if (!signal) return failed(deps, `kill ${what}: unknown signal "${options.signal}" (use ${Object.keys(SIGNALS).join(', ')})`);
  const refused = refuseIfReadonly(deps, `send SIG${signal.name} to ${what}`);
  if (refused) return refused;
  let sent = false;
  const outcome = await attempt(deps, `SIG${signal.name} to ${what}`, async () => {
    await deps.client.kill(target.namespace, target.id, signal.number, { all: options.all ?? false });
    sent = true;
    return done(deps, `sent SIG${signal.name} to ${what}${options.all ? ' (all processes)' : ''}`);
  });
  if (!sent) return outcome;
  return { ...outcome, exited: watchExit(deps, target, `SIG${signal.name}`, outcome.message) };
}

/**
 * Waits (in the background) for the task to exit and puts its exit status on the message line. If it is
 * still running after `exitNoticeMs`, says so (unless another message has replaced ours meanwhile).
 */
function watchExit(deps: ActionDeps, target: ActionTarget, signal: string, sentMessage: string): Promise<number | null> {
  const what = label(target);
  const notice = setTimeout(() => {
    if (deps.store.getState().message?.text !== sentMessage) return;
    failed(
      deps,
      `${what} is still running ${Math.round((deps.exitNoticeMs ?? 5000) / 1000)} s after ${signal} ` +
        `(a container's init ignores signals it has no handler for: try KILL)`,
    );
  }, deps.exitNoticeMs ?? 5000);
  notice.unref?.();
  return deps.client.wait(target.namespace, target.id).then(
    ({ exitStatus }) => {
      clearTimeout(notice);
      done(deps, `${what} exited with status ${describeExit(exitStatus)} after ${signal}`);
      return exitStatus;
    },
    (error: unknown) => {
      clearTimeout(notice);
      // the task was deleted before we saw it exit, or the client closed: nothing to report but the reason
      if (deps.store.getState().message?.text === sentMessage) failed(deps, `${what}: no exit status (${reason(error)})`);
      return null;
    },
  );
}
