// Domain objects the client layer hands to the rest of ctop-ts. Nothing outside src/client sees protobuf types.

export type TaskStatus = 'created' | 'running' | 'stopped' | 'paused' | 'pausing' | 'unknown';

export interface ServerInfo {
  version: string;
  revision: string;
}

export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
}

export interface ImageInfo {
  namespace: string;
  name: string;
  /** digest of the image's target (manifest or index) */
  digest: string;
  mediaType: string;
  /** packed size: manifest + config + layers of the host platform; null when the content is missing */
  size: number | null;
  labels: Record<string, string>;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/** Manifest and config of an image, for the describe view. */
export interface ImageDetail {
  manifest: unknown;
  config: unknown;
}

export interface PodRef {
  name: string;
  namespace: string;
  /** the container's name inside the pod (io.kubernetes.container.name); empty for sandboxes */
  container: string;
}

/** Resource limits taken from the container's OCI spec (linux.resources); null = unlimited. */
export interface SpecLimits {
  /** CPU quota in cores (quota / period) */
  cpuCores: number | null;
  memoryBytes: number | null;
  pids: number | null;
}

export interface ContainerInfo {
  namespace: string;
  id: string;
  /** friendly name: nerdctl/name or io.kubernetes.container.name, else the id */
  name: string;
  image: string;
  runtime: string;
  snapshotter: string;
  snapshotKey: string;
  labels: Record<string, string>;
  createdAt: Date | null;
  updatedAt: Date | null;
  pod: PodRef | null;
  /** a Kubernetes pause sandbox (io.cri-containerd.kind=sandbox) */
  isSandbox: boolean;
  /** from the spec; the client parses the spec on first read of `limits` or `spec` (see containerd.ts) */
  readonly limits: SpecLimits;
  /** the parsed OCI runtime spec (JSON), or null */
  readonly spec: OciSpec | null;
}

/** The parts of the OCI runtime spec ctop-ts reads; the rest is kept for describe. */
export interface OciSpec {
  process?: {
    args?: string[];
    env?: string[];
    cwd?: string;
    terminal?: boolean;
    user?: { uid?: number; gid?: number };
    [k: string]: unknown;
  };
  hostname?: string;
  mounts?: { destination?: string; type?: string; source?: string }[];
  annotations?: Record<string, string>;
  linux?: {
    resources?: {
      cpu?: { quota?: number; period?: number; shares?: number };
      memory?: { limit?: number };
      pids?: { limit?: number };
    };
    namespaces?: { type?: string; path?: string }[];
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export interface TaskInfo {
  namespace: string;
  containerId: string;
  pid: number;
  status: TaskStatus;
  /** null while the task has not exited */
  exitStatus: number | null;
  exitedAt: Date | null;
}

/**
 * One cgroup sample of a task, the same shape for cgroup v1 and v2. Counters are cumulative;
 * rates and percentages are derived from two samples in src/model/metrics.ts.
 */
export interface TaskMetrics {
  containerId: string;
  /** server's collection time, ms since the epoch (fractional) */
  timestampMs: number;
  cgroup: 'v1' | 'v2';
  cpuUsageNs: number;
  cpuThrottledPeriods: number;
  cpuPeriods: number;
  cpuThrottledNs: number;
  memoryUsageBytes: number;
  /** working set = usage − inactive file, clamped at 0 (the CRI/cadvisor definition) */
  memoryWorkingSetBytes: number;
  /** null = unlimited */
  memoryLimitBytes: number | null;
  pidsCurrent: number;
  /** null = unlimited */
  pidsLimit: number | null;
  ioReadBytes: number;
  ioWriteBytes: number;
  oomKills: number;
}

export interface ProcessInfo {
  pid: number;
  /** set for exec processes */
  execId: string | null;
}

export interface ContainerdEvent {
  timestamp: Date;
  namespace: string;
  topic: string;
  /** what the event is about: container id, image name, namespace name, snapshot key… */
  subject: string;
  /** decoded payload with int64 values as numbers; null when the type is unknown */
  payload: Record<string, unknown> | null;
}
