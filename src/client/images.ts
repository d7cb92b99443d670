// Image sizes from the content store: manifest + config + layers of the host platform (what `ctr images ls` shows).
import type { ContentService } from '../gen/services/content/v1/content.js';
import type { Rpc } from './rpc.js';

type ContentDefinitions = typeof ContentService;

interface Descriptor {
  mediaType?: string;
  digest: string;
  size: number;
  platform?: { os?: string; architecture?: string; variant?: string };
}

interface Manifest {
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
}

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

/** Node's process.arch in OCI's spelling. */
export function hostArchitecture(): string {
  return ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[process.arch] ?? process.arch;
}

export async function readBlob(rpc: Rpc, content: ContentDefinitions, namespace: string, digest: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const part of rpc.stream(content.read, { digest, offset: 0n, size: 0n }, namespace)) chunks.push(part.data);
  return Buffer.concat(chunks);
}

export async function readJson<T>(rpc: Rpc, content: ContentDefinitions, namespace: string, digest: string): Promise<T> {
  return JSON.parse((await readBlob(rpc, content, namespace, digest)).toString('utf8')) as T;
}

/** Resolves an index to the host platform's manifest; a manifest resolves to itself. */
export async function resolveManifest(
  rpc: Rpc,
  content: ContentDefinitions,
  namespace: string,
  target: { mediaType: string; digest: string; size: number },
): Promise<{ descriptor: { digest: string; size: number }; manifest: Manifest; indexSize: number }> {
  let descriptor = { digest: target.digest, size: target.size };
  let manifest = await readJson<Manifest>(rpc, content, namespace, target.digest);
  let indexSize = 0;
  if (INDEX_TYPES.has(target.mediaType) || manifest.manifests) {
    const arch = hostArchitecture();
    const entries = manifest.manifests ?? [];
    const chosen =
      entries.find((m) => m.platform?.os === 'linux' && m.platform.architecture === arch) ?? entries[0];
    if (!chosen) throw new Error(`index ${target.digest} lists no manifests`);
    indexSize = target.size;
    descriptor = { digest: chosen.digest, size: chosen.size };
    manifest = await readJson<Manifest>(rpc, content, namespace, chosen.digest);
  }
  return { descriptor, manifest, indexSize };
}

export function packedSize(manifestSize: number, manifest: Manifest): number {
  const layers = (manifest.layers ?? []).reduce((sum, layer) => sum + layer.size, 0);
  return manifestSize + (manifest.config?.size ?? 0) + layers;
}
