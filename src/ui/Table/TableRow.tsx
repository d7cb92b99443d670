// One table line. Memoised: a row object that did not change between ticks is not re-rendered.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { fit } from '../../model/sanitize.js';
import { COLUMN_GAP, type LaidColumn } from '../../model/layout.js';
import type { Cell } from '../../model/table.js';
import { colorOf, paint, type ColorRole, type Theme } from '../theme/theme.js';

const STATUS_ROLES: Record<string, ColorRole> = {
  running: 'ok',
  paused: 'warn',
  pausing: 'warn',
  stopped: 'dim',
  created: 'dim',
  unknown: 'critical',
};

function roleOf(columnId: string, cell: Cell): ColorRole | undefined {
  if (cell.level === 'warn' || cell.level === 'critical') return cell.level;
  return columnId === 'status' ? STATUS_ROLES[cell.text] : undefined;
}

/** Adjacent columns drawn as one <Text>; `first` is the index of the first among all columns. */
export interface ColumnRun {
  columns: readonly LaidColumn[];
  first: number;
}

interface Props {
  cells: Readonly<Record<string, Cell>>;
  /** see runsOf; computed once per layout by the table, not per row */
  runs: readonly ColumnRun[];
  selected: boolean;
  stale: boolean;
  theme: Theme;
}

/**
 * Runs of adjacent columns that change on the same ticks: the volatile figures (CPU, MEM, PIDS) apart
 * from the steady cells around them. Each run is its own <Text>, so when a tick changes a figure Ink
 * re-measures and re-tokenises only that run; the steady runs' lines are the same strings as before.
 */
export function runsOf(laid: readonly LaidColumn[]): ColumnRun[] {
  const runs: { columns: LaidColumn[]; first: number }[] = [];
  laid.forEach((l, i) => {
    const last = runs.at(-1);
    if (last && Boolean(last.columns[0]!.column.volatile) === Boolean(l.column.volatile)) last.columns.push(l);
    else runs.push({ columns: [l], first: i });
  });
  return runs;
}

export const TableRow = memo(function TableRow({ cells, runs, selected, stale, theme }: Props) {
  // selection: the theme's colours, or reverse video when it has none (mono)
  const selectedBg = colorOf(theme, 'selectedBg');
  return (
    <Box>
      {runs.map(({ columns, first }) => (
        <Text
          key={first}
          wrap="truncate-end"
          dimColor={stale && !selected}
          inverse={selected && !selectedBg}
          backgroundColor={selected ? selectedBg : undefined}
          color={selected ? colorOf(theme, 'selectedFg') : undefined}
        >
          {columns
            .map((l, i) => {
              const cell = cells[l.column.id] ?? { text: '' };
              const role = selected ? undefined : roleOf(l.column.id, cell);
              // one pre-styled string per run, not a <Text> per cell: Ink restyles every nested Text on every frame
              const gap = first + i === 0 ? '' : ' '.repeat(COLUMN_GAP);
              return paint(theme, role, gap + fit(cell.text, l.width, l.column.align));
            })
            .join('')}
        </Text>
      ))}
    </Box>
  );
});
