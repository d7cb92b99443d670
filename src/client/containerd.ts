// The containerd client: implements ContainerdClient over the generated service definitions.
import { BinaryReader } from '@bufbuild/protobuf/wire';
import { Container, ContainersService, type ListContainersRequest } from '../gen/services/containers/v1/containers.js';
import { ContentService } from '../gen/services/content/v1/content.js';
import { EventsService } from '../gen/services/events/v1/events.js';
import { ImagesService, type Image } from '../gen/services/images/v1/images.js';
import { NamespacesService } from '../gen/services/namespaces/v1/namespace.js';
import { SnapshotsService } from '../gen/services/snapshots/v1/snapshots.js';
import { TasksService } from '../gen/services/tasks/v1/tasks.js';
import { VersionService } from '../gen/services/version/v1/version.js';
import { ProcessDetails } from '../gen/types/runc/options/oci.js';
import { Status, type Process } from '../gen/types/task/task.js';
import type { ContainerdClient, ContainerListOptions, ExecRequest, ImageListOptions, SubscribeOptions } from './api.js';
import { socketPath } from './address.js';
import { MetricDecoder } from './cgroup-metrics.js';
import { toDate } from './convert.js';
import { friendlyName, isSandbox, limitsOf, parseSpec, podOf } from './describe-container.js';
import { checkSocket, ClientError } from './errors.js';
import { decodeEnvelope } from './events.js';
import { packedSize, readJson, resolveManifest } from './images.js';
import { Rpc, type MethodDefinition } from './rpc.js';
import type {
  ContainerdEvent,
  ContainerInfo,
  ImageDetail,
  ImageInfo,
  NamespaceInfo,
  OciSpec,
  PodRef,
  ProcessInfo,
  ServerInfo,
  SpecLimits,
  TaskInfo,
  TaskMetrics,
  TaskStatus,
} from './types.js';

const STATUS: Record<Status, TaskStatus> = {
  [Status.UNKNOWN]: 'unknown',
  [Status.CREATED]: 'created',
  [Status.RUNNING]: 'running',
  [Status.STOPPED]: 'stopped',
  [Status.PAUSED]: 'paused',
  [Status.PAUSING]: 'pausing',
};

const PROCESS_SPEC_TYPE = 'types.containerd.io/opencontainers/runtime-spec/1/Process';

/**
 * Containers.List with its reply left as bytes, for listContainers to decode DECODE_BATCH containers at a
 * time and convert each batch before decoding the next. Decoded whole, the reply's messages (timestamps
 * with BigInts, an Any and views for the spec, the runtime: ~1 KB per container beside what a
 * ListedContainer keeps) all lived until the last one was converted, long enough to be promoted to the old
 * generation: at 5,000 containers ~6 MB of garbage there, which only the full collection a few seconds
 * after start freed.
 */
const LIST_CONTAINERS_BYTES: MethodDefinition<ListContainersRequest, Buffer> = { ...ContainersService.list, responseDeserialize: (bytes) => bytes };
const DECODE_BATCH = 100;
/** ListContainersResponse's `repeated Container containers = 1`: field 1, length-delimited */
const CONTAINERS_FIELD_TAG = (1 << 3) | 2;

/** A Containers.List reply's containers, decoded and converted a batch at a time (see LIST_CONTAINERS_BYTES). */
export function convertContainerList<T>(reply: Uint8Array, convert: (batch: Container[]) => T[]): T[] {
  const reader = new BinaryReader(reply);
  const converted: T[] = [];
  let batch: Container[] = [];
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag === CONTAINERS_FIELD_TAG) batch.push(Container.decode(reader, reader.uint32()));
    else reader.skip(tag & 7); // a field this client does not know (none in containerd's API today)
    if (batch.length === DECODE_BATCH || reader.pos >= reader.len) {
      for (const item of convert(batch)) converted.push(item);
      batch = [];
    }
  }
  return converted;
}

/** Decoded containers by `${namespace}/${id}`; see GrpcContainerdClient.containerInfo. */
export type ContainerCache = Map<string, ContainerInfo>;

export interface ConnectOptions {
  /** deadline of each call, ms */
  timeoutMs?: number;
  /**
   * Shared by the clients of successive sessions (reconnects), so a new session hands back the objects
   * already in the store instead of decoding every container again and holding a second copy.
   */
  containerCache?: ContainerCache;
}

/**
 * Checks the socket, dials it and asks for the server version, so that a wrong path, missing
 * permission or a socket that is not containerd fails here with a clear ClientError.
 */
