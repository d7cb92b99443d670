// Tasks pane: only containers that have a task, with exit status and figures.
import type { ContainerInfo, TaskInfo } from '../../client/types.js';
import type { TaskFigures } from '../metrics.js';
import { textCell } from '../cells.js';
import { RowCache } from '../memo.js';
import { memoScopedContainers } from '../scope.js';
import type { DataState } from '../../store/state.js';
import { UNKNOWN_CELL, type Column, type Row } from '../table.js';
import { containerTaskRow, liveFigures } from './containers.js';

export const TASK_COLUMNS: readonly Column[] = [
  { id: 'namespace', title: 'NAMESPACE', align: 'left', width: 'flex', grow: 1, priority: 6, showWhen: 'allNamespaces' },
  { id: 'name', title: 'NAME', align: 'left', width: 'flex', grow: 2, priority: 10 },
  { id: 'id', title: 'ID', align: 'left', width: 'flex', grow: 2, priority: 3 },
  { id: 'pid', title: 'PID', align: 'right', width: 7, priority: 8 },
  { id: 'status', title: 'STATUS', align: 'left', width: 8, priority: 9 },
  { id: 'exit', title: 'EXIT', align: 'right', width: 4, priority: 7 },
  { id: 'cpu', title: 'CPU%', align: 'right', width: 6, volatile: true, priority: 9 },
  { id: 'memory', title: 'MEM', align: 'right', width: 10, volatile: true, priority: 9 },
  { id: 'pids', title: 'PIDS', align: 'right', width: 9, volatile: true, priority: 5 },
];

function taskRow(c: ContainerInfo, task: TaskInfo, f: TaskFigures | undefined): Row {
  return containerTaskRow('task', c, task, f, {
    id: textCell(c.id),
    exit: task.exitStatus === null ? UNKNOWN_CELL : { text: String(task.exitStatus) },
  });
}

export function createTaskRows(): (
  containers: DataState['containers'],
  tasks: DataState['tasks'],
  figures: DataState['figures'],
  namespace: string | null,
  showSandboxes: boolean,
) => Row[] {
  const cache = new RowCache<Row>();
  const scoped = memoScopedContainers();
  return (containers, tasks, figures, namespace, showSandboxes) =>
    cache.pass((row) => {
      const rows: Row[] = [];
      for (const { container: c, key } of scoped(containers, namespace, showSandboxes)) {
        const task = tasks[key];
        if (!task) continue;
        const f = liveFigures(task, figures[key]);
        rows.push(row(key, [c, task, f], () => taskRow(c, task, f)));
      }
      return rows;
    });
}
