// Decodes a containerd Metric (cgroup v1 or v2 payload) into one cgroup-agnostic sample.
import { Metrics as V1Metrics } from '../gen/cgroup1/stats/metrics.js';
import { Metrics as V2Metrics } from '../gen/cgroup2/stats/metrics.js';
import type { Metric } from '../gen/types/metrics.js';
import { limitOrNull } from '../model/metrics.js';
import { timestampMs } from './convert.js';
import type { TaskMetrics } from './types.js';

const V1_TYPE = 'io.containerd.cgroups.v1.Metrics';
const V2_TYPE = 'io.containerd.cgroups.v2.Metrics';

const n = (value: bigint | undefined): number => Number(value ?? 0n);
const clampedDifference = (a: bigint, b: bigint): number => (a > b ? Number(a - b) : 0);

/** Type URLs are bare proto names in containerd; tolerate a `type.googleapis.com/`-style prefix anyway. */
function typeName(typeUrl: string): string {
  return typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
}

export function fromV1(containerId: string, at: number, m: V1Metrics): TaskMetrics {
  const usage = m.memory?.usage?.usage ?? 0n;
  const blkio = m.blkio?.ioServiceBytesRecursive ?? [];
  const sumOp = (letter: string) =>
    blkio.filter((e) => e.op.toLowerCase().startsWith(letter)).reduce((sum, e) => sum + Number(e.value), 0);
  return {
    containerId,
    timestampMs: at,
    cgroup: 'v1',
    cpuUsageNs: n(m.cpu?.usage?.total),
    cpuPeriods: n(m.cpu?.throttling?.periods),
    cpuThrottledPeriods: n(m.cpu?.throttling?.throttledPeriods),
    cpuThrottledNs: n(m.cpu?.throttling?.throttledTime),
    memoryUsageBytes: Number(usage),
    memoryWorkingSetBytes: clampedDifference(usage, m.memory?.totalInactiveFile ?? 0n),
    memoryLimitBytes: limitOrNull(m.memory?.usage?.limit ?? 0n),
    pidsCurrent: n(m.pids?.current),
    pidsLimit: limitOrNull(m.pids?.limit ?? 0n),
    ioReadBytes: sumOp('r'),
    ioWriteBytes: sumOp('w'),
    oomKills: n(m.memoryOomControl?.oomKill),
  };
}

export function fromV2(containerId: string, at: number, m: V2Metrics): TaskMetrics {
  const usage = m.memory?.usage ?? 0n;
  const io = m.io?.usage ?? [];
  return {
    containerId,
    timestampMs: at,
    cgroup: 'v2',
    cpuUsageNs: n(m.cpu?.usageUsec) * 1000,
    cpuPeriods: n(m.cpu?.nrPeriods),
    cpuThrottledPeriods: n(m.cpu?.nrThrottled),
    cpuThrottledNs: n(m.cpu?.throttledUsec) * 1000,
    memoryUsageBytes: Number(usage),
    memoryWorkingSetBytes: clampedDifference(usage, m.memory?.inactiveFile ?? 0n),
    memoryLimitBytes: limitOrNull(m.memory?.usageLimit ?? 0n),
    pidsCurrent: n(m.pids?.current),
    pidsLimit: limitOrNull(m.pids?.limit ?? 0n),
    ioReadBytes: io.reduce((sum, e) => sum + Number(e.rbytes), 0),
    ioWriteBytes: io.reduce((sum, e) => sum + Number(e.wbytes), 0),
    oomKills: n(m.memoryEvents?.oomKill),
  };
}

/** null for payloads of an unknown type (a future cgroup version, a runtime without stats). */
export function decodeMetric(metric: Metric): TaskMetrics | null {
  const data = metric.data;
  if (!data) return null;
  const at = timestampMs(metric.timestamp) ?? Date.now();
  switch (typeName(data.typeUrl)) {
    case V1_TYPE:
      return fromV1(metric.id, at, V1Metrics.decode(data.value));
    case V2_TYPE:
      return fromV2(metric.id, at, V2Metrics.decode(data.value));
    default:
      return null;
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);

/**
 * decodeMetric for one namespace's polls, one after the other. An idle task (a pause container, a process
 * asleep) sends the same payload bytes poll after poll: it gets its last sample again with the new time,
 * without decoding the payload again. Tasks asked for and missing from a poll are forgotten: all of the
 * namespace's, or only the containers `asked` for in a poll of some tasks.
 */
export class MetricDecoder {
  private last = new Map<string, { typeUrl: string; value: Uint8Array; sample: TaskMetrics }>();

  constructor(private readonly decodeOne: (metric: Metric) => TaskMetrics | null = decodeMetric) {}

  decode(metrics: readonly Metric[], asked?: readonly string[]): TaskMetrics[] {
    const next: typeof this.last = new Map();
    // forEach and an index loop: this runs every tick, in baseline code where for-of allocates per step
    // (src/cli/v8-idle.ts)
    if (asked) {
      const ids = new Set(asked);
      this.last.forEach((last, id) => {
        if (!ids.has(id)) next.set(id, last);
      });
    }
    const samples: TaskMetrics[] = [];
    for (let i = 0; i < metrics.length; i++) {
      const metric = metrics[i]!;
      const data = metric.data;
      if (!data) continue;
      const before = this.last.get(metric.id);
      if (before && before.typeUrl === data.typeUrl && sameBytes(before.value, data.value)) {
        const sample = { ...before.sample, timestampMs: timestampMs(metric.timestamp) ?? Date.now() };
        next.set(metric.id, { ...before, sample });
        samples.push(sample);
        continue;
      }
      const sample = this.decodeOne(metric);
      if (!sample) continue;
      // a copy: the payload is a view into the whole reply, which it would otherwise keep alive
      next.set(metric.id, { typeUrl: data.typeUrl, value: data.value.slice(), sample });
      samples.push(sample);
    }
    this.last = next;
    return samples;
  }
}
