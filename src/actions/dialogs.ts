// Confirmation dialogs for the dangerous actions: the action layer fills `ui.dialog`, the UI draws it and
// owns its keys, and the confirm callback runs the action. Read-only mode refuses before any dialog.
import type { DialogState } from '../store/ui.js';
import { keyOf } from '../store/state.js';
import { deleteContainer, deleteImage, deleteTask, imageUsers } from './delete.js';
import { label, type ActionDeps, type ActionOutcome, type ActionTarget } from './deps.js';
import { refuseIfReadonly } from './guard.js';
import { failed } from './report.js';
import { killTask } from './kill.js';
import { SIGNAL_NAMES, SIGNALS } from './signals.js';
import { isLive } from './stop.js';

function open(deps: ActionDeps, dialog: Omit<DialogState, 'choiceIndex'> & { choiceIndex?: number }): void {
  deps.store.setState((s) => ({ ui: { ...s.ui, dialog: { choiceIndex: 0, ...dialog } } }));
}

/** Fire-and-forget from a dialog callback; outcomes go to the message line anyway. */
function run(promise: Promise<unknown>): void {
  promise.catch(() => undefined);
}

/** Opens the kill dialog (signal choice, "all processes" option). Returns false when refused. */
export function requestKill(deps: ActionDeps, target: ActionTarget): boolean {
  const what = label(target);
  if (refuseIfReadonly(deps, `kill ${what}`)) return false;
  const task = deps.store.getState().tasks[keyOf(target.namespace, target.id)];
  if (task && !isLive(task.status)) {
    failed(deps, `${what} is ${task.status}: nothing to kill`);
    return false;
  }
  open(deps, {
    title: `Kill ${what}?`,
    body: [
      `Send a signal to the task of ${what}${task ? ` (pid ${task.pid}, ${task.status})` : ''}.`,
      'A container\'s init process ignores signals it has no handler for: KILL always works.',
    ],
    choices: SIGNAL_NAMES.map((name) => ({ label: `SIG${name} (${SIGNALS[name]})`, value: name })),
    option: { label: 'all processes in the container', checked: false },
    danger: true,
    onConfirm: ({ choice, option }) => run(killTask(deps, target, { signal: choice ?? 'TERM', all: option })),
  });
  return true;
}

/** Opens the delete dialog for a container, task or image row. Returns false when refused. */
export function requestDelete(deps: ActionDeps, target: ActionTarget): boolean {
  const what = label(target);
  const state = deps.store.getState();
  if (target.kind === 'image') {
    if (refuseIfReadonly(deps, `delete image ${what}`)) return false;
    const users = imageUsers(state, target.namespace, target.id);
    open(deps, {
      title: `Delete image ${target.id}?`,
      body: [
        `Removes the image record ${target.id} from namespace ${target.namespace}.`,
        ...(users.length
          ? [`Warning: ${users.length} container${users.length === 1 ? '' : 's'} in ${target.namespace} still use it: ${users.join(', ')}.`]
          : []),
      ],
      choices: [],
      option: null,
      danger: users.length > 0,
      onConfirm: () => run(deleteImage(deps, target)),
    });
    return true;
  }
  if (target.kind !== 'container' && target.kind !== 'task') {
    failed(deps, `cannot delete a ${target.kind}`);
    return false;
  }
  const taskOnly = target.kind === 'task';
  if (refuseIfReadonly(deps, taskOnly ? `delete the task of ${what}` : `delete container ${what}`)) return false;
  const task = state.tasks[keyOf(target.namespace, target.id)];
  const live = task ? isLive(task.status) : false;
  const body = taskOnly
    ? [`Deletes the task of ${what}; the container stays.`]
    : [`Deletes ${what}: its task, its snapshot (writable layer) and the container record.`];
  if (live) body.push(`Its task is ${task!.status}: tick "force" to kill it (SIGKILL) first, or it is refused.`);
  open(deps, {
    title: taskOnly ? `Delete task ${what}?` : `Delete container ${what}?`,
    body,
    choices: [],
    option: live ? { label: 'force: kill the running task first', checked: false } : null,
    danger: true,
    onConfirm: ({ option }) =>
      run(taskOnly ? deleteTask(deps, target, { force: option }) : deleteContainer(deps, target, { force: option })),
  });
  return true;
}

export type { ActionOutcome };
