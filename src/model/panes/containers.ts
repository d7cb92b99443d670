// Containers pane: one row per container in scope, with its task's status and latest figures.
import type { ContainerInfo, TaskInfo } from '../../client/types.js';
import { liveFigures, type TaskFigures } from '../metrics.js';
import { ageCell, cpuCell, memoryCell, pidsCell, textCell } from '../cells.js';
import { changedPositions, RowCache, type RowFn } from '../memo.js';
import { memoScopedContainers, type ScopedContainer } from '../scope.js';
import { keyOf, type DataState } from '../../store/state.js';
import { UNKNOWN_CELL, type Cell, type Column, type Row } from '../table.js';

export const CONTAINER_COLUMNS: readonly Column[] = [
  { id: 'namespace', title: 'NAMESPACE', align: 'left', width: 'flex', grow: 1, priority: 6, showWhen: 'allNamespaces' },
  { id: 'name', title: 'NAME', align: 'left', width: 'flex', grow: 3, priority: 10 },
  { id: 'pod', title: 'POD', align: 'left', width: 'flex', grow: 2, priority: 4, showWhen: 'anyValue' },
  { id: 'podNamespace', title: 'POD-NS', align: 'left', width: 'flex', grow: 1, priority: 3, showWhen: 'anyValue' },
  { id: 'image', title: 'IMAGE', align: 'left', width: 'flex', grow: 3, priority: 7 },
  { id: 'status', title: 'STATUS', align: 'left', width: 8, priority: 9 },
  { id: 'pid', title: 'PID', align: 'right', width: 7, priority: 5 },
  { id: 'cpu', title: 'CPU%', align: 'right', width: 6, volatile: true, priority: 9 },
  { id: 'memory', title: 'MEM', align: 'right', width: 10, volatile: true, priority: 9 },
  { id: 'pids', title: 'PIDS', align: 'right', width: 9, volatile: true, priority: 4 },
  { id: 'runtime', title: 'RUNTIME', align: 'left', width: 'flex', grow: 1, priority: 2 },
  { id: 'age', title: 'AGE', align: 'right', width: 5, priority: 8 },
];

/** A task's status, or "created" for a container that has no task. */
export function statusOf(task: TaskInfo | undefined): string {
  return task ? task.status : 'created';
}

/**
 * A row about a container and its task, as the containers and tasks panes draw it: who it is, its status,
 * pid and figures, and the sort keys; `cells` adds the pane's own columns.
 */
export function containerTaskRow(
  kind: 'container' | 'task',
  c: ContainerInfo,
  task: TaskInfo | undefined,
  f: TaskFigures | undefined,
  cells: Record<string, Cell>,
): Row {
  const status = statusOf(task);
  return {
    key: keyOf(c.namespace, c.id),
    kind,
    namespace: c.namespace,
    id: c.id,
    labels: c.labels,
    cells: {
      namespace: textCell(c.namespace),
      name: textCell(c.name),
      status: { text: status },
      pid: task && task.pid > 0 ? { text: String(task.pid) } : UNKNOWN_CELL,
      cpu: cpuCell(f),
      memory: memoryCell(f),
      pids: pidsCell(f),
      ...cells,
    },
    sort: {
      name: c.name.toLowerCase(),
      age: c.createdAt ? -c.createdAt.getTime() : null,
      status,
      cpu: f?.cpuPercent ?? null,
      memory: f?.memoryBytes ?? null,
    },
  };
}

function containerRow(c: ContainerInfo, task: TaskInfo | undefined, f: TaskFigures | undefined): Row {
  return containerTaskRow('container', c, task, f, {
    pod: textCell(c.pod?.name),
    podNamespace: textCell(c.pod?.namespace),
    image: textCell(c.image),
    runtime: textCell(c.runtime),
    age: ageCell(c.createdAt),
  });
}

/** A pane's rows from the store's containers, tasks and figures, in the namespace on screen (null: all). */
export type ContainerTaskRows = (
  containers: DataState['containers'],
  tasks: DataState['tasks'],
  figures: DataState['figures'],
  namespace: string | null,
  showSandboxes: boolean,
) => Row[];

/**
 * The rows of the containers or the tasks pane: one per container in scope (that has a task, with
 * `onlyWithTask`), made by `make`. A metrics tick changes only `figures`: then only the rows whose figures
 * changed are rebuilt, so a tick costs what it changed, not the number of containers. Anything else
 * (containers, tasks, scope) means a full pass.
 */
export function createContainerTaskRows(
  make: (c: ContainerInfo, task: TaskInfo | undefined, f: TaskFigures | undefined) => Row,
  onlyWithTask = false,
): ContainerTaskRows {
  const cache = new RowCache<Row>();
  const scoped = memoScopedContainers();
  /** the inputs of the last pass, the containers of its rows, and where each key sits among them */
  let last: {
    scope: readonly ScopedContainer[];
    tasks: DataState['tasks'];
    figures: DataState['figures'];
    shown: readonly ScopedContainer[];
    index: Map<string, number>;
  } | null = null;
  return (containers, tasks, figures, namespace, showSandboxes) => {
    const scope = scoped(containers, namespace, showSandboxes);
    const build = (row: RowFn<Row>, { container: c, key }: ScopedContainer): Row => {
      const task = tasks[key];
      const f = liveFigures(task, figures[key]);
      return row(key, [c, task, f], () => make(c, task, f));
    };
    if (last?.scope === scope && last.tasks === tasks) {
      const { shown, index } = last;
      const changed = changedPositions(index, last.figures, figures);
      last = { ...last, figures };
      return cache.patch(changed, (row, i) => build(row, shown[i]!));
    }
    const shown = onlyWithTask ? scope.filter(({ key }) => tasks[key] !== undefined) : scope;
    last = { scope, tasks, figures, shown, index: new Map(shown.map(({ key }, i) => [key, i])) };
    return cache.pass((row) => shown.map((entry) => build(row, entry)));
  };
}

export function createContainerRows(): ContainerTaskRows {
  return createContainerTaskRows(containerRow);
}
