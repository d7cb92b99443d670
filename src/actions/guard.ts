// --readonly: every action that changes containerd is refused here, whatever key or command asked for it.
import type { ActionDeps, ActionOutcome } from './deps.js';
import { failed } from './report.js';

export function isReadonly(deps: ActionDeps): boolean {
  return Boolean(deps.readonly) || deps.store.getState().ui.readonly;
}

/** null when the action may go ahead; otherwise the refusal (already on the message line). */
export function refuseIfReadonly(deps: ActionDeps, what: string): ActionOutcome | null {
  if (!isReadonly(deps)) return null;
  return failed(deps, `read-only mode: not going to ${what} (ctop-ts was started with --readonly)`);
}
