// Which records a view covers: the namespace on screen, pause sandboxes on request, and images without
// the alias records CRI adds (`sha256:<id>` and `repo@sha256:<digest>` for every tag in k8s.io).
import type { ContainerInfo, ImageInfo } from '../client/types.js';
import { keyOf } from '../store/state.js';
import { memoLast } from './memo.js';

export function inScope(namespace: string | null, itemNamespace: string): boolean {
  return namespace === null || namespace === itemNamespace;
}

export function scopedContainers(
  containers: Record<string, ContainerInfo>,
  namespace: string | null,
  showSandboxes: boolean,
): ContainerInfo[] {
  const out: ContainerInfo[] = [];
  for (const c of Object.values(containers)) {
    if (inScope(namespace, c.namespace) && (showSandboxes || !c.isSandbox)) out.push(c);
  }
  return out;
}

export interface ScopedContainer {
  container: ContainerInfo;
  /** its key in the store's maps (see keyOf) */
  key: string;
}

/**
 * scopedContainers with their keys, remembered while the container map, namespace and sandbox choice stay
 * the same. Panes rebuild their rows on every metrics tick, and there the scan of every container and a
 * key built afresh per row (each lookup must hash it again) cost more than the rows that changed.
 */
export function memoScopedContainers(): (
  containers: Record<string, ContainerInfo>,
  namespace: string | null,
  showSandboxes: boolean,
) => readonly ScopedContainer[] {
  return memoLast((containers, namespace, showSandboxes) =>
    scopedContainers(containers, namespace, showSandboxes).map((container) => ({ container, key: keyOf(container.namespace, container.id) })),
  );
}

export interface ImageEntry {
  image: ImageInfo;
  /** other records of the same namespace pointing at the same digest */
  aliases: string[];
}

function isAlias(name: string): boolean {
  return name.startsWith('sha256:') || name.includes('@');
}

/** Aliases of the same target collapse into the tagged records; a digest with no tag keeps one record. */
export function dedupeImages(images: Record<string, ImageInfo>, namespace: string | null): ImageEntry[] {
  const byTarget = new Map<string, ImageInfo[]>();
  for (const image of Object.values(images)) {
    if (!inScope(namespace, image.namespace)) continue;
    const target = `${image.namespace}\u0000${image.digest}`;
    const group = byTarget.get(target);
    if (group) group.push(image);
    else byTarget.set(target, [image]);
  }
  const out: ImageEntry[] = [];
  for (const group of byTarget.values()) {
    const tagged = group.filter((i) => !isAlias(i.name));
    // prefer repo@digest over a bare sha256: id when nothing is tagged
    const kept = tagged.length > 0 ? tagged : [group.find((i) => i.name.includes('@')) ?? group[0]!];
    const aliases = group.filter((i) => !kept.includes(i)).map((i) => i.name);
    for (const image of kept) out.push({ image, aliases });
  }
  return out;
}
