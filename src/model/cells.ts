// Cell builders shared by the panes, so a figure looks the same everywhere.
import type { TaskFigures } from './metrics.js';
import { levelOf } from './metrics.js';
import { formatBytes, formatPercent } from './format.js';
import { sanitize } from './sanitize.js';
import { EMPTY_CELL, UNKNOWN_CELL, type Cell } from './table.js';

export function textCell(raw: string | null | undefined): Cell {
  return raw ? { text: sanitize(raw) } : EMPTY_CELL;
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
