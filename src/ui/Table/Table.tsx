// The pane's table. Only the rows that fit are rendered (Ink serialises the whole tree on every commit),
// and the window follows the selection.
import { Box, Text } from 'ink';
import { useMemo, useRef } from 'react';
import { formatLine, layoutColumns } from '../../model/layout.js';
import { useAppState, useServices } from '../context.js';
import { selectedIndex } from '../input/operations.js';
import { colorOf, useTheme } from '../theme/theme.js';
import { runsOf, TableRow } from './TableRow.js';
import { scrollOffset } from './window.js';

export function Table({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { viewModel } = useServices();
  const view = useAppState((s) => viewModel.paneView(s));
  const selectedKey = useAppState((s) => s.ui.selected[s.ui.pane]);
  const hasFilter = useAppState((s) => Boolean(s.ui.filter[s.ui.pane]));
  const stale = useAppState((s) => s.connection.status !== 'connected');
  const laid = useMemo(() => layoutColumns(view.columns, view.widest, width), [view.columns, view.widest, width]);
  const runs = useMemo(() => runsOf(laid), [laid]);
  const visible = Math.max(0, height - 1);
  const selected = selectedIndex(view.rows, selectedKey);
  const offsetRef = useRef(0);
  offsetRef.current = scrollOffset(offsetRef.current, selected, visible, view.rows.length);
  const shown = view.rows.slice(offsetRef.current, offsetRef.current + visible);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end" color={colorOf(theme, 'tableHeader')}>
        {formatLine(laid, (c) => c.title)}
      </Text>
      {shown.length === 0 ? (
        <Text color={colorOf(theme, 'dim')}>{hasFilter ? 'no rows match the filter (esc clears it)' : `no ${view.pane}`}</Text>
      ) : (
        shown.map((row, i) => (
          <TableRow
            key={row.key}
            cells={row.cells}
            runs={runs}
            selected={offsetRef.current + i === selected}
            stale={stale}
            theme={theme}
          />
        ))
      )}
    </Box>
  );
}
