// Exec a shell in a container: /bin/bash, then /bin/sh (or only --shell PATH), with clear messages for
// containers that cannot take one.
import type { OciSpec } from '../../client/types.js';
import { label, type ActionDeps, type ActionOutcome, type ActionTarget } from '../deps.js';
import { refuseIfReadonly } from '../guard.js';
import { attempt, done, failed, isNotFound, reason } from '../report.js';
import { runExec, type ExecStreams } from './session.js';

export const DEFAULT_SHELLS = ['/bin/bash', '/bin/sh'] as const;

/** A shell that exits with 126/127 this soon is taken as "not runnable here" (e.g. missing libraries). */
const EARLY_EXIT_MS = 1000;

export interface ShellPlan {
  target: ActionTarget;
  /** the container's OCI process (env, cwd, user, capabilities…) the shell inherits */
  process: NonNullable<OciSpec['process']>;
  shells: string[];
}

export interface ShellOutcome extends ActionOutcome {
  /** the shell that ran */
  shell?: string;
  exitStatus?: number;
  /** every shell tried, in order */
  tried: string[];
}

/**
 * Everything that can be checked before the UI hands over the terminal: read-only mode, a running task,
 * the container's spec. Either a plan or the refusal (already on the message line).
 */
export async function prepareShell(deps: ActionDeps, target: ActionTarget): Promise<ShellPlan | ActionOutcome> {
  const what = label(target);
  const refused = refuseIfReadonly(deps, `exec a shell in ${what}`);
  if (refused) return refused;
  const found: { plan?: ShellPlan } = {};
  const outcome = await attempt(deps, `shell in ${what}`, async () => {
    const container = await deps.client.container(target.namespace, target.id);
    let status: string;
    try {
      status = (await deps.client.task(target.namespace, target.id)).status;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return failed(deps, `${what} has no task: a shell needs a running container (start it first)`);
    }
    if (status === 'paused' || status === 'pausing') return failed(deps, `${what} is paused: resume it to open a shell`);
    if (status !== 'running') return failed(deps, `${what} is ${status}: a shell needs a running container (start it first)`);
    if (!container.spec?.process) return failed(deps, `${what} has no process in its OCI spec: cannot exec into it`);
    found.plan = { target, process: container.spec.process, shells: deps.shell ? [deps.shell] : [...DEFAULT_SHELLS] };
    return { ok: true, message: '' };
  });
  return found.plan ?? outcome;
}

export function isPlan(value: ShellPlan | ActionOutcome): value is ShellPlan {
  return 'shells' in value;
}

/** Runs the first shell that exists, bridged to `streams`; reports the exit status on the message line. */
export async function runShell(deps: ActionDeps, plan: ShellPlan, streams: ExecStreams, options: { signal?: AbortSignal } = {}): Promise<ShellOutcome> {
  const { target } = plan;
  const what = label(target);
  const tried: string[] = [];
  const missing: string[] = [];
  for (const [index, shell] of plan.shells.entries()) {
    tried.push(shell);
    const last = index === plan.shells.length - 1;
    let result;
    try {
      result = await runExec(deps, target.namespace, target.id, [shell], plan.process, streams, options);
    } catch (error) {
      return { ...failed(deps, `shell in ${what} failed: ${reason(error)}`), tried };
    }
    if (!result.started) {
      if (result.missing) {
        missing.push(shell);
        continue;
      }
      return { ...failed(deps, `shell ${shell} in ${what} did not start: ${reason(result.error)}`), tried };
    }
    if (!last && !result.aborted && (result.exitStatus === 127 || result.exitStatus === 126) && result.ms < EARLY_EXIT_MS) {
      missing.push(shell);
      continue;
    }
    const fallback = missing.length ? ` (no ${missing.join(', ')})` : '';
    const text = result.aborted
      ? `shell ${shell} in ${what} was killed (ctop-ts was interrupted)`
      : `shell ${shell} in ${what} exited with status ${result.exitStatus}${fallback}`;
    const outcome = result.aborted ? failed(deps, text) : done(deps, text);
    return { ...outcome, shell, exitStatus: result.exitStatus, tried };
  }
  const hint = deps.shell ? 'check --shell' : 'choose one with --shell PATH';
  return { ...failed(deps, `no shell in ${what}: tried ${tried.join(', ')} (${hint})`), tried };
}

/** prepareShell + runShell, for callers that own the streams already (tests, a non-UI caller). */
export async function execShell(deps: ActionDeps, target: ActionTarget, streams: ExecStreams, options: { signal?: AbortSignal } = {}): Promise<ShellOutcome> {
  const plan = await prepareShell(deps, target);
  if (!isPlan(plan)) return { ...plan, tried: [] };
  return runShell(deps, plan, streams, options);
}