export async function connect(address: string, options: ConnectOptions = {}): Promise<GrpcContainerdClient> {
  return verify(await open(address, options));
}

/** Checks the socket (missing, no permission) and dials it, asking nothing yet: see verify. */
export async function open(address: string, options: ConnectOptions = {}): Promise<GrpcContainerdClient> {
  const path = socketPath(address);
  await checkSocket(path);
  return new GrpcContainerdClient(path, options.timeoutMs ?? 10_000, options.containerCache);
}

/** Asks the server's version: a socket that answers but is not containerd fails with a clear ClientError, and the client is closed. */
export async function verify(client: GrpcContainerdClient): Promise<GrpcContainerdClient> {
  try {
    await client.version();
  } catch (error) {
    client.close();
    if (error instanceof ClientError && error.kind === 'unimplemented') {
      throw new ClientError('not-containerd', `${client.address} answers gRPC but is not containerd`, error.detail);
    }
    throw error;
  }
  return client;
}

/**
 * The spec bytes to keep until they are parsed, copied out of the reply into one exact-size buffer. The
 * decoder hands out views into the whole reply (15 MB for 5,000 containers), which a kept view would pin for
 * as long as one of its containers stays in the decoded-container cache. One buffer for the lot instead of
 * one per spec: 5,000 allocations were most of the cost of decoding a big list. Its price: the buffer lives
 * until the last container decoded with it is dropped (at most the specs of one list).
 */
function retainAll(values: (Uint8Array | undefined)[]): (Uint8Array | undefined)[] {
  let total = 0;
  for (const value of values) total += value?.length ?? 0;
  const arena = new Uint8Array(total);
  let at = 0;
  return values.map((value) => {
    if (!value?.length) return undefined;
    arena.set(value, at);
    return arena.subarray(at, (at += value.length));
  });
}

/**
 * A container as listed. `spec` and `limits` are parsed from the spec's JSON on first read and then kept.
 * Only describe, the detail view, exec and the figures of tasks with metrics read them (a few containers
 * per namespace), and parsing ~3 KB of JSON for each of thousands of listed containers was the largest
 * cost of listing them (and of the garbage collection after). A class, not an object literal with own
 * getters: those made two closures, a context and a dictionary of properties per container (~1.5 KB of
 * heap each, half of it that dictionary); here the getters are shared and the fields sit in the object.
 * JSON.stringify still sees `spec` and `limits` (toJSON); spreading does not.
 */
class ListedContainer implements ContainerInfo {
  readonly namespace: string;
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly runtime: string;
  readonly snapshotter: string;
  readonly snapshotKey: string;
  readonly labels: Record<string, string>;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
  readonly pod: PodRef | null;
  readonly isSandbox: boolean;
  #raw: Uint8Array | undefined;
  #spec: OciSpec | null | undefined = undefined; // undefined: not parsed yet
  #limits: SpecLimits | undefined = undefined;

  constructor(namespace: string, c: Container, specBytes: Uint8Array | undefined) {
    this.namespace = namespace;
    this.id = c.id;
    this.name = friendlyName(c.id, c.labels);
    this.image = c.image;
    this.runtime = c.runtime?.name ?? '';
    this.snapshotter = c.snapshotter;
    this.snapshotKey = c.snapshotKey;
    this.labels = c.labels;
    this.createdAt = toDate(c.createdAt);
    this.updatedAt = toDate(c.updatedAt);
    this.pod = podOf(c.labels);
    this.isSandbox = isSandbox(c.labels);
    this.#raw = specBytes;
  }

  get spec(): OciSpec | null {
    if (this.#spec === undefined) {
      this.#spec = parseSpec(this.#raw);
      this.#raw = undefined;
    }
    return this.#spec;
  }

  get limits(): SpecLimits {
    return (this.#limits ??= limitsOf(this.spec));
  }

  toJSON(): ContainerInfo {
    return { ...this, spec: this.spec, limits: this.limits };
  }
}

/** In Tasks.List/Get the container id is in `id` and `container_id` is empty (containerd quirk). */
function taskInfo(namespace: string, p: Process): TaskInfo {
  const exitedAt = toDate(p.exitedAt);
  const status = STATUS[p.status] ?? 'unknown';
  return {
    namespace,
    containerId: p.containerId || p.id,
    pid: p.pid,
    status,
    exitStatus: status === 'stopped' || exitedAt ? p.exitStatus : null,
    exitedAt,
  };
}

export class GrpcContainerdClient implements ContainerdClient {
  private readonly rpc: Rpc;
  private server: Promise<ServerInfo> | null = null;
  /**
   * Containers by `${namespace}/${id}` as last decoded. containerd bumps updated_at on every change, so
   * an unchanged container is reused as is instead of being converted again (thousands on a busy node), with
   * its spec if it was parsed.
   */
  private readonly decoded: ContainerCache;
  /** per namespace: its tasks' last metric payloads, so that an idle task's is not decoded again */
  private readonly metricDecoders = new Map<string, MetricDecoder>();
  /** Namespaces whose Containers.List reply passed the message size limit; see listContainers. */
  private readonly streamedNamespaces = new Set<string>();

