// Cell builders shared by the panes, so a figure looks the same everywhere.
import type { TaskFigures } from './metrics.js';
import { levelOf } from './metrics.js';
import { formatAge, formatBytes, formatPercent } from './format.js';
import { sanitize } from './sanitize.js';
import { EMPTY_CELL, UNKNOWN_CELL, type Cell } from './table.js';

export function textCell(raw: string | null | undefined): Cell {
  return raw ? { text: sanitize(raw) } : EMPTY_CELL;
}

/**
 * The time since `since`, drawn as an age (42s, 5m). Ages change with the clock, not with the data: they are
 * worked out for the rows drawn, when drawn, so thousands of rows are not rebuilt as their ages tick over
 * (5,000 containers minutes old rebuilt ~83 rows a second, each kept a minute: old-generation garbage).
 */
export function ageCell(since: Date | null | undefined): Cell {
  return since ? { text: '', since } : UNKNOWN_CELL;
}

/** What a cell shows at `now`. */
export function cellText(cell: Cell, now: number): string {
  return cell.since ? formatAge(cell.since, now) : cell.text;
}

/** CPU % (100 = one core), coloured by its share of the CPU quota. */
export function cpuCell(f: TaskFigures | undefined): Cell {
  if (!f || f.cpuPercent === null) return UNKNOWN_CELL;
  return { text: formatPercent(f.cpuPercent), level: levelOf(f.cpuOfLimitPercent) };
}

/** Working set, with the share of the limit when there is one. */
export function memoryCell(f: TaskFigures | undefined): Cell {
  if (!f) return UNKNOWN_CELL;
  const share = f.memoryPercent === null ? '' : ` ${Math.round(f.memoryPercent)}%`;
  return { text: formatBytes(f.memoryBytes) + share, level: levelOf(f.memoryPercent) };
}

export function pidsCell(f: TaskFigures | undefined): Cell {
  if (!f) return UNKNOWN_CELL;
  if (f.pidsLimit === null) return { text: String(f.pids) };
  return { text: `${f.pids}/${f.pidsLimit}`, level: levelOf((f.pids / f.pidsLimit) * 100) };
}

export function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
