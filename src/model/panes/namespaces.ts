// Namespaces pane: every namespace with what it holds.
import type { NamespaceInfo } from '../../client/types.js';
import { labelsText, textCell } from '../cells.js';
import { RowCache } from '../memo.js';
import { dedupeImages, scopedContainers } from '../scope.js';
import { keyOf, type DataState } from '../../store/state.js';
import type { Column, Row } from '../table.js';

export const NAMESPACE_COLUMNS: readonly Column[] = [
  { id: 'name', title: 'NAME', align: 'left', width: 'flex', grow: 2, priority: 10 },
  { id: 'containers', title: 'CONTAINERS', align: 'right', width: 10, priority: 9 },
  { id: 'running', title: 'RUNNING', align: 'right', width: 7, priority: 9 },
  { id: 'images', title: 'IMAGES', align: 'right', width: 6, priority: 8 },
  { id: 'labels', title: 'LABELS', align: 'left', width: 'flex', grow: 3, priority: 5 },
];

/** What a namespace holds: containers (sandboxes only when shown), running tasks, images (aliases folded). */
export interface Counts {
  containers: number;
  running: number;
  images: number;
}

type CountedData = Pick<DataState, 'containers' | 'tasks' | 'images'>;

export function countsByNamespace(data: CountedData, showSandboxes: boolean): Map<string, Counts> {
  const counts = new Map<string, Counts>();
  const of = (ns: string): Counts => {
    let c = counts.get(ns);
    if (!c) counts.set(ns, (c = { containers: 0, running: 0, images: 0 }));
    return c;
  };
  for (const c of scopedContainers(data.containers, null, showSandboxes)) {
    of(c.namespace).containers++;
    if (data.tasks[keyOf(c.namespace, c.id)]?.status === 'running') of(c.namespace).running++;
  }
  for (const { image } of dedupeImages(data.images, null)) of(image.namespace).images++;
  return counts;
}

/** what the count cells show for a namespace not listed yet (the engine is listing it) */
export const NOT_LISTED = '…';

function namespaceRow(ns: NamespaceInfo, counts: Counts | undefined, listed: boolean): Row {
  const count = (n: number | undefined) => ({ text: listed ? String(n ?? 0) : NOT_LISTED });
  return {
    key: ns.name,
    kind: 'namespace',
    namespace: ns.name,
    id: ns.name,
    labels: ns.labels,
    cells: {
      name: textCell(ns.name),
      containers: count(counts?.containers),
      running: count(counts?.running),
      images: count(counts?.images),
      labels: textCell(labelsText(ns.labels)),
    },
    sort: { name: ns.name.toLowerCase(), age: null, status: '', cpu: null, memory: null },
  };
}

export function createNamespaceRows(): (
  namespaces: DataState['namespaces'],
  listed: DataState['listed'],
  containers: DataState['containers'],
  tasks: DataState['tasks'],
  images: DataState['images'],
  showSandboxes: boolean,
) => Row[] {
  const cache = new RowCache<Row>();
  return (namespaces, listed, containers, tasks, images, showSandboxes) => {
    const counts = countsByNamespace({ containers, tasks, images }, showSandboxes);
    return cache.pass((row) =>
      Object.values(namespaces).map((ns) => {
        const c = counts.get(ns.name);
        const isListed = listed[ns.name] === true;
        return row(ns.name, [ns, isListed, c?.containers, c?.running, c?.images], () => namespaceRow(ns, c, isListed));
      }),
    );
  };
}
