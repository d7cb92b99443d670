// Column widths from the terminal width: fixed columns keep their width, flexible ones share what is left
// (never wider than their widest cell), and the least important columns go when even that does not fit.
import { displayWidth, fit, graphemes } from './sanitize.js';
import type { Column, Row } from './table.js';

export const COLUMN_GAP = 1;
const MIN_FLEX = 6;

export interface LaidColumn {
  column: Column;
  width: number;
}


/** The widest cell (or title) of each flexible column: what layoutColumns lets such a column grow to. */
export function widestCells(columns: readonly Column[], rows: readonly Row[]): Record<string, number> {
  const widest: Record<string, number> = {};
  for (const column of columns) {
    if (column.width !== 'flex') continue;
    let w = displayWidth(column.title);
    for (const row of rows) w = Math.max(w, displayWidth(row.cells[column.id]?.text ?? ''));
    widest[column.id] = w;
  }
  return widest;
}

function minimum(column: Column): number {
  return column.width === 'flex' ? Math.max(MIN_FLEX, displayWidth(column.title)) : column.width;
}

function required(columns: readonly Column[]): number {
  return columns.reduce((sum, c) => sum + minimum(c), 0) + COLUMN_GAP * Math.max(0, columns.length - 1);
}

export function layoutColumns(columns: readonly Column[], widest: Readonly<Record<string, number>>, width: number): LaidColumn[] {
  let shown = [...columns];
  while (shown.length > 1 && required(shown) > width) {
    const weakest = shown.reduce((a, b) => (b.priority < a.priority ? b : a));
    shown = shown.filter((c) => c !== weakest);
  }
  const laid = shown.map((column) => ({ column, width: minimum(column) }));
  const flexible = laid.filter((l) => l.column.width === 'flex');
  const wanted = new Map(flexible.map((l) => [l, Math.max(l.width, widest[l.column.id] ?? 0)]));
  let spare = width - required(shown);
  // hand out spare cells by weight until every flexible column is as wide as its widest cell
  while (spare > 0) {
    const hungry = flexible.filter((l) => l.width < wanted.get(l)!);
    if (hungry.length === 0) break;
    const weight = hungry.reduce((sum, l) => sum + (l.column.grow ?? 1), 0);
    let given = 0;
    for (const l of hungry) {
      const share = Math.max(1, Math.floor((spare * (l.column.grow ?? 1)) / weight));
      const add = Math.min(share, wanted.get(l)! - l.width, spare - given);
      l.width += add;
      given += add;
    }
    spare -= given;
    if (given === 0) break;
  }
  return laid;
}

/** One table line: every cell fitted to its column (wide characters measured), separated by the gap. */
export function formatLine(laid: readonly LaidColumn[], text: (column: Column) => string): string {
  return laid.map((l) => fit(text(l.column), l.width, l.column.align)).join(' '.repeat(COLUMN_GAP));
}


/** Breaks a (sanitised) line into pieces of at most `width` cells, for views that wrap instead of cutting. */
export function wrapLine(text: string, width: number): string[] {
  if (width <= 0 || displayWidth(text) <= width) return [text];
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const segment of graphemes(text)) {
    const w = displayWidth(segment);
    if (used + w > width) {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += segment;
    used += w;
  }
  pieces.push(piece);
  return pieces;
}
