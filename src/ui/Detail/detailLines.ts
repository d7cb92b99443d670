// The live detail of one task as lines: header, CPU and memory graphs with their statistics, IO, PIDs,
// throttling, OOM kills and the process list.
import type { ContainerInfo, ProcessInfo, TaskInfo } from '../../client/types.js';
import { formatBytes, formatPercent, formatRate } from '../../model/format.js';
import { brailleGraph, graphMax } from '../../model/graph.js';
import { liveFigures, type Series, type TaskFigures } from '../../model/metrics.js';
import { fit, sanitize } from '../../model/sanitize.js';
import type { TaskHistory } from '../../store/state.js';
import type { ColorRole } from '../theme/theme.js';
import type { ViewLine } from '../ScrollView/ScrollView.js';

const AXIS = 8;

export interface DetailInput {
  container: ContainerInfo;
  task: TaskInfo | undefined;
  figures: TaskFigures | undefined;
  history: TaskHistory | undefined;
  /** null while loading; a string when listing failed */
  processes: ProcessInfo[] | string | null;
  width: number;
  graphHeight: number;
}

function stats(series: Series | undefined, format: (n: number) => string): string {
  const s = series?.stats();
  return s ? `min ${format(s.min)}  avg ${format(s.avg)}  max ${format(s.max)}` : 'no samples yet';
}

function graph(series: Series | undefined, limit: number | null, format: (n: number) => string, width: number, height: number, role: ColorRole): ViewLine[] {
  const values = series?.toArray() ?? [];
  const top = graphMax(Math.max(0, ...values), limit);
  return brailleGraph(values, width - AXIS, height, top).map((text, i) => {
    const label = i === 0 ? format(top) : i === height - 1 ? format(0) : '';
    return { text: `${fit(label, AXIS - 2, 'right')} │${text}`, role };
  });
}

function percent(n: number | null | undefined): string {
  const text = formatPercent(n);
  return text === '-' ? text : `${text}%`;
}

function processLines(processes: DetailInput['processes']): ViewLine[] {
  if (processes === null) return [{ text: 'Processes: loading…', bold: true }];
  if (typeof processes === 'string') return [{ text: `Processes: unavailable (${sanitize(processes)})`, role: 'error' }];
  return [
    { text: `Processes (${processes.length}):`, bold: true },
    { text: `  ${'PID'.padStart(8)}  EXEC`, role: 'tableHeader' },
    ...processes.map((p) => ({ text: `  ${String(p.pid).padStart(8)}  ${p.execId ? sanitize(p.execId) : '-'}` })),
  ];
}

export function detailLines({ container, task, figures, history, processes, width, graphHeight }: DetailInput): ViewLine[] {
  // as in the table: a stopped task's cgroup still reports (its page cache, no CPU), but nothing runs there
  const f = liveFigures(task, figures);
  const status = task ? `${task.status}${task.pid > 0 ? `  pid ${task.pid}` : ''}${task.exitStatus !== null ? `  exit ${task.exitStatus}` : ''}` : 'created (no task)';
  const cpuLimit = f?.cpuLimitCores ?? container.limits.cpuCores;
  const memoryLimit = f?.memoryLimitBytes ?? container.limits.memoryBytes;
  const cpuOfLimit = f?.cpuOfLimitPercent != null ? ` = ${percent(f.cpuOfLimitPercent)} of limit` : '';
  const memoryOfLimit = f?.memoryPercent != null ? ` = ${percent(f.memoryPercent)} of limit` : '';
  return [
    { text: `${sanitize(container.name)}  ${sanitize(container.id.slice(0, 12))}  ${status}  ${sanitize(container.image)}`, bold: true },
    { text: '' },
    { text: `CPU  ${f ? percent(f.cpuPercent) : '-'} (100% = one core)${cpuOfLimit}  limit ${cpuLimit === null ? 'none' : `${cpuLimit} cores`}`, bold: true },
    { text: `     ${stats(history?.cpuPercent, percent)}  throttled ${f ? percent(f.throttledPercent) : '-'}`, role: 'dim' },
    ...graph(history?.cpuPercent, cpuLimit === null ? null : cpuLimit * 100, percent, width, graphHeight, 'cpuGraph'),
    { text: '' },
    { text: `MEM  ${f ? formatBytes(f.memoryBytes) : '-'} working set${memoryOfLimit}  limit ${memoryLimit === null ? 'none' : formatBytes(memoryLimit)}`, bold: true },
    { text: `     ${stats(history?.memoryBytes, formatBytes)}  OOM kills ${f?.oomKills ?? '-'}`, role: f && f.oomKills > 0 ? 'critical' : 'dim' },
    ...graph(history?.memoryBytes, memoryLimit, formatBytes, width, graphHeight, 'memoryGraph'),
    { text: '' },
    { text: `IO   read ${formatRate(f?.ioReadBps)}  write ${formatRate(f?.ioWriteBps)}` },
    { text: `PIDS ${f ? f.pids : '-'}${f?.pidsLimit != null ? `/${f.pidsLimit}` : ' (no limit)'}` },
    { text: '' },
    ...processLines(processes),
  ];
}
