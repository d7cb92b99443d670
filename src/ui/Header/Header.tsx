// Two lines: where we are connected and what is in scope, then the counts and the connection's health.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { sanitize } from '../../model/sanitize.js';
import { useAppState, useServices } from '../context.js';
import { colorOf, useTheme } from '../theme/theme.js';

/** Seconds until the next reconnect attempt, re-rendered each second only while waiting for one. */
function useRetryCountdown(retryAt: number | null): number | null {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (retryAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  return retryAt === null ? null : Math.max(0, Math.ceil((retryAt - now) / 1000));
}

function ConnectionStatus() {
  const theme = useTheme();
  const connection = useAppState((s) => s.connection);
  const retryIn = useRetryCountdown(connection.status === 'connected' ? null : connection.retryAt);
  if (connection.status === 'connected') return <Text color={colorOf(theme, 'ok')}>● connected</Text>;
  const retry = retryIn === null ? 'retrying' : `retrying in ${retryIn}s`;
  const why = connection.error ? ` (${sanitize(connection.error)})` : '';
  return (
    <Text color={colorOf(theme, 'stale')}>
      ✖ {connection.status === 'connecting' ? 'connecting' : `disconnected, ${retry}`} · data is stale{why}
    </Text>
  );
}

export function Header({ width }: { width: number }) {
  const theme = useTheme();
  const { viewModel } = useServices();
  const address = useAppState((s) => s.connection.address);
  const version = useAppState((s) => s.connection.server?.version ?? null);
  const namespace = useAppState((s) => s.ui.namespace);
  const refreshMs = useAppState((s) => s.ui.refreshMs);
  const readonly = useAppState((s) => s.ui.readonly);
  const summary = useAppState((s) => viewModel.summary(s));
  const accent = colorOf(theme, 'accent');
  return (
    <Box flexDirection="column" width={width} height={2}>
      <Text wrap="truncate-end">
        <Text bold color={colorOf(theme, 'title')}>ctop-ts</Text>
        <Text color={colorOf(theme, 'dim')}> │ </Text>
        {sanitize(address)}
        <Text color={colorOf(theme, 'dim')}> │ containerd </Text>
        {version ? sanitize(version) : '?'}
        <Text color={colorOf(theme, 'dim')}> │ ns </Text>
        <Text color={accent}>{namespace === null ? 'all' : sanitize(namespace)}</Text>
        <Text color={colorOf(theme, 'dim')}> │ every </Text>
        {refreshMs / 1000}s
        {readonly ? <Text color={colorOf(theme, 'warn')}> │ READ-ONLY</Text> : null}
      </Text>
      <Text wrap="truncate-end">
        containers <Text color={accent}>{summary.containers}</Text>
        <Text color={colorOf(theme, 'dim')}> │ </Text>
        running <Text color={accent}>{summary.running}</Text>
        <Text color={colorOf(theme, 'dim')}> │ </Text>
        images <Text color={accent}>{summary.images}</Text>
        <Text color={colorOf(theme, 'dim')}> │ </Text>
        <ConnectionStatus />
      </Text>
    </Box>
  );
}
