// What distinguishes the panes: title, columns, how they may be sorted and how they sort by default.
import type { PaneId, SortColumn, SortState } from '../../store/ui.js';
import type { Column } from '../table.js';
import { CONTAINER_COLUMNS } from './containers.js';
import { EVENT_COLUMNS } from './events.js';
import { IMAGE_COLUMNS } from './images.js';
import { NAMESPACE_COLUMNS } from './namespaces.js';
import { TASK_COLUMNS } from './tasks.js';

export interface PaneSpec {
  id: PaneId;
  title: string;
  columns: readonly Column[];
  sortable: readonly SortColumn[];
  /** null = kept in the order the store has (events: newest first) */
  defaultSort: SortState | null;
}

const BY_NAME: SortState = { column: 'name', descending: false };

export const PANES: Record<PaneId, PaneSpec> = {
  namespaces: { id: 'namespaces', title: 'namespaces', columns: NAMESPACE_COLUMNS, sortable: ['name'], defaultSort: BY_NAME },
  containers: {
    id: 'containers',
    title: 'containers',
    columns: CONTAINER_COLUMNS,
    sortable: ['name', 'age', 'status', 'cpu', 'memory'],
    defaultSort: BY_NAME,
  },
  tasks: { id: 'tasks', title: 'tasks', columns: TASK_COLUMNS, sortable: ['name', 'age', 'status', 'cpu', 'memory'], defaultSort: BY_NAME },
  images: { id: 'images', title: 'images', columns: IMAGE_COLUMNS, sortable: ['name', 'age', 'memory'], defaultSort: BY_NAME },
  events: { id: 'events', title: 'events', columns: EVENT_COLUMNS, sortable: [], defaultSort: null },
};