  constructor(
    readonly address: string,
    timeoutMs: number,
    decoded: ContainerCache = new Map(),
  ) {
    this.rpc = new Rpc(address, timeoutMs);
    this.decoded = decoded;
  }

  /** Asked of the server once per client: connect() asks first, the sync engine's session again. */
  version(): Promise<ServerInfo> {
    if (!this.server) {
      const asked = this.rpc.unary(VersionService.version, {}).then(({ version, revision }) => ({ version, revision }));
      asked.catch(() => this.server === asked && (this.server = null)); // a failure is not remembered
      this.server = asked;
    }
    return this.server;
  }

  async namespaces(): Promise<NamespaceInfo[]> {
    const { namespaces } = await this.rpc.unary(NamespacesService.list, { filter: '' });
    const names = new Set(namespaces.map((n) => n.name));
    for (const key of this.decoded.keys()) if (!names.has(key.slice(0, key.indexOf('/')))) this.decoded.delete(key);
    for (const name of this.metricDecoders.keys()) if (!names.has(name)) this.metricDecoders.delete(name);
    return namespaces.map((n) => ({ name: n.name, labels: n.labels }));
  }

  /** The container as decoded before, if it did not change since (containerd bumps updated_at on every change). */
  private cached(namespace: string, c: Container): ContainerInfo | undefined {
    const known = this.decoded.get(`${namespace}/${c.id}`);
    // compare as Dates do: a Date keeps whole milliseconds, the timestamp has nanoseconds
    return known && (known.updatedAt?.getTime() ?? null) === (toDate(c.updatedAt)?.getTime() ?? null) ? known : undefined;
  }

  /** Unchanged containers from the cache; the others converted, with their specs kept together (see retainAll). */
  private containerInfos(namespace: string, containers: Container[]): ContainerInfo[] {
    const known = containers.map((c) => this.cached(namespace, c));
    const specs = retainAll(containers.filter((_, i) => !known[i]).map((c) => c.spec?.value));
    let next = 0;
    return containers.map((c, i) => {
      if (known[i]) return known[i];
      const info = new ListedContainer(namespace, c, specs[next++]);
      this.decoded.set(`${namespace}/${c.id}`, info);
      return info;
    });
  }

  async containers(namespace: string, options: ContainerListOptions = {}): Promise<ContainerInfo[]> {
    const streamed = options.preview ? await this.previewContainers(namespace, options.preview) : null;
    const infos = streamed ?? (await this.listContainers(namespace));
    const listed = new Set(infos.map((c) => c.id));
    for (const key of this.decoded.keys()) {
      if (key.startsWith(`${namespace}/`) && !listed.has(key.slice(namespace.length + 1))) this.decoded.delete(key);
    }
    return infos;
  }

  /**
   * List first: its one reply is much cheaper to receive and decode than ListStream's message per container
   * (5,000 containers: ~90 ms against ~200 ms for the bare RPC). But each container carries its whole OCI spec
   * (~3 KB), so the reply passes containerd's 16 MiB message limit at about 5,500 containers (containerd
   * answers ResourceExhausted; our receive limit in rpc.ts is the same): then ListStream, for this call and
   * every later one of this namespace, so a big namespace does not pay a refused List (the daemon marshals
   * the whole reply before refusing it) on every refresh.
   */
  private async listContainers(namespace: string): Promise<ContainerInfo[]> {
    if (!this.streamedNamespaces.has(namespace)) {
      try {
        const reply = await this.rpc.unary(LIST_CONTAINERS_BYTES, { filters: [] }, namespace);
        return convertContainerList(reply, (batch) => this.containerInfos(namespace, batch));
      } catch (error) {
        if (!(error instanceof ClientError && error.kind === 'too-large')) throw error;
        this.streamedNamespaces.add(namespace);
      }
    }
    const infos: ContainerInfo[] = [];
    for await (const { container } of this.rpc.stream(ContainersService.listStream, { filters: [] }, namespace)) {
      if (container) infos.push(...this.containerInfos(namespace, [container]));
    }
    return infos;
  }

