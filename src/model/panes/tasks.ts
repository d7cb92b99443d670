// Tasks pane: only containers that have a task, with exit status and figures.
import type { ContainerInfo, TaskInfo } from '../../client/types.js';
import type { TaskFigures } from '../metrics.js';
import { textCell } from '../cells.js';
import { changedPositions, RowCache, type RowFn } from '../memo.js';
import { memoScopedContainers, type ScopedContainer } from '../scope.js';
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

/**
 * The tasks pane's rows. As for containers, a metrics tick rebuilds only the rows whose figures changed;
 * anything else (containers, tasks, scope) means a full pass.
 */
export function createTaskRows(): (
  containers: DataState['containers'],
  tasks: DataState['tasks'],
  figures: DataState['figures'],
  namespace: string | null,
  showSandboxes: boolean,
) => Row[] {
  const cache = new RowCache<Row>();
  const scoped = memoScopedContainers();
  /** the inputs of the last pass, the containers with a task (one per row), and where each key sits */
  let last: {
    scope: readonly ScopedContainer[];
    tasks: DataState['tasks'];
    figures: DataState['figures'];
    shown: ScopedContainer[];
    index: Map<string, number>;
  } | null = null;
  return (containers, tasks, figures, namespace, showSandboxes) => {
    const scope = scoped(containers, namespace, showSandboxes);
    const build = (row: RowFn<Row>, { container: c, key }: ScopedContainer): Row => {
      const task = tasks[key]!;
      const f = liveFigures(task, figures[key]);
      return row(key, [c, task, f], () => taskRow(c, task, f));
    };
    if (last?.scope === scope && last.tasks === tasks) {
      const { shown, index } = last;
      const changed = changedPositions(index, last.figures, figures);
      last = { ...last, figures };
      return cache.patch(changed, (row, i) => build(row, shown[i]!));
    }
    const shown = scope.filter(({ key }) => tasks[key] !== undefined);
    last = { scope, tasks, figures, shown, index: new Map(shown.map(({ key }, i) => [key, i])) };
    return cache.pass((row) => shown.map((entry) => build(row, entry)));
  };
}
