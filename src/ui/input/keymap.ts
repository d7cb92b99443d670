// Every key of the table and of the views, with the words the footer and the help view show for it.
// The input hook dispatches through this table, so help can never disagree with what keys do.
import type { PaneId, UiState } from '../../store/ui.js';
import type { UiServices } from '../context.js';
import type { ActionTarget, UiActions } from '../actions.js';
import { ctrl, either, NAV, plain, type KeyMatch } from './keys.js';
import {
  actionTarget,
  back,
  drillIn,
  moveSelection,
  openOverlay,
  refOf,
  selectedRow,
  setUi,
  sortBy,
  switchPane,
  toggleSandboxes,
} from './operations.js';

export interface KeyContext {
  services: UiServices;
  /** table rows on one page */
  pageSize: number;
}

export interface Binding {
  /** as shown in help and footer */
  keys: string;
  description: string;
  /** a short word for the footer; bindings without one are only in help */
  hint?: string;
  /** limited to these panes (table bindings only) */
  panes?: readonly PaneId[];
  /** changes containerd: disabled in read-only mode */
  mutating?: boolean;
  match: KeyMatch;
  run(ctx: KeyContext): void;
}

const ALL_BUT_EVENTS: readonly PaneId[] = ['namespaces', 'containers', 'tasks', 'images'];
const CONTAINER_PANES: readonly PaneId[] = ['containers', 'tasks'];

function act(run: (actions: UiActions, target: ActionTarget, ctx: KeyContext) => void) {
  return (ctx: KeyContext) => {
    const target = actionTarget(ctx.services.store, ctx.services.viewModel);
    if (target) run(ctx.services.actions, target, ctx);
  };
}

/** Keys that act on containerd; they work from the table and from a row's views alike. */
const ACTION_BINDINGS: Binding[] = [
  { keys: 'ctrl-k', description: 'kill the task (choose a signal)', hint: 'kill', panes: CONTAINER_PANES, mutating: true, match: ctrl('k'), run: act((a, t) => a.requestKill(t)) },
  { keys: 'ctrl-d', description: 'delete (container, task or image)', hint: 'delete', panes: ['containers', 'tasks', 'images'], mutating: true, match: ctrl('d'), run: act((a, t) => a.requestDelete(t)) },
  { keys: 's', description: 'shell into the container (bash, else sh)', hint: 'shell', panes: CONTAINER_PANES, mutating: true, match: plain('s'), run: act((a, t, ctx) => a.shell(t, ctx.services.terminal)) },
  { keys: 'p', description: 'pause / resume the task', hint: 'pause', panes: CONTAINER_PANES, mutating: true, match: plain('p'), run: act((a, t) => a.togglePause(t)) },
  { keys: 'r', description: 'start (run) a container that has no running task', hint: 'start', panes: ['containers'], mutating: true, match: plain('r'), run: act((a, t) => a.start(t)) },
];

const GLOBAL_BINDINGS: Binding[] = [
  { keys: ':', description: 'command: ns co t img ev, ns NAME, q (Tab completes)', hint: 'cmd', match: plain(':'), run: ({ services }) => setUi(services.store, { prompt: { kind: 'command', text: '' } }) },
  { keys: '?', description: 'help for the current pane', hint: 'help', match: plain('?'), run: ({ services }) => openOverlay(services.store, 'help', null) },
  { keys: 'ctrl-c', description: 'quit (also :q)', match: ctrl('c'), run: ({ services }) => services.quit() },
];

