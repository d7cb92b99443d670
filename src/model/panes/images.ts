// Images pane: one row per tagged image (CRI's digest aliases folded in, see scope.ts).
import { formatBytes, shortDigest } from '../format.js';
import { ageCell, textCell } from '../cells.js';
import { RowCache } from '../memo.js';
import { dedupeImages, type ImageEntry } from '../scope.js';
import { keyOf, type DataState } from '../../store/state.js';
import type { Column, Row } from '../table.js';

export const IMAGE_COLUMNS: readonly Column[] = [
  { id: 'namespace', title: 'NAMESPACE', align: 'left', width: 'flex', grow: 1, priority: 6, showWhen: 'allNamespaces' },
  { id: 'name', title: 'NAME', align: 'left', width: 'flex', grow: 4, priority: 10 },
  { id: 'digest', title: 'DIGEST', align: 'left', width: 12, priority: 7 },
  { id: 'size', title: 'SIZE', align: 'right', width: 6, priority: 8 },
  { id: 'age', title: 'AGE', align: 'right', width: 5, priority: 9 },
];

function imageRow({ image }: ImageEntry): Row {
  return {
    key: keyOf(image.namespace, image.name),
    kind: 'image',
    namespace: image.namespace,
    id: image.name,
    labels: image.labels,
    cells: {
      namespace: textCell(image.namespace),
      name: textCell(image.name),
      digest: textCell(shortDigest(image.digest)),
      size: { text: formatBytes(image.size) },
      age: ageCell(image.createdAt),
    },
    sort: {
      name: image.name.toLowerCase(),
      age: image.createdAt ? -image.createdAt.getTime() : null,
      status: '',
      cpu: null,
      // "sort by memory" on images sorts by size: the heaviest first, like containers
      memory: image.size,
    },
  };
}

export function createImageRows(): (images: DataState['images'], namespace: string | null) => Row[] {
  const cache = new RowCache<Row>();
  return (images, namespace) =>
    cache.pass((row) => dedupeImages(images, namespace).map((entry) => row(keyOf(entry.image.namespace, entry.image.name), [entry.image], () => imageRow(entry))));
}
