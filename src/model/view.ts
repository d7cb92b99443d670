// The view-model: store state in, the rows and columns of the pane on screen out. Each stage is memoised
// on the identity of its inputs, so a store update that does not touch a pane's data costs nothing, and
// a metrics tick rebuilds only the rows whose task changed.
import type { AppState } from '../store/store.js';
import type { PaneId, SortState } from '../store/ui.js';
import { filterRows, parseFilter } from './filter.js';
import { memoLast } from './memo.js';
import { createContainerRows } from './panes/containers.js';
import { createEventRows } from './panes/events.js';
import { createImageRows } from './panes/images.js';
import { createNamespaceRows } from './panes/namespaces.js';
import { createTaskRows } from './panes/tasks.js';
import { PANES } from './panes/index.js';
import { dedupeImages, scopedContainers } from './scope.js';
import { sortRows } from './sort.js';
import type { Column, Row } from './table.js';
import { keyOf } from '../store/state.js';
import type { ContainerdEvent } from '../client/types.js';

export interface PaneView {
  pane: PaneId;
  /** the columns that apply (still subject to layout by width) */
  columns: readonly Column[];
  rows: readonly Row[];
  /** rows before the filter */
  total: number;
  sort: SortState | null;
}

export interface Summary {
  containers: number;
  running: number;
  images: number;
}

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

export function createViewModel(clock: () => number = Date.now): ViewModel {
  const containers = memoLast(createContainerRows(clock));
  const tasks = memoLast(createTaskRows());
  const images = memoLast(createImageRows(clock));
  const namespaces = memoLast(createNamespaceRows());
  const events = createEventRows();
  const eventRows = memoLast(events.rows);
  const allRows = (s: AppState): readonly Row[] => {
    const { namespace, showSandboxes } = s.ui;
    switch (s.ui.pane) {
      case 'namespaces':
        return namespaces(s.namespaces, s.containers, s.tasks, s.images, showSandboxes);
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
  const shaped = memoLast(
    (pane: PaneId, rows: readonly Row[], namespace: string | null, filterText: string | undefined, sort: SortState | undefined): PaneView => {
      const spec = PANES[pane];
      const searched = shownColumns(spec.columns, rows, namespace === null).map((c) => c.id);
      const filtered = filterRows(rows, parseFilter(filterText), searched);
      const effectiveSort = sort && spec.sortable.includes(sort.column) ? sort : spec.defaultSort;
      const sorted = effectiveSort ? sortRows(filtered, effectiveSort) : filtered;
      return {
        pane,
        columns: shownColumns(spec.columns, sorted, namespace === null),
        rows: sorted,
        total: rows.length,
        sort: effectiveSort,
      };
    },
  );
  const summary = memoLast(
    (
      containerMap: AppState['containers'],
      taskMap: AppState['tasks'],
      imageMap: AppState['images'],
      namespace: string | null,
      showSandboxes: boolean,
    ): Summary => {
      const shown = scopedContainers(containerMap, namespace, showSandboxes);
      return {
        containers: shown.length,
        running: shown.filter((c) => taskMap[keyOf(c.namespace, c.id)]?.status === 'running').length,
        images: dedupeImages(imageMap, namespace).length,
      };
    },
  );
  return {
    paneView: (s) => shaped(s.ui.pane, allRows(s), s.ui.namespace, s.ui.filter[s.ui.pane], s.ui.sort[s.ui.pane]),
    summary: (s) => summary(s.containers, s.tasks, s.images, s.ui.namespace, s.ui.showSandboxes),
    eventOf: events.eventOf,
  };
}
