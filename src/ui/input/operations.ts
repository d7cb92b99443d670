// What keys do, as plain functions over the store: the input hook maps keys to these, tests call them
// through keys. Only the `ui` half of the store is written (and the message line).
import { parseCommand } from '../../model/commands.js';
import { PANES } from '../../model/panes/index.js';
import { nextSort } from '../../model/sort.js';
import type { Row } from '../../model/table.js';
import type { ViewModel } from '../../model/view.js';
import { setMessage, type AppStore } from '../../store/store.js';
import type { Overlay, PaneId, RowRef, SortColumn, UiState } from '../../store/ui.js';
import type { ActionTarget } from '../actions.js';

export function setUi(store: AppStore, patch: Partial<UiState> | ((ui: UiState) => Partial<UiState>)): void {
  store.setState((s) => ({ ui: { ...s.ui, ...(typeof patch === 'function' ? patch(s.ui) : patch) } }));
}

/** The selected row's index in the pane; the first row when the selection is gone (filtered, deleted). */
export function selectedIndex(rows: readonly Row[], key: string | undefined): number {
  if (key === undefined) return 0;
  const index = rows.findIndex((r) => r.key === key);
  return index < 0 ? 0 : index;
}

export function selectedRow(store: AppStore, vm: ViewModel): Row | undefined {
  const state = store.getState();
  const { rows } = vm.paneView(state);
  return rows[selectedIndex(rows, state.ui.selected[state.ui.pane])];
}

export function refOf(pane: PaneId, row: Row): RowRef {
  return { pane, key: row.key, kind: row.kind, namespace: row.namespace, id: row.id };
}

/** Moves the selection by `delta` rows (clamped), or to the first / last row. */
export function moveSelection(store: AppStore, vm: ViewModel, to: number | 'first' | 'last'): void {
  const state = store.getState();
  const { rows } = vm.paneView(state);
  if (rows.length === 0) return;
  const pane = state.ui.pane;
  const current = selectedIndex(rows, state.ui.selected[pane]);
  const next = to === 'first' ? 0 : to === 'last' ? rows.length - 1 : Math.max(0, Math.min(rows.length - 1, current + to));
  setUi(store, (ui) => ({ selected: { ...ui.selected, [pane]: rows[next]!.key } }));
}

export function switchPane(store: AppStore, pane: PaneId, namespace?: string | null): void {
  setUi(store, (ui) => ({ pane, overlay: null, namespace: namespace === undefined ? ui.namespace : namespace }));
}

export function openOverlay(store: AppStore, kind: Overlay['kind'], target: RowRef | null): void {
  setUi(store, { overlay: { kind, target } });
}

/** Enter: a namespace opens its containers; a container or task opens its live detail; others describe. */
export function drillIn(store: AppStore, vm: ViewModel): void {
  const row = selectedRow(store, vm);
  if (!row) return;
  const pane = store.getState().ui.pane;
  if (row.kind === 'namespace') switchPane(store, 'containers', row.id);
  else openOverlay(store, row.kind === 'container' || row.kind === 'task' ? 'detail' : 'describe', refOf(pane, row));
}

/** Esc: leave a view, else clear the pane's filter. */
export function back(store: AppStore): void {
  const { ui } = store.getState();
  if (ui.overlay) setUi(store, { overlay: null });
  else if (ui.filter[ui.pane]) setUi(store, { filter: { ...ui.filter, [ui.pane]: '' } });
}

export function sortBy(store: AppStore, column: SortColumn): void {
  const { ui } = store.getState();
  if (!PANES[ui.pane].sortable.includes(column)) {
    setMessage(store, `${ui.pane} cannot be sorted by ${column}`);
    return;
  }
  setUi(store, { sort: { ...ui.sort, [ui.pane]: nextSort(ui.sort[ui.pane] ?? PANES[ui.pane].defaultSort ?? undefined, column) } });
}

export function toggleSandboxes(store: AppStore): void {
  const show = !store.getState().ui.showSandboxes;
  setUi(store, { showSandboxes: show });
  setMessage(store, show ? 'showing pause sandboxes' : 'hiding pause sandboxes');
}

/** Runs a `:` command line. */
export function runCommand(store: AppStore, text: string, quit: () => void): void {
  const command = parseCommand(text);
  switch (command.kind) {
    case 'none':
      return;
    case 'quit':
      return quit();
    case 'pane':
      return switchPane(store, command.pane, command.namespace);
    case 'namespace': {
      const pane = store.getState().ui.pane;
      // switching namespace from the namespaces pane means "show me what is in it"
      return switchPane(store, pane === 'namespaces' ? 'containers' : pane, command.name);
    }
    case 'unknown':
      return setMessage(store, `unknown command: ${command.text} (try ns, co, t, img, ev, q)`, 'error');
  }
}

/** The row an action key applies to: the open view's row, else the selected one; null when it has no action. */
export function actionTarget(store: AppStore, vm: ViewModel): ActionTarget | null {
  const { ui } = store.getState();
  const selected = ui.overlay ? undefined : selectedRow(store, vm);
  // in a view, only the row the view shows (help has none)
  const ref = ui.overlay ? ui.overlay.target : selected ? refOf(ui.pane, selected) : null;
  if (!ref || (ref.kind !== 'container' && ref.kind !== 'task' && ref.kind !== 'image')) return null;
  return { pane: ref.pane, key: ref.key, namespace: ref.namespace, id: ref.id, kind: ref.kind };
}
