// Batch mode's data: one read of every list plus two metric samples `interval` apart, as the JSON
// document ctop-ts --json prints.
import type { ContainerdClient } from '../client/api.js';
import type { ContainerInfo, ImageInfo, TaskInfo, TaskMetrics } from '../client/types.js';
import { computeFigures, type TaskFigures } from '../model/metrics.js';

export interface TaskDoc {
  pid: number;
  status: TaskInfo['status'];
  exitStatus: number | null;
  exitedAt: string | null;
  cpuPercent: number | null;
  cpuLimitCores: number | null;
  cpuOfLimitPercent: number | null;
  memoryBytes: number | null;
  memoryLimitBytes: number | null;
  memoryPercent: number | null;
  pids: number | null;
  pidsLimit: number | null;
  ioReadBytesPerSecond: number | null;
  ioWriteBytesPerSecond: number | null;
  oomKills: number | null;
  throttledPercent: number | null;
}

export interface ContainerDoc {
  id: string;
  name: string;
  image: string;
  runtime: string;
  snapshotter: string;
  labels: Record<string, string>;
  createdAt: string | null;
  pod: ContainerInfo['pod'];
  task: TaskDoc | null;
}

export interface ImageDoc {
  name: string;
  digest: string;
  mediaType: string;
  size: number | null;
  createdAt: string | null;
}

export interface SnapshotDoc {
  address: string;
  server: { version: string; revision: string };
  namespaces: { name: string; images: ImageDoc[]; containers: ContainerDoc[] }[];
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function taskDoc(task: TaskInfo, figures: TaskFigures | undefined): TaskDoc {
  return {
    pid: task.pid,
    status: task.status,
    exitStatus: task.exitStatus,
    exitedAt: iso(task.exitedAt),
    cpuPercent: figures?.cpuPercent ?? null,
    cpuLimitCores: figures?.cpuLimitCores ?? null,
    cpuOfLimitPercent: figures?.cpuOfLimitPercent ?? null,
    memoryBytes: figures?.memoryBytes ?? null,
    memoryLimitBytes: figures?.memoryLimitBytes ?? null,
    memoryPercent: figures?.memoryPercent ?? null,
    pids: figures?.pids ?? null,
    pidsLimit: figures?.pidsLimit ?? null,
    ioReadBytesPerSecond: figures?.ioReadBps ?? null,
    ioWriteBytesPerSecond: figures?.ioWriteBps ?? null,
    oomKills: figures?.oomKills ?? null,
    throttledPercent: figures?.throttledPercent ?? null,
  };
}

function imageDoc(image: ImageInfo): ImageDoc {
  return { name: image.name, digest: image.digest, mediaType: image.mediaType, size: image.size, createdAt: iso(image.createdAt) };
}

const byId = (samples: TaskMetrics[]) => new Map(samples.map((s) => [s.containerId, s]));

async function namespaceDoc(client: ContainerdClient, namespace: string, intervalMs: number) {
  const first = client.metrics(namespace);
  const [containers, tasks, images, before] = await Promise.all([
    client.containers(namespace),
    client.tasks(namespace),
    client.images(namespace, { sizes: true }),
    first,
  ]);
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
  const after = byId(await client.metrics(namespace));
  const earlier = byId(before);
  const taskById = new Map(tasks.map((t) => [t.containerId, t]));
  return {
    name: namespace,
    images: images.map(imageDoc),
    containers: containers.map((c): ContainerDoc => {
      const task = taskById.get(c.id);
      const sample = after.get(c.id);
      const figures = sample ? computeFigures(sample, earlier.get(c.id), c.limits) : undefined;
      return {
        id: c.id,
        name: c.name,
        image: c.image,
        runtime: c.runtime,
        snapshotter: c.snapshotter,
        labels: c.labels,
        createdAt: iso(c.createdAt),
        pod: c.pod,
        task: task ? taskDoc(task, figures) : null,
      };
    }),
  };
}

/** Reads everything once; namespaces are sampled concurrently so the run takes one interval in all. */
export async function takeSnapshot(client: ContainerdClient, namespace: string | null, intervalSeconds: number): Promise<SnapshotDoc> {
  const [server, all] = await Promise.all([client.version(), client.namespaces()]);
  const names = namespace === null ? all.map((n) => n.name).sort() : [namespace];
  const namespaces = await Promise.all(names.map((name) => namespaceDoc(client, name, intervalSeconds * 1000)));
  return { address: client.address, server, namespaces };
}
