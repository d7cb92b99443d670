// The pane's table. Only the rows that fit are drawn, a <Text> per run of columns with a line per row (see
// rowRuns), and the window follows the selection.
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import { formatLine, layoutColumns } from '../../model/layout.js';
import { sameDeps } from '../../model/memo.js';
import type { Row } from '../../model/table.js';
import { listingOnScreen } from '../../store/store.js';
import { useAppState, useServices } from '../context.js';
import { selectedIndex } from '../input/operations.js';
import { colorOf, useTheme, type Theme } from '../theme/theme.js';
import { useAgeClock } from './ageClock.js';
import { rowRuns, runsOf, type ColumnRun } from './rowRuns.js';
import { scrollOffset } from './window.js';

export function Table({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { viewModel, store } = useServices();
  const view = useAppState((s) => viewModel.paneView(s));
  const selectedKey = useAppState((s) => s.ui.selected[s.ui.pane]);
  const hasFilter = useAppState((s) => Boolean(s.ui.filter[s.ui.pane]));
  const listing = useAppState(listingOnScreen);
  const stale = useAppState((s) => s.connection.status !== 'connected');
  const laid = useMemo(() => layoutColumns(view.columns, view.widest, width), [view.columns, view.widest, width]);
  const runs = useMemo(() => runsOf(laid), [laid]);
  const visible = Math.max(0, height - 1);
  const selected = selectedIndex(view.rows, selectedKey);
  const offsetRef = useRef(0);
  offsetRef.current = scrollOffset(offsetRef.current, selected, visible, view.rows.length);
  const shown = view.rows.slice(offsetRef.current, offsetRef.current + visible);
  const now = useAgeClock(shown, runs);
  // the sync engine polls these rows' figures on every tick (and the others' less often)
  const onScreen = shown.filter((r) => r.kind === 'container' || r.kind === 'task').map((r) => r.key);
  useEffect(() => {
    if (!sameDeps(store.getState().onScreen, onScreen)) store.setState({ onScreen });
  });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end" color={colorOf(theme, 'tableHeader')}>
        {formatLine(laid, (c) => c.title)}
      </Text>
      {shown.length === 0 ? (
        <Text color={colorOf(theme, 'dim')}>{emptyText(view.pane, hasFilter, listing)}</Text>
      ) : (
        <Box>
          {drawRuns(shown, runs, offsetRef.current, selected, stale, theme, now)}
        </Box>
      )}
    </Box>
  );
}

function emptyText(pane: string, hasFilter: boolean, listing: boolean): string {
  if (hasFilter) return 'no rows match the filter (esc clears it)';
  // events come from the event stream, listed or not
  return listing && pane !== 'events' ? `listing ${pane}…` : `no ${pane}`;
}

function drawRuns(shown: readonly Row[], runs: readonly ColumnRun[], offset: number, selected: number, stale: boolean, theme: Theme, now: number) {
  const rows = shown.map((row, i) => rowRuns(row.cells, { runs, selected: offset + i === selected, stale, theme, now }));
  return runs.map((run, k) => <Text key={run.first}>{rows.map((texts) => texts[k]).join('\n')}</Text>);
}
