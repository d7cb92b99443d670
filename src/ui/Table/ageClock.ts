// Ages are worked out when rows are drawn (see ageCell), for the rows on screen only. The table is drawn
// again when the first of their texts changes (on a grid, see ageRedrawAt), and not otherwise: whatever
// the number of containers off screen, a screen of ages in minutes is redrawn at most every 6 s.
import { useEffect, useReducer } from 'react';
import { ageRedrawAt } from '../../model/format.js';
import type { Row } from '../../model/table.js';
import { drawnAges, type ColumnRun } from './rowRuns.js';

/** When to redraw the first age drawn for these rows that may show another text; Infinity when none can. */
export function nextAgeChange(rows: readonly Row[], runs: readonly ColumnRun[], now: number): number {
  let next = Infinity;
  for (let r = 0; r < rows.length; r++) {
    const sinces = drawnAges(rows[r]!.cells, runs);
    for (let i = 0; i < sinces.length; i++) next = Math.min(next, ageRedrawAt(sinces[i]!, now));
  }
  return next;
}

/**
 * The time to draw the rows' ages at; re-renders the caller when one of them changes. Only the columns
 * drawn count: an AGE column dropped for width wakes nothing.
 */
export function useAgeClock(rows: readonly Row[], runs: readonly ColumnRun[]): number {
  const [woken, wake] = useReducer((n: number) => n + 1, 0);
  const now = Date.now();
  const next = nextAgeChange(rows, runs, now);
  useEffect(() => {
    if (!(next < Infinity)) return;
    const timer = setTimeout(wake, next - Date.now());
    return () => clearTimeout(timer);
    // `woken` too: a timer that fired a millisecond early finds the same `next` and must be set again
  }, [next, woken]);
  return now;
}