  /**
   * Reads containers with ListStream, whose messages come one container at a time, until `count` of them
   * arrived: shows those and returns null once shown (the caller then takes the whole list from List,
   * cheaper for thousands, see listContainers). A stream that ends first was the whole list: returned,
   * nothing shown.
   */
  private async previewContainers(namespace: string, { count, show }: NonNullable<ContainerListOptions['preview']>): Promise<ContainerInfo[] | null> {
    const first: ContainerInfo[] = [];
    for await (const { container } of this.rpc.stream(ContainersService.listStream, { filters: [] }, namespace)) {
      if (container) first.push(...this.containerInfos(namespace, [container]));
      if (first.length === count) break; // leaving the loop cancels the stream
    }
    if (first.length < count) return first;
    await show(first);
    return null;
  }

  /** Whether containers() lists this namespace with ListStream because its List reply was too large. */
  listsByStream(namespace: string): boolean {
    return this.streamedNamespaces.has(namespace);
  }

  async container(namespace: string, id: string): Promise<ContainerInfo> {
    const { container } = await this.rpc.unary(ContainersService.get, { id }, namespace);
    if (!container) throw new ClientError('not-found', `container ${id} not found in namespace ${namespace}`);
    return this.containerInfos(namespace, [container])[0]!;
  }

  async tasks(namespace: string): Promise<TaskInfo[]> {
    const { tasks } = await this.rpc.unary(TasksService.list, { filter: '' }, namespace);
    return tasks.map((t) => taskInfo(namespace, t));
  }

  async task(namespace: string, containerId: string): Promise<TaskInfo> {
    const { process } = await this.rpc.unary(TasksService.get, { containerId, execId: '' }, namespace);
    if (!process) throw new ClientError('not-found', `task ${containerId} not found in namespace ${namespace}`);
    return taskInfo(namespace, process);
  }

  async images(namespace: string, options: ImageListOptions = {}): Promise<ImageInfo[]> {
    const { images } = await this.rpc.unary(ImagesService.list, { filters: [] }, namespace);
    return Promise.all(images.map((image) => this.imageInfo(namespace, image, options)));
  }

  private async imageInfo(namespace: string, image: Image, options: ImageListOptions): Promise<ImageInfo> {
    const target = image.target;
    let size: number | null = null;
    const known = target && options.knownSizes?.has(target.digest);
    if (known) size = options.knownSizes!.get(target.digest)!;
    else if (options.sizes && target) {
      try {
        const resolved = await resolveManifest(this.rpc, ContentService, namespace, {
          mediaType: target.mediaType,
          digest: target.digest,
          size: Number(target.size),
        });
        size = resolved.indexSize + packedSize(resolved.descriptor.size, resolved.manifest);
      } catch {
        size = null; // content missing (e.g. not pulled for this platform): unknown, not an error
      }
    }
    return {
      namespace,
      name: image.name,
      digest: target?.digest ?? '',
      mediaType: target?.mediaType ?? '',
      size,
      labels: image.labels,
      createdAt: toDate(image.createdAt),
      updatedAt: toDate(image.updatedAt),
    };
  }

  async imageDetail(namespace: string, name: string): Promise<ImageDetail> {
    const { image } = await this.rpc.unary(ImagesService.get, { name }, namespace);
    const target = image?.target;
    if (!target) throw new ClientError('not-found', `image ${name} not found in namespace ${namespace}`);
    const { manifest } = await resolveManifest(this.rpc, ContentService, namespace, {
      mediaType: target.mediaType,
      digest: target.digest,
      size: Number(target.size),
    });
    const config = manifest.config ? await readJson<unknown>(this.rpc, ContentService, namespace, manifest.config.digest) : null;
    return { manifest, config };
  }

  async metrics(namespace: string, ids?: readonly string[]): Promise<TaskMetrics[]> {
    if (ids?.length === 0) return [];
    // any of the filters matches; ids are containerd identifiers ([A-Za-z0-9._-]), nothing to escape
    const filters = ids ? ids.map((id) => `id=="${id}"`) : [];
    const { metrics } = await this.rpc.unary(TasksService.metrics, { filters }, namespace);
    let decoder = this.metricDecoders.get(namespace);
    if (!decoder) this.metricDecoders.set(namespace, (decoder = new MetricDecoder()));
    return decoder.decode(metrics, ids);
  }

  async listPids(namespace: string, containerId: string): Promise<ProcessInfo[]> {
    const { processes } = await this.rpc.unary(TasksService.listPids, { containerId }, namespace);
    return processes.map((p) => ({
      pid: p.pid,
      execId: p.info?.typeUrl.endsWith('containerd.runc.v1.ProcessDetails') ? ProcessDetails.decode(p.info.value).execId : null,
    }));
  }

