// The k9s title rule: pane(namespace)[shown/total] </filter> sort, or the open view and its row.
import { Text } from 'ink';
import { useShallow } from 'zustand/shallow';
import { displayWidth, sanitize, truncate } from '../../model/sanitize.js';
import { listingOnScreen, type AppState } from '../../store/store.js';
import type { ViewModel } from '../../model/view.js';
import { useAppState, useServices } from '../context.js';
import { paint, useTheme } from '../theme/theme.js';

function tableTitle(s: AppState, vm: ViewModel): string {
  const view = vm.paneView(s);
  const ns = s.ui.namespace === null ? 'all' : s.ui.namespace;
  // a namespace still being listed shows what arrived so far
  const count = (view.rows.length === view.total ? `${view.total}` : `${view.rows.length}/${view.total}`) + (listingOnScreen(s) ? '…' : '');
  const filter = s.ui.filter[s.ui.pane] ? ` </${s.ui.filter[s.ui.pane]}>` : '';
  const sort = view.sort ? ` ${view.sort.descending ? '↓' : '↑'}${view.sort.column}` : '';
  const sandboxes = s.ui.showSandboxes && s.ui.pane !== 'images' && s.ui.pane !== 'events' ? ' +sandboxes' : '';
  return `${s.ui.pane}(${ns})[${count}]${filter}${sort}${sandboxes}`;
}

function overlayTitle(s: AppState): string {
  const overlay = s.ui.overlay!;
  if (overlay.kind === 'help') return `help(${s.ui.pane})`;
  const target = overlay.target;
  const name = target && (target.kind === 'container' || target.kind === 'task') ? (s.containers[target.key]?.name ?? target.id) : target?.id;
  return `${overlay.kind}(${name ?? ''})`;
}

export function TitleLine({ width }: { width: number }) {
  const theme = useTheme();
  const { viewModel } = useServices();
  const [title, stale] = useAppState(
    useShallow((s) => [s.ui.overlay ? overlayTitle(s) : tableTitle(s, viewModel), s.connection.status !== 'connected'] as const),
  );
  const text = ` ${truncate(sanitize(title), width - 6)} `;
  const side = Math.max(0, width - displayWidth(text));
  const left = Math.floor(side / 2);
  // one pre-styled string (see paint): Ink restyles every nested <Text> on every frame
  return (
    <Text wrap="truncate-end">
      {paint(theme, 'border', '─'.repeat(left)) +
        paint(theme, stale ? 'stale' : 'title', text, { bold: true }) +
        paint(theme, 'border', '─'.repeat(side - left))}
    </Text>
  );
}
