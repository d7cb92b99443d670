// The contract of the client layer: the only code in ctop-ts that speaks gRPC implements this.
// Every method takes the containerd namespace explicitly; the implementation sends it as the
// `containerd-namespace` header. Failures reject with a ClientError (src/client/errors.ts).
import type {
  ContainerdEvent,
  ContainerInfo,
  ImageDetail,
  ImageInfo,
  NamespaceInfo,
  ProcessInfo,
  ServerInfo,
  TaskInfo,
  TaskMetrics,
} from './types.js';

export interface ImageListOptions {
  /** read manifests from the content store to compute sizes (one Content.Read per manifest) */
  sizes?: boolean;
  /** with `sizes`: sizes already known by digest, taken as they are instead of read again */
  knownSizes?: ReadonlyMap<string, number | null>;
}

export interface ContainerListOptions {
  /**
   * Called once with the first `count` containers, before the whole list is read (not at all when there are
   * fewer): a screenful can be drawn long before thousands of containers are received and decoded. The
   * whole list is asked for once the promise it returns settles, so that containerd serves the first
   * screen's requests before it marshals thousands of containers again.
   */
  preview?: { count: number; show: (first: ContainerInfo[]) => Promise<void> };
}

export interface SubscribeOptions {
  /** containerd filter expressions (entries are OR'ed) */
  filters?: string[];
  signal?: AbortSignal;
}

export interface ContainerdClient {
  /** the socket path the client talks to */
  readonly address: string;
  version(): Promise<ServerInfo>;
  namespaces(): Promise<NamespaceInfo[]>;
  containers(namespace: string, options?: ContainerListOptions): Promise<ContainerInfo[]>;
  container(namespace: string, id: string): Promise<ContainerInfo>;
  tasks(namespace: string): Promise<TaskInfo[]>;
  task(namespace: string, containerId: string): Promise<TaskInfo>;
  images(namespace: string, options?: ImageListOptions): Promise<ImageInfo[]>;
  imageDetail(namespace: string, name: string): Promise<ImageDetail>;
  /** one Tasks.Metrics call for every task of the namespace, or for the tasks of these containers only */
  metrics(namespace: string, ids?: readonly string[]): Promise<TaskMetrics[]>;
  listPids(namespace: string, containerId: string): Promise<ProcessInfo[]>;
  /** the event stream of all namespaces; ends (or throws a ClientError) when the stream breaks */
  subscribe(options?: SubscribeOptions): AsyncIterable<ContainerdEvent>;

  // mutations (used by src/actions only)
  kill(namespace: string, containerId: string, signal: number, options?: { all?: boolean; execId?: string }): Promise<void>;
  /** resolves with the exit status when the process exits */
  wait(namespace: string, containerId: string, execId?: string): Promise<{ exitStatus: number; exitedAt: Date | null }>;
  deleteTask(namespace: string, containerId: string): Promise<{ exitStatus: number }>;
  /** Containers.Delete only; snapshot cleanup is removeSnapshot */
  deleteContainer(namespace: string, id: string): Promise<void>;
  removeSnapshot(namespace: string, snapshotter: string, key: string): Promise<void>;
  deleteImage(namespace: string, name: string): Promise<void>;
  pause(namespace: string, containerId: string): Promise<void>;
  resume(namespace: string, containerId: string): Promise<void>;
  /** creates and starts the task of a container that has none; output goes to the given files (or nowhere) */
  startTask(namespace: string, containerId: string, io?: { stdout?: string; stderr?: string }): Promise<{ pid: number }>;
  exec(namespace: string, request: ExecRequest): Promise<void>;
  startProcess(namespace: string, containerId: string, execId: string): Promise<{ pid: number }>;
  resizePty(namespace: string, containerId: string, execId: string, width: number, height: number): Promise<void>;
  closeIO(namespace: string, containerId: string, execId: string): Promise<void>;
  deleteProcess(namespace: string, containerId: string, execId: string): Promise<{ exitStatus: number }>;

  close(): void;
}

export interface ExecRequest {
  containerId: string;
  execId: string;
  terminal: boolean;
  stdin: string;
  stdout: string;
  stderr: string;
  /** the OCI runtime-spec Process (JSON) */
  process: Record<string, unknown>;
}
