// Derives the friendly name, pod and limits of a container from its labels and OCI spec.
import { limitOrNull } from '../model/metrics.js';
import type { OciSpec, PodRef, SpecLimits } from './types.js';

const NERDCTL_NAME = 'nerdctl/name';
const K8S_CONTAINER_NAME = 'io.kubernetes.container.name';
const K8S_POD_NAME = 'io.kubernetes.pod.name';
const K8S_POD_NAMESPACE = 'io.kubernetes.pod.namespace';
const CRI_KIND = 'io.cri-containerd.kind';

export function friendlyName(id: string, labels: Record<string, string>): string {
  return labels[NERDCTL_NAME] || labels[K8S_CONTAINER_NAME] || id;
}

export function podOf(labels: Record<string, string>): PodRef | null {
  const name = labels[K8S_POD_NAME];
  if (!name) return null;
  return { name, namespace: labels[K8S_POD_NAMESPACE] ?? '', container: labels[K8S_CONTAINER_NAME] ?? '' };
}

export function isSandbox(labels: Record<string, string>): boolean {
  return labels[CRI_KIND] === 'sandbox';
}

/** The spec Any's value is JSON (types.containerd.io/opencontainers/runtime-spec/1/Spec). */
export function parseSpec(value: Uint8Array | undefined): OciSpec | null {
  if (!value || value.length === 0) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as OciSpec) : null;
  } catch {
    return null;
  }
}

function positive(value: number | undefined): number | null {
  return typeof value === 'number' && value > 0 ? limitOrNull(BigInt(Math.trunc(value))) : null;
}

export function limitsOf(spec: OciSpec | null): SpecLimits {
  const resources = spec?.linux?.resources;
  const quota = resources?.cpu?.quota;
  const period = resources?.cpu?.period || 100_000; // the kernel's default CFS period
  return {
    cpuCores: typeof quota === 'number' && quota > 0 ? quota / period : null,
    memoryBytes: positive(resources?.memory?.limit),
    pids: positive(resources?.pids?.limit),
  };
}
