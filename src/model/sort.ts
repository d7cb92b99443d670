// Sorting rows by the k9s sort keys. CPU and memory sort busiest first by default; pressing the same
// sort again reverses it. Unknown values (null) always go last; ties fall back to name, then key.
import type { SortColumn, SortState } from '../store/ui.js';
import type { Row, SortKeys } from './table.js';

/** The sort after pressing the key of `column` while `current` is in effect. */
export function nextSort(current: SortState | undefined, column: SortColumn): SortState {
  if (current?.column === column) return { column, descending: !current.descending };
  return { column, descending: column === 'cpu' || column === 'memory' };
}

function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function tieBreak(a: Row, b: Row): number {
  return compareValues(a.sort.name, b.sort.name) || compareValues(a.key, b.key);
}

export function sortRows(rows: Row[], sort: SortState): Row[] {
  const column: keyof SortKeys = sort.column;
  const sign = sort.descending ? -1 : 1;
  return rows.sort((a, b) => {
    const x = a.sort[column];
    const y = b.sort[column];
    // nulls stay last whatever the direction
    if (x === null || y === null) return compareValues(x, y) || tieBreak(a, b);
    return sign * compareValues(x, y) || tieBreak(a, b);
  });
}
