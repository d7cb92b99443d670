// What every action needs, injected so tests (and the CLI) choose the client, store, directories and clock.
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerdClient } from '../client/api.js';
import type { AppStore } from '../store/store.js';

export interface ActionDeps {
  client: ContainerdClient;
  store: AppStore;
  /** refuse every mutation; the store's `ui.readonly` refuses too (either is enough) */
  readonly?: boolean;
  /** `--shell PATH`: the only shell exec tries; default /bin/bash, then /bin/sh */
  shell?: string;
  /** where started tasks write their output: `<stateDir>/logs/<ns>/<id>.log` (default: see stateDir()) */
  stateDir?: string;
  /** parent of the private FIFO directories of exec sessions (default: the OS temp dir) */
  fifoRoot?: string;
  /** how long a forced delete waits for the SIGKILLed task to exit (default 10 s) */
  stopTimeoutMs?: number;
  /** after a kill, when to say "still running" if the task has not exited (default 5 s) */
  exitNoticeMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** What a target row is: the UI's RowRef fits (pane and key are ignored here). */
export interface ActionTarget {
  kind: string;
  namespace: string;
  /** container id (container and task rows) or image name */
  id: string;
}

/** Every action resolves (never rejects) with what it told the user on the message line. */
export interface ActionOutcome {
  ok: boolean;
  message: string;
}

/** `$XDG_STATE_HOME/ctop-ts`, else `~/.local/state/ctop-ts`. */
export function stateDir(deps: Pick<ActionDeps, 'stateDir' | 'env'>): string {
  if (deps.stateDir) return deps.stateDir;
  const env = deps.env ?? process.env;
  const base = env['XDG_STATE_HOME'] || join(env['HOME'] || homedir(), '.local', 'state');
  return join(base, 'ctop-ts');
}

export function fifoRoot(deps: Pick<ActionDeps, 'fifoRoot'>): string {
  return deps.fifoRoot ?? tmpdir();
}

export function label(target: Pick<ActionTarget, 'namespace' | 'id'>): string {
  return `${target.namespace}/${target.id}`;
}