export const TABLE_BINDINGS: Binding[] = [
  { keys: 'j ↓', description: 'next row', match: NAV.down, run: ({ services }) => moveSelection(services.store, services.viewModel, 1) },
  { keys: 'k ↑', description: 'previous row', match: NAV.up, run: ({ services }) => moveSelection(services.store, services.viewModel, -1) },
  { keys: 'g home', description: 'first row', match: NAV.first, run: ({ services }) => moveSelection(services.store, services.viewModel, 'first') },
  { keys: 'G end', description: 'last row', match: NAV.last, run: ({ services }) => moveSelection(services.store, services.viewModel, 'last') },
  { keys: 'pgdn ctrl-f', description: 'page down', match: NAV.pageDown, run: (ctx) => moveSelection(ctx.services.store, ctx.services.viewModel, ctx.pageSize) },
  { keys: 'pgup ctrl-b', description: 'page up', match: NAV.pageUp, run: (ctx) => moveSelection(ctx.services.store, ctx.services.viewModel, -ctx.pageSize) },
  { keys: 'enter', description: 'namespace: its containers; container/task: live detail; else describe', hint: 'open', match: (_, k) => k.return, run: ({ services }) => drillIn(services.store, services.viewModel) },
  { keys: 'd', description: 'describe the row', hint: 'describe', match: plain('d'), run: ({ services }) => {
      const row = selectedRow(services.store, services.viewModel);
      if (row) openOverlay(services.store, 'describe', refOf(services.store.getState().ui.pane, row));
    } },
  { keys: '/', description: 'filter: text, !text (inverse), -l key=value (labels)', hint: 'filter', match: plain('/'), run: ({ services }) => setUi(services.store, (ui) => ({ prompt: { kind: 'filter', text: ui.filter[ui.pane] ?? '' } })) },
  { keys: 'esc', description: 'clear the filter', match: (_, k) => k.escape, run: ({ services }) => back(services.store) },
  { keys: '0', description: 'all namespaces', match: plain('0'), run: ({ services }) => switchPane(services.store, services.store.getState().ui.pane, null) },
  { keys: 'N', description: 'sort by name (again: reverse)', panes: ALL_BUT_EVENTS, match: plain('N'), run: ({ services }) => sortBy(services.store, 'name') },
  { keys: 'A', description: 'sort by age, youngest first', panes: ['containers', 'tasks', 'images'], match: plain('A'), run: ({ services }) => sortBy(services.store, 'age') },
  { keys: 'S', description: 'sort by status', panes: CONTAINER_PANES, match: plain('S'), run: ({ services }) => sortBy(services.store, 'status') },
  { keys: 'C', description: 'sort by CPU, busiest first', panes: CONTAINER_PANES, match: plain('C'), run: ({ services }) => sortBy(services.store, 'cpu') },
  { keys: 'M', description: 'sort by memory (images: size), biggest first', panes: ['containers', 'tasks', 'images'], match: plain('M'), run: ({ services }) => sortBy(services.store, 'memory') },
  { keys: 'ctrl-s', description: 'show / hide Kubernetes pause sandboxes', panes: ['namespaces', 'containers', 'tasks'], match: ctrl('s'), run: ({ services }) => toggleSandboxes(services.store) },
  ...ACTION_BINDINGS,
  ...GLOBAL_BINDINGS,
];

/** Scrolling keys of describe, detail and help; the view that scrolls implements them (see useScrollKeys). */
export const SCROLL_HELP: readonly Pick<Binding, 'keys' | 'description'>[] = [
  { keys: 'j k ↑ ↓', description: 'scroll a line' },
  { keys: 'pgup pgdn ctrl-b ctrl-f', description: 'scroll a page' },
  { keys: 'g G home end', description: 'top / bottom' },
];

export const OVERLAY_BINDINGS: Binding[] = [
  { keys: 'esc q', description: 'back to the table', hint: 'back', match: either((_, k) => k.escape, plain('q')), run: ({ services }) => back(services.store) },
  ...ACTION_BINDINGS,
  ...GLOBAL_BINDINGS,
];

export function bindingApplies(binding: Binding, pane: PaneId): boolean {
  return binding.panes === undefined || binding.panes.includes(pane);
}

/** The keys live right now: the table's for its pane, or a view's (actions only for the row a view shows). */
export function activeBindings(ui: Pick<UiState, 'pane' | 'overlay'>): Binding[] {
  if (!ui.overlay) return TABLE_BINDINGS.filter((b) => bindingApplies(b, ui.pane));
  const target = ui.overlay.target;
  return OVERLAY_BINDINGS.filter((b) => b.panes === undefined || (target !== null && bindingApplies(b, target.pane)));
}
