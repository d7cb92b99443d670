// The view-model: store state in, the rows and columns of the pane on screen out. Each stage is memoised
// on the identity of its inputs, so a store update that does not touch a pane's data costs nothing, and
// a metrics tick rebuilds only the rows whose task changed.
import type { AppState } from '../store/store.js';
import type { PaneId, SortState } from '../store/ui.js';
import { parseFilter, rowMatcher } from './filter.js';
import { widestCells } from './layout.js';
import { memoLast, patchedPositions } from './memo.js';
import { createContainerRows } from './panes/containers.js';
import { createEventRows } from './panes/events.js';
import { createImageRows } from './panes/images.js';
import { countsByNamespace, createNamespaceRows, type Counts } from './panes/namespaces.js';
import { createTaskRows } from './panes/tasks.js';
import { PANES } from './panes/index.js';
import { sortRows } from './sort.js';
import type { Column, Row } from './table.js';
import type { ContainerdEvent } from '../client/types.js';

export interface PaneView {
  pane: PaneId;
  /** the columns that apply (still subject to layout by width) */
  columns: readonly Column[];
  rows: readonly Row[];
  /** rows before the filter */
  total: number;
  sort: SortState | null;
  /** widest cell of each flexible column among `rows` (see layoutColumns) */
  widest: Readonly<Record<string, number>>;
}

/** the header's counts: what the namespace on screen holds, or all of them */
export type Summary = Counts;

export interface ViewModel {
  paneView(state: AppState): PaneView;
  summary(state: AppState): Summary;
  eventOf(key: string): ContainerdEvent | undefined;
}

function shownColumns(columns: readonly Column[], rows: readonly Row[], allNamespaces: boolean): Column[] {
  return columns.filter((c) => {
    if (c.showWhen === 'allNamespaces') return allNamespaces;
    if (c.showWhen === 'anyValue') return rows.some((r) => (r.cells[c.id]?.text ?? '') !== '');
    return true;
  });
}

interface Shaping {
  pane: PaneId;
  rows: readonly Row[];
  namespace: string | null;
  filterText: string | undefined;
  sort: SortState | undefined;
  matches: (row: Row) => boolean;
  view: PaneView;
  /** where each key sits in view.rows; made when first needed */
  position?: Map<string, number>;
}

/**
 * Filter, sort, shown columns and widths of a pane's rows, remembered. When the rows differ from the last
 * ones only by rows that were rebuilt in place (a metrics tick) and none of those moved in or out of the
 * filter, changed place in the sort, or changed a cell the columns or widths depend on, the last view is
 * reused with those rows swapped in: no filter, sort or measuring of thousands of rows per tick.
 */
function createShaper(): (pane: PaneId, rows: readonly Row[], namespace: string | null, filterText: string | undefined, sort: SortState | undefined) => PaneView {
  let last: Shaping | null = null;
  return (pane, rows, namespace, filterText, sort) => {
    if (last && last.pane === pane && last.namespace === namespace && last.filterText === filterText && last.sort === sort) {
      if (last.rows === rows) return last.view;
      const view = swapRows(last, rows);
      if (view) {
        last = { ...last, rows, view }; // positions stay: the same keys in the same order
        return view;
      }
    }
    const spec = PANES[pane];
    const searched = shownColumns(spec.columns, rows, namespace === null).map((c) => c.id);
    const matches = rowMatcher(parseFilter(filterText), searched);
    const effectiveSort = sort && spec.sortable.includes(sort.column) ? sort : spec.defaultSort;
    const filtered = rows.filter(matches);
    const sorted = effectiveSort ? sortRows(filtered, effectiveSort) : filtered;
    const columns = shownColumns(spec.columns, sorted, namespace === null);
    const view = { pane, columns, rows: sorted, total: rows.length, sort: effectiveSort, widest: widestCells(columns, sorted) };
    last = { pane, rows, namespace, filterText, sort, matches, view };
    return view;
  };
}

/**
 * The last view with the rebuilt rows swapped in (itself when only rows the filter hides were rebuilt), or
 * null when a rebuilt row changes more than its figures.
 */
function swapRows(last: Shaping, rows: readonly Row[]): PaneView | null {
  if (rows.length !== last.rows.length) return null;
  const { view, matches } = last;
  const column = view.sort?.column;
  // cells that decide which columns show and how wide the flexible ones are
  const shaping = PANES[last.pane].columns.filter((c) => c.width === 'flex' || c.showWhen === 'anyValue').map((c) => c.id);
  const swapped = new Map<string, Row>();
  // a tick's patch says which rows it rebuilt: look at those only, not at thousands of unchanged ones
  // (an index loop, not an iterator: without TurboFan each step of an iterator allocates)
  const patched = patchedPositions(last.rows, rows);
  const count = patched ? patched.length : rows.length;
  for (let n = 0; n < count; n++) {
    const i = patched ? patched[n]! : n;
    const before = last.rows[i]!;
    const after = rows[i]!;
    if (before === after) continue;
    if (before.key !== after.key || matches(before) !== matches(after)) return null;
    if (column && (before.sort[column] !== after.sort[column] || before.sort.name !== after.sort.name)) return null;
    if (shaping.some((id) => before.cells[id]?.text !== after.cells[id]?.text)) return null;
    if (matches(after)) swapped.set(after.key, after); // rows the filter hides are not in the view
  }
  if (swapped.size === 0) return view;
  last.position ??= new Map(view.rows.map((r, i) => [r.key, i]));
  const swappedRows = view.rows.slice();
  for (const [key, row] of swapped) swappedRows[last.position.get(key)!] = row;
  return { ...view, rows: swappedRows };
}

export function createViewModel(): ViewModel {
  const containers = memoLast(createContainerRows());
  const tasks = memoLast(createTaskRows());
  const images = memoLast(createImageRows());
  const namespaces = memoLast(createNamespaceRows());
  const events = createEventRows();
  const eventRows = memoLast(events.rows);
  const allRows = (s: AppState): readonly Row[] => {
    const { namespace, showSandboxes } = s.ui;
    switch (s.ui.pane) {
      case 'namespaces':
        return namespaces(s.namespaces, s.listed, s.containers, s.tasks, s.images, showSandboxes);
      case 'containers':
        return containers(s.containers, s.tasks, s.figures, namespace, showSandboxes);
      case 'tasks':
        return tasks(s.containers, s.tasks, s.figures, namespace, showSandboxes);
      case 'images':
        return images(s.images, namespace);
      case 'events':
        return eventRows(s.events, namespace);
    }
  };
  const shaped = createShaper();
  const summary = memoLast(
    (containers: AppState['containers'], tasks: AppState['tasks'], images: AppState['images'], namespace: string | null, showSandboxes: boolean): Summary => {
      const total: Summary = { containers: 0, running: 0, images: 0 };
      for (const [name, counts] of countsByNamespace({ containers, tasks, images }, showSandboxes)) {
        if (namespace !== null && name !== namespace) continue;
        total.containers += counts.containers;
        total.running += counts.running;
        total.images += counts.images;
      }
      return total;
    },
  );
  return {
    paneView: (s) => shaped(s.ui.pane, allRows(s), s.ui.namespace, s.ui.filter[s.ui.pane], s.ui.sort[s.ui.pane]),
    summary: (s) => summary(s.containers, s.tasks, s.images, s.ui.namespace, s.ui.showSandboxes),
    eventOf: events.eventOf,
  };
}
