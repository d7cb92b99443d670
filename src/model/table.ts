// The shape every pane's view-model produces: columns and rows of already-sanitised cells.
import type { Level } from './metrics.js';
import type { RowKind } from '../store/ui.js';

export interface Cell {
  readonly text: string;
  /** colour level of a CPU/MEM/PIDS cell against its limit */
  readonly level?: Level;
  /** an age cell: its text is the time since then at drawing time (see cellText), not stored in the row */
  readonly since?: Date;
}

export interface Column {
  readonly id: string;
  readonly title: string;
  readonly align: 'left' | 'right';
  /** a fixed width, or 'flex': between the title's width and the widest cell, sharing spare width */
  readonly width: number | 'flex';
  /** share of spare width a flex column gets */
  readonly grow?: number;
  /** when the terminal is too narrow, columns with the lowest priority are dropped first */
  readonly priority: number;
  /** 'allNamespaces': only while all namespaces are on screen; 'anyValue': only when a shown row has a value */
  readonly showWhen?: 'allNamespaces' | 'anyValue';
  /** changes on most metrics ticks (drawn apart from the steady cells, see rowRuns) */
  readonly volatile?: boolean;
}

/** Values rows are sorted by; null sorts last in either direction. */
export interface SortKeys {
  /** lower-cased name */
  readonly name: string;
  /** minus the creation time, so ascending = youngest first */
  readonly age: number | null;
  readonly status: string;
  readonly cpu: number | null;
  readonly memory: number | null;
}

export interface Row {
  readonly key: string;
  readonly kind: RowKind;
  readonly namespace: string;
  /** container id, image name, namespace name or event key */
  readonly id: string;
  readonly cells: Readonly<Record<string, Cell>>;
  /** raw labels, for `-l key=value` filters */
  readonly labels: Readonly<Record<string, string>>;
  readonly sort: SortKeys;
}

export const EMPTY_CELL: Cell = { text: '' };
export const UNKNOWN_CELL: Cell = { text: '-' };
