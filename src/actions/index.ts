// The action layer's front door: `createActions(config)` binds every action to one client and store.
// UI → action → client → containerd; outcomes go to the message line, state changes come back as events.
//
// Wiring (src/cli): the result satisfies src/ui/actions.ts `UiActions` as it is:
//   const actions = createActions({ client: () => engine.currentClient, store, readonly: options.readonly, shell: options.shell });
//   await runUi({ store, actions, loaders, theme });
// (`client` may also be a plain ContainerdClient.) For a shell the UI passes its TerminalHandoff, whose
// `suspend(run)` is Ink's suspendTerminal: the action checks first, then runs the session inside it.
import { deleteContainer, deleteImage, deleteTask, type DeleteOptions } from './delete.js';
import { label, type ActionDeps, type ActionOutcome, type ActionTarget } from './deps.js';
import { requestDelete, requestKill } from './dialogs.js';
import { isPlan, prepareShell, runShell, type ShellOutcome } from './exec/shell.js';
import { withTerminal, type TerminalInput, type TerminalOutput } from './exec/terminal.js';
import { isReadonly } from './guard.js';
import { resolveClient, type ClientSource } from './lazy-client.js';
import { killTask, type KillOptions, type KillOutcome } from './kill.js';
import { pauseTask, resumeTask, togglePause } from './pause.js';
import { failed, reason } from './report.js';
import { startTask } from './start.js';

/**
 * Provided by the UI: give the terminal away, run `session`, take it back (Ink 7: `useApp().suspendTerminal`
 * has exactly this shape — it leaves the alternate screen, turns raw mode off, detaches its stdin listener,
 * stops drawing, and redraws fully afterwards).
 */
export type Suspend = (session: () => Promise<void>) => Promise<void>;

export interface ShellRequest {
  suspend: Suspend;
  stdin?: TerminalInput;
  stdout?: TerminalOutput;
}

export interface Actions {
  readonly readonly: boolean;
  requestKill(target: ActionTarget): boolean;
  requestDelete(target: ActionTarget): boolean;
  kill(target: ActionTarget, options?: KillOptions): Promise<KillOutcome>;
  /** by row kind: container (task, snapshot, container), task (task only) or image */
  remove(target: ActionTarget, options?: DeleteOptions): Promise<ActionOutcome>;
  start(target: ActionTarget): Promise<ActionOutcome>;
  togglePause(target: ActionTarget): Promise<ActionOutcome>;
  pause(target: ActionTarget): Promise<ActionOutcome>;
  resume(target: ActionTarget): Promise<ActionOutcome>;
  /** checks first (no flicker when refused), then suspends the UI for the shell and resumes it afterwards */
  shell(target: ActionTarget, request: ShellRequest): Promise<ShellOutcome>;
}

export interface ActionsConfig extends Omit<ActionDeps, 'client'> {
  /** a client, or a getter such as `() => engine.currentClient` (null while disconnected) */
  client: ClientSource;
}

export function createActions(config: ActionsConfig): Actions {
  const deps: ActionDeps = { ...config, client: resolveClient(config.client) };
  return {
    get readonly() {
      return isReadonly(deps);
    },
    requestKill: (target) => requestKill(deps, target),
    requestDelete: (target) => requestDelete(deps, target),
    kill: (target, options) => killTask(deps, target, options),
    remove: (target, options) => {
      if (target.kind === 'image') return deleteImage(deps, target);
      if (target.kind === 'task') return deleteTask(deps, target, options);
      return deleteContainer(deps, target, options);
    },
    start: (target) => startTask(deps, target),
    togglePause: (target) => togglePause(deps, target),
    pause: (target) => pauseTask(deps, target),
    resume: (target) => resumeTask(deps, target),
    async shell(target, request) {
      const plan = await prepareShell(deps, target);
      if (!isPlan(plan)) return { ...plan, tried: [] };
      let outcome: ShellOutcome | null = null;
      try {
        await request.suspend(async () => {
          outcome = await withTerminal(request.stdin ?? process.stdin, request.stdout ?? process.stdout, (streams, signal) =>
            runShell(deps, plan, streams, { signal }),
          );
        });
      } catch (error) {
        return { ...failed(deps, `shell in ${label(target)} failed: ${reason(error)}`), tried: [] };
      }
      return outcome ?? { ...failed(deps, `shell in ${label(target)} did not run`), tried: [] };
    },
  };
}

export type { ActionDeps, ActionOutcome, ActionTarget } from './deps.js';
export type { KillOptions, KillOutcome } from './kill.js';
export type { DeleteOptions } from './delete.js';
export type { ShellOutcome } from './exec/shell.js';
export { SIGNALS, SIGNAL_NAMES, parseSignal } from './signals.js';
export { taskLogPath } from './start.js';
