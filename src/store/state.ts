// The shape of everything ctop-ts knows. The sync engine writes the data half; the UI reads it with
// selectors and writes only the `ui` half. Keys of containers, tasks, figures and history are
// `${namespace}/${id}` (see keyOf) so one map serves every namespace.
import type {
  ContainerdEvent,
  ContainerInfo,
  ImageInfo,
  NamespaceInfo,
  ServerInfo,
  TaskInfo,
  TaskMetrics,
} from '../client/types.js';
import type { Series, TaskFigures } from '../model/metrics.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionState {
  status: ConnectionStatus;
  address: string;
  server: ServerInfo | null;
  /** the last failure, in plain words */
  error: string | null;
  /** when the next reconnect attempt happens (ms since epoch) while disconnected */
  retryAt: number | null;
  /** when lists were last fully read */
  syncedAt: number | null;
}

export interface TaskHistory {
  cpuPercent: Series;
  memoryBytes: Series;
}

export interface Message {
  text: string;
  level: 'info' | 'error';
  at: number;
}

export interface DataState {
  connection: ConnectionState;
  /** namespaces whose containers, tasks, images and metrics are kept up to date */
  watched: string[];
  namespaces: Record<string, NamespaceInfo>;
  /**
   * Namespaces whose containers, tasks and images are in the store. The others are listed when first
   * shown (see SyncEngine): a node's other namespaces may hold thousands of containers nobody looks at.
   */
  listed: Record<string, true>;
  containers: Record<string, ContainerInfo>;
  tasks: Record<string, TaskInfo>;
  /** keyed by `${namespace}/${image name}` */
  images: Record<string, ImageInfo>;
  /** latest raw sample per task, kept to compute the next figures */
  samples: Record<string, TaskMetrics>;
  figures: Record<string, TaskFigures>;
  /** history rings are mutated in place; metricsTick changes whenever any of them does */
  history: Record<string, TaskHistory>;
  metricsTick: number;
  /** newest first, bounded */
  events: ContainerdEvent[];
  /** the last message for the message line */
  message: Message | null;
}

export function keyOf(namespace: string, id: string): string {
  return `${namespace}/${id}`;
}

/** The namespace a key was made of (neither a namespace name nor a container id holds a slash). */
export function namespaceOfKey(key: string): string {
  return key.slice(0, key.indexOf('/'));
}

/** The container id a key was made of. */
export function idOfKey(key: string): string {
  return key.slice(key.indexOf('/') + 1);
}
