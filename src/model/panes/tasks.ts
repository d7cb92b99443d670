// Tasks pane: only containers that have a task, with exit status and figures.
import type { ContainerInfo, TaskInfo } from '../../client/types.js';
import type { TaskFigures } from '../metrics.js';
import { textCell } from '../cells.js';
import { UNKNOWN_CELL, type Column, type Row } from '../table.js';
import { containerTaskRow, createContainerTaskRows, type ContainerTaskRows } from './containers.js';

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

/** The tasks pane's rows: as the containers pane's, for the containers that have a task. */
export function createTaskRows(): ContainerTaskRows {
  return createContainerTaskRows((c, task, f) => taskRow(c, task!, f), true);
}
