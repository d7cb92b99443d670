// Outcomes to the message line: every result and every containerd error becomes words, never a throw.
import { ClientError } from '../client/errors.js';
import { setMessage } from '../store/store.js';
import type { ActionDeps, ActionOutcome } from './deps.js';

export function done(deps: ActionDeps, text: string): ActionOutcome {
  setMessage(deps.store, text, 'info');
  return { ok: true, message: text };
}

export function failed(deps: ActionDeps, text: string): ActionOutcome {
  setMessage(deps.store, text, 'error');
  return { ok: false, message: text };
}

/** A short reason for a failure: containerd's own words without the RPC prefix. */
export function reason(error: unknown): string {
  if (error instanceof ClientError) {
    switch (error.kind) {
      case 'not-found':
        return `not found (${trimRpc(error.detail ?? error.message)})`;
      case 'already-exists':
        return `already exists (${trimRpc(error.detail ?? error.message)})`;
      case 'failed-precondition':
        return `not possible now (${trimRpc(error.detail ?? error.message)})`;
      default:
        return trimRpc(error.message);
    }
  }
  return error instanceof Error ? error.message : String(error);
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ClientError && error.kind === 'not-found';
}

/** "Tasks.Kill: process already finished: not found" → "process already finished" */
function trimRpc(text: string): string {
  return text
    .replace(/^[A-Z][A-Za-z]+\.[A-Z][A-Za-z]+: /, '')
    .replace(/: (not found|already exists|failed precondition|unknown)$/, '')
    .trim();
}

/** Runs an action body; any throw becomes an error message ("<what> failed: <reason>"). */
export async function attempt(deps: ActionDeps, what: string, body: () => Promise<ActionOutcome>): Promise<ActionOutcome> {
  try {
    return await body();
  } catch (error) {
    return failed(deps, `${what} failed: ${reason(error)}`);
  }
}
