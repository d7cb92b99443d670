// Two lines: where we are connected and what is in scope, then the counts and the connection's health.
// Each line is one pre-styled string (see paint): Ink restyles every nested <Text> on every frame.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { sanitize } from '../../model/sanitize.js';
import type { ConnectionStatus } from '../../store/state.js';
import { listingOnScreen } from '../../store/store.js';
import { useAppState, useServices } from '../context.js';
import { paint, useTheme, type Theme } from '../theme/theme.js';

/** Seconds until the next reconnect attempt, re-rendered each second only while waiting for one. */
function useRetryCountdown(retryAt: number | null): number | null {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (retryAt === null) return;
    setNow(Date.now()); // a new retry time counts from now, not from the last tick of an earlier wait
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  return retryAt === null ? null : Math.max(0, Math.ceil((retryAt - now) / 1000));
}

function connectionStatus(theme: Theme, status: ConnectionStatus, error: string | null, retryIn: number | null, synced: boolean): string {
  if (status === 'connected') return paint(theme, 'ok', '● connected');
  // nothing on screen can be stale before the first sync ended: the first rows of a long list are fresh
  if (status === 'connecting' && !synced) return paint(theme, 'dim', '◌ connecting, listing…');
  const retry = retryIn === null ? 'retrying' : `retrying in ${retryIn}s`;
  const why = error ? ` (${sanitize(error)})` : '';
  return paint(theme, 'stale', `✖ ${status === 'connecting' ? 'connecting' : `disconnected, ${retry}`} · data is stale${why}`);
}

export function Header({ width }: { width: number }) {
  const theme = useTheme();
  const { viewModel } = useServices();
  // field by field: the connection object also changes when a resync ends (syncedAt), which shows nowhere
  const address = useAppState((s) => s.connection.address);
  const version = useAppState((s) => s.connection.server?.version ?? null);
  const status = useAppState((s) => s.connection.status);
  const error = useAppState((s) => s.connection.error);
  const retryAt = useAppState((s) => (s.connection.status === 'connected' ? null : s.connection.retryAt));
  const retryIn = useRetryCountdown(retryAt);
  const synced = useAppState((s) => s.connection.syncedAt !== null);
  // the namespace on screen is still being listed: its counts so far are provisional
  const counting = useAppState(listingOnScreen);
  const namespace = useAppState((s) => s.ui.namespace);
  const refreshMs = useAppState((s) => s.ui.refreshMs);
  const readonly = useAppState((s) => s.ui.readonly);
  const summary = useAppState((s) => viewModel.summary(s));
  const dim = (text: string) => paint(theme, 'dim', text);
  const accent = (text: string | number) => paint(theme, 'accent', String(text));
  const count = (n: number) => accent(counting ? `${n}…` : n);
  const where = [
    paint(theme, 'title', 'ctop-ts', { bold: true }),
    dim(' │ '),
    sanitize(address),
    dim(' │ containerd '),
    version ? sanitize(version) : '?',
    dim(' │ ns '),
    accent(namespace === null ? 'all' : sanitize(namespace)),
    dim(' │ every '),
    `${refreshMs / 1000}s`,
    readonly ? paint(theme, 'warn', ' │ READ-ONLY') : '',
  ].join('');
  const counts = [
    `containers ${count(summary.containers)}`,
    `running ${count(summary.running)}`,
    `images ${count(summary.images)}`,
    connectionStatus(theme, status, error, retryIn, synced),
  ].join(dim(' │ '));
  return (
    <Box flexDirection="column" width={width} height={2}>
      <Text wrap="truncate-end">{where}</Text>
      <Text wrap="truncate-end">{counts}</Text>
    </Box>
  );
}
