// The describe view's text: everything known about a row, as sanitised lines.
import type { ContainerdEvent, ContainerInfo, ImageDetail, ImageInfo, NamespaceInfo, TaskInfo } from '../client/types.js';
import type { TaskFigures } from './metrics.js';
import { formatBytes, formatPercent } from './format.js';
import { sanitize } from './sanitize.js';

type Value = string | number | boolean | null | undefined;

function field(name: string, value: Value): string {
  const text = value === null || value === undefined || value === '' ? '-' : String(value);
  return `${(name + ':').padEnd(13)} ${sanitize(text)}`;
}

function date(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [`${title}: -`] : [`${title}:`, ...lines.map((l) => `  ${l}`)];
}

function mapLines(map: Record<string, string> | undefined): string[] {
  // sorted by key: the order of a protobuf map varies between calls, and the view would reshuffle
  return Object.entries(map ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => sanitize(`${k}=${v}`));
}

/** Pretty JSON, one sanitised line per line (strings from containerd may hold anything). */
export function jsonLines(value: unknown): string[] {
  return (JSON.stringify(value, null, 2) ?? 'null').split('\n').map(sanitize);
}

function limitText(value: number | null, format: (n: number) => string): string {
  return value === null ? 'unlimited' : format(value);
}

export function describeContainer(c: ContainerInfo, task: TaskInfo | undefined, f: TaskFigures | undefined): string[] {
  const spec = c.spec;
  const process = spec?.process;
  return [
    field('Name', c.name),
    field('ID', c.id),
    field('Namespace', c.namespace),
    field('Image', c.image),
    field('Runtime', c.runtime),
    field('Snapshotter', c.snapshotter),
    field('Snapshot key', c.snapshotKey),
    field('Created', date(c.createdAt)),
    field('Updated', date(c.updatedAt)),
    field('Sandbox', c.isSandbox ? 'yes (pause container)' : 'no'),
    ...(c.pod
      ? [field('Pod', c.pod.name), field('Pod namespace', c.pod.namespace), field('Pod container', c.pod.container)]
      : [field('Pod', null)]),
    '',
    'Task:',
    ...(task
      ? [
          field('  PID', task.pid > 0 ? task.pid : null),
          field('  Status', task.status),
          field('  Exit status', task.exitStatus),
          field('  Exited at', date(task.exitedAt)),
        ]
      : ['  none (created, not started)']),
    '',
    'Limits:',
    field('  CPU', limitText(c.limits.cpuCores, (n) => `${n} cores`)),
    field('  Memory', limitText(c.limits.memoryBytes, formatBytes)),
    field('  PIDs', limitText(c.limits.pids, String)),
    ...(f
      ? ['', 'Usage:', field('  CPU %', formatPercent(f.cpuPercent)), field('  Memory', formatBytes(f.memoryBytes)), field('  PIDs', f.pids)]
      : []),
    '',
    ...section('Labels', mapLines(c.labels)),
    '',
    'Process:',
    field('  Args', process?.args ? JSON.stringify(process.args) : null),
    field('  Cwd', process?.cwd),
    field('  User', process?.user ? `${process.user.uid ?? 0}:${process.user.gid ?? 0}` : null),
    field('  Terminal', process?.terminal),
    field('  Hostname', spec?.hostname),
    ...section('Env', (process?.env ?? []).map(sanitize)),
    ...section('Mounts', (spec?.mounts ?? []).map((m) => sanitize(`${m.destination ?? '?'} <- ${m.source ?? '-'} (${m.type ?? '?'})`))),
    ...section('Namespaces', (spec?.linux?.namespaces ?? []).map((n) => sanitize(n.path ? `${n.type} ${n.path}` : `${n.type}`))),
    ...section('Annotations', mapLines(spec?.annotations)),
  ];
}

export function describeImage(image: ImageInfo, aliases: readonly string[]): string[] {
  return [
    field('Name', image.name),
    field('Namespace', image.namespace),
    field('Digest', image.digest),
    field('Media type', image.mediaType),
    field('Size', image.size === null ? null : `${formatBytes(image.size)} (${image.size} bytes)`),
    field('Created', date(image.createdAt)),
    field('Updated', date(image.updatedAt)),
    ...section('Aliases', aliases.map(sanitize)),
    '',
    ...section('Labels', mapLines(image.labels)),
  ];
}

export function describeImageDetail(detail: ImageDetail): string[] {
  return ['', 'Manifest:', ...jsonLines(detail.manifest), '', 'Config:', ...jsonLines(detail.config)];
}

export function describeNamespace(ns: NamespaceInfo): string[] {
  return [field('Name', ns.name), '', ...section('Labels', mapLines(ns.labels))];
}

export function describeEvent(event: ContainerdEvent): string[] {
  return [
    field('Time', date(event.timestamp)),
    field('Namespace', event.namespace),
    field('Topic', event.topic),
    field('Subject', event.subject),
    '',
    'Payload:',
    ...jsonLines(event.payload),
  ];
}