  async *subscribe(options: SubscribeOptions = {}): AsyncIterable<ContainerdEvent> {
    for await (const envelope of this.rpc.stream(EventsService.subscribe, { filters: options.filters ?? [] }, undefined, {
      signal: options.signal,
      timeoutMs: null,
    })) {
      yield decodeEnvelope(envelope);
    }
  }

  async kill(namespace: string, containerId: string, signal: number, options: { all?: boolean; execId?: string } = {}): Promise<void> {
    await this.rpc.unary(TasksService.kill, { containerId, execId: options.execId ?? '', signal, all: options.all ?? false }, namespace);
  }

  async wait(namespace: string, containerId: string, execId = ''): Promise<{ exitStatus: number; exitedAt: Date | null }> {
    const response = await this.rpc.unary(TasksService.wait, { containerId, execId }, namespace, { timeoutMs: null });
    return { exitStatus: response.exitStatus, exitedAt: toDate(response.exitedAt) };
  }

  async deleteTask(namespace: string, containerId: string): Promise<{ exitStatus: number }> {
    const response = await this.rpc.unary(TasksService.delete, { containerId }, namespace);
    return { exitStatus: response.exitStatus };
  }

  async deleteContainer(namespace: string, id: string): Promise<void> {
    await this.rpc.unary(ContainersService.delete, { id }, namespace);
  }

  async removeSnapshot(namespace: string, snapshotter: string, key: string): Promise<void> {
    await this.rpc.unary(SnapshotsService.remove, { snapshotter, key }, namespace);
  }

  async deleteImage(namespace: string, name: string): Promise<void> {
    await this.rpc.unary(ImagesService.delete, { name, sync: false }, namespace);
  }

  async pause(namespace: string, containerId: string): Promise<void> {
    await this.rpc.unary(TasksService.pause, { containerId }, namespace);
  }

  async resume(namespace: string, containerId: string): Promise<void> {
    await this.rpc.unary(TasksService.resume, { containerId }, namespace);
  }

  async startTask(namespace: string, containerId: string, io: { stdout?: string; stderr?: string } = {}): Promise<{ pid: number }> {
    const container = await this.container(namespace, containerId);
    const { mounts } = await this.rpc.unary(
      SnapshotsService.mounts,
      { snapshotter: container.snapshotter, key: container.snapshotKey },
      namespace,
    );
    const asUri = (path?: string) => (path ? `file://${path}` : '');
    await this.rpc.unary(
      TasksService.create,
      {
        containerId,
        rootfs: mounts,
        stdin: '',
        stdout: asUri(io.stdout),
        stderr: asUri(io.stderr),
        terminal: false,
        runtimePath: '',
        taskApiAddress: '',
        taskApiVersion: 0,
      },
      namespace,
    );
    return this.startProcess(namespace, containerId, '');
  }

  async exec(namespace: string, request: ExecRequest): Promise<void> {
    await this.rpc.unary(
      TasksService.exec,
      {
        containerId: request.containerId,
        execId: request.execId,
        terminal: request.terminal,
        stdin: request.stdin,
        stdout: request.stdout,
        stderr: request.stderr,
        spec: { typeUrl: PROCESS_SPEC_TYPE, value: Buffer.from(JSON.stringify(request.process)) },
      },
      namespace,
    );
  }

  async startProcess(namespace: string, containerId: string, execId: string): Promise<{ pid: number }> {
    const { pid } = await this.rpc.unary(TasksService.start, { containerId, execId }, namespace);
    return { pid };
  }

  async resizePty(namespace: string, containerId: string, execId: string, width: number, height: number): Promise<void> {
    await this.rpc.unary(TasksService.resizePty, { containerId, execId, width, height }, namespace);
  }

  async closeIO(namespace: string, containerId: string, execId: string): Promise<void> {
    await this.rpc.unary(TasksService.closeIo, { containerId, execId, stdin: true }, namespace);
  }

  async deleteProcess(namespace: string, containerId: string, execId: string): Promise<{ exitStatus: number }> {
    const response = await this.rpc.unary(TasksService.deleteProcess, { containerId, execId }, namespace);
    return { exitStatus: response.exitStatus };
  }

  /** Resolves once connected to the socket, or on failure, or after `timeoutMs` (see Rpc.connected). */
  connected(timeoutMs: number): Promise<void> {
    return this.rpc.connected(timeoutMs);
  }

  close(): void {
    this.rpc.close();
  }
}
