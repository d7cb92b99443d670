// Enter on a container or task: live graphs and figures of its task, growing as samples arrive.
import { Text } from 'ink';
import { useMemo } from 'react';
import { useAppState } from '../context.js';
import { ScrollView } from '../ScrollView/ScrollView.js';
import { detailLines } from './detailLines.js';
import { useProcesses } from './useProcesses.js';
import type { RowRef } from '../../store/ui.js';

// header, two graph headings of two lines, blanks, IO, PIDS, process heading: what the graphs share with
const TEXT_LINES = 14;

function graphHeight(height: number): number {
  return Math.max(2, Math.min(10, Math.floor((height - TEXT_LINES) / 2)));
}

function TaskDetail({ target, width, height }: { target: RowRef; width: number; height: number }) {
  const container = useAppState((s) => s.containers[target.key]);
  const task = useAppState((s) => s.tasks[target.key]);
  const figures = useAppState((s) => s.figures[target.key]);
  const history = useAppState((s) => s.history[target.key]);
  // history rings are mutated in place; the tick says they moved
  const tick = useAppState((s) => s.metricsTick);
  const processes = useProcesses(target.namespace, target.id, task !== undefined && task.status !== 'stopped');
  const lines = useMemo(
    () =>
      container
        ? detailLines({ container, task, figures, history, processes, width, graphHeight: graphHeight(height) })
        : [{ text: '(no longer known to containerd)' }],
    // `tick` stands for the in-place history changes
    [container, task, figures, history, tick, processes, width, height],
  );
  return <ScrollView lines={lines} width={width} height={height} />;
}

export function Detail({ width, height }: { width: number; height: number }) {
  const target = useAppState((s) => s.ui.overlay?.target ?? null);
  if (!target) return <Text>nothing selected</Text>;
  return <TaskDetail key={target.key} target={target} width={width} height={height} />;
}
