// Containers pane: one row per container in scope, with its task's status and latest figures.
import type { ContainerInfo, TaskInfo } from '../../client/types.js';
import type { TaskFigures } from '../metrics.js';
import { formatAge } from '../format.js';
import { cpuCell, memoryCell, pidsCell, textCell } from '../cells.js';
import { RowCache } from '../memo.js';
import { memoScopedContainers } from '../scope.js';
import { keyOf, type DataState } from '../../store/state.js';
import { UNKNOWN_CELL, type Column, type Row } from '../table.js';

export const CONTAINER_COLUMNS: readonly Column[] = [
  { id: 'namespace', title: 'NAMESPACE', align: 'left', width: 'flex', grow: 1, priority: 6, showWhen: 'allNamespaces' },
  { id: 'name', title: 'NAME', align: 'left', width: 'flex', grow: 3, priority: 10 },
  { id: 'pod', title: 'POD', align: 'left', width: 'flex', grow: 2, priority: 4, showWhen: 'anyValue' },
  { id: 'podNamespace', title: 'POD-NS', align: 'left', width: 'flex', grow: 1, priority: 3, showWhen: 'anyValue' },
  { id: 'image', title: 'IMAGE', align: 'left', width: 'flex', grow: 3, priority: 7 },
  { id: 'status', title: 'STATUS', align: 'left', width: 8, priority: 9 },
  { id: 'pid', title: 'PID', align: 'right', width: 7, priority: 5 },
  { id: 'cpu', title: 'CPU%', align: 'right', width: 6, priority: 9 },
  { id: 'memory', title: 'MEM', align: 'right', width: 10, priority: 9 },
  { id: 'pids', title: 'PIDS', align: 'right', width: 9, priority: 4 },
  { id: 'runtime', title: 'RUNTIME', align: 'left', width: 'flex', grow: 1, priority: 2 },
  { id: 'age', title: 'AGE', align: 'right', width: 5, priority: 8 },
];

/** A task's status, or "created" for a container that has no task. */
export function statusOf(task: TaskInfo | undefined): string {
  return task ? task.status : 'created';
}

/** Figures are meaningful only while a process exists. */
export function liveFigures(task: TaskInfo | undefined, figures: TaskFigures | undefined): TaskFigures | undefined {
  return task && (task.status === 'running' || task.status === 'paused' || task.status === 'pausing') ? figures : undefined;
}

function containerRow(c: ContainerInfo, task: TaskInfo | undefined, f: TaskFigures | undefined, age: string): Row {
  return {
    key: keyOf(c.namespace, c.id),
    kind: 'container',
    namespace: c.namespace,
    id: c.id,
    labels: c.labels,
    cells: {
      namespace: textCell(c.namespace),
      name: textCell(c.name),
      pod: textCell(c.pod?.name),
      podNamespace: textCell(c.pod?.namespace),
      image: textCell(c.image),
      status: { text: statusOf(task) },
      pid: task && task.pid > 0 ? { text: String(task.pid) } : UNKNOWN_CELL,
      cpu: cpuCell(f),
      memory: memoryCell(f),
      pids: pidsCell(f),
      runtime: textCell(c.runtime),
      age: { text: age },
    },
    sort: {
      name: c.name.toLowerCase(),
      age: c.createdAt ? -c.createdAt.getTime() : null,
      status: statusOf(task),
      cpu: f?.cpuPercent ?? null,
      memory: f?.memoryBytes ?? null,
    },
  };
}

export function createContainerRows(
  clock: () => number,
): (containers: DataState['containers'], tasks: DataState['tasks'], figures: DataState['figures'], namespace: string | null, showSandboxes: boolean) => Row[] {
  const cache = new RowCache<Row>();
  const scoped = memoScopedContainers();
  return (containers, tasks, figures, namespace, showSandboxes) => {
    const now = clock();
    return cache.pass((row) =>
      scoped(containers, namespace, showSandboxes).map(({ container: c, key }) => {
        const task = tasks[key];
        const f = liveFigures(task, figures[key]);
        const age = formatAge(c.createdAt, now);
        return row(key, [c, task, f, age], () => containerRow(c, task, f, age));
      }),
    );
  };
}
