// One table line. Memoised: a row object that did not change between ticks is not re-rendered.
import { Text } from 'ink';
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

interface Props {
  cells: Readonly<Record<string, Cell>>;
  laid: readonly LaidColumn[];
  selected: boolean;
  stale: boolean;
  theme: Theme;
}

export const TableRow = memo(function TableRow({ cells, laid, selected, stale, theme }: Props) {
  // selection: the theme's colours, or reverse video when it has none (mono)
  const selectedBg = colorOf(theme, 'selectedBg');
  // one pre-styled string, not a <Text> per cell: Ink restyles every nested Text on every frame
  const line = laid
    .map((l, i) => {
      const cell = cells[l.column.id] ?? { text: '' };
      const role = selected ? undefined : roleOf(l.column.id, cell);
      const gap = i === 0 ? '' : ' '.repeat(COLUMN_GAP);
      return paint(theme, role, gap + fit(cell.text, l.width, l.column.align));
    })
    .join('');
  return (
    <Text
      wrap="truncate-end"
      dimColor={stale && !selected}
      inverse={selected && !selectedBg}
      backgroundColor={selected ? selectedBg : undefined}
      color={selected ? colorOf(theme, 'selectedFg') : undefined}
    >
      {line}
    </Text>
  );
});
