// Pure formulas turning two cgroup samples into the figures ctop-ts shows.
// CPU% follows crictl/kubelet: Δusage / Δsample time × 100, so 100 = one full core.
import type { SpecLimits, TaskInfo, TaskMetrics } from '../client/types.js';

/** Whether a task has a process, so that its figures mean something (a stopped task's cgroup still reports). */
export function hasProcess(task: TaskInfo | undefined): boolean {
  return task !== undefined && (task.status === 'running' || task.status === 'paused' || task.status === 'pausing');
}

/** A task's figures while it has a process; none otherwise (what the table and the detail view show). */
export function liveFigures(task: TaskInfo | undefined, figures: TaskFigures | undefined): TaskFigures | undefined {
  return hasProcess(task) ? figures : undefined;
}

export interface TaskFigures {
  /** 100 = one core; null until two samples exist (or after a counter reset) */
  cpuPercent: number | null;
  /** share of the CPU quota in use; null without a quota */
  cpuOfLimitPercent: number | null;
  cpuLimitCores: number | null;
  memoryBytes: number;
  memoryLimitBytes: number | null;
  memoryPercent: number | null;
  pids: number;
  pidsLimit: number | null;
  ioReadBps: number | null;
  ioWriteBps: number | null;
  oomKills: number;
  /** share of CFS periods that were throttled since the previous sample */
  throttledPercent: number | null;
}

/** Rate per second of a cumulative counter; null when it cannot be known (no previous sample, reset, no time). */
export function counterRate(prev: number | undefined, cur: number, seconds: number): number | null {
  if (prev === undefined || seconds <= 0 || cur < prev) return null;
  return (cur - prev) / seconds;
}

export function computeFigures(cur: TaskMetrics, prev?: TaskMetrics, limits?: SpecLimits): TaskFigures {
  const comparable = prev !== undefined && prev.cgroup === cur.cgroup ? prev : undefined;
  const seconds = comparable ? (cur.timestampMs - comparable.timestampMs) / 1000 : 0;
  const cpuNsPerSecond = counterRate(comparable?.cpuUsageNs, cur.cpuUsageNs, seconds);
  const cpuPercent = cpuNsPerSecond === null ? null : cpuNsPerSecond / 1e7;
  const cpuLimitCores = limits?.cpuCores ?? null;
  const memoryLimitBytes = cur.memoryLimitBytes ?? limits?.memoryBytes ?? null;
  const pidsLimit = cur.pidsLimit ?? limits?.pids ?? null;
  const periods = comparable ? cur.cpuPeriods - comparable.cpuPeriods : 0;
  const throttled = comparable ? cur.cpuThrottledPeriods - comparable.cpuThrottledPeriods : 0;
  return {
    cpuPercent,
    cpuOfLimitPercent: cpuPercent !== null && cpuLimitCores ? cpuPercent / cpuLimitCores : null,
    cpuLimitCores,
    memoryBytes: cur.memoryWorkingSetBytes,
    memoryLimitBytes,
    memoryPercent: memoryLimitBytes ? (cur.memoryWorkingSetBytes / memoryLimitBytes) * 100 : null,
    pids: cur.pidsCurrent,
    pidsLimit,
    ioReadBps: counterRate(comparable?.ioReadBytes, cur.ioReadBytes, seconds),
    ioWriteBps: counterRate(comparable?.ioWriteBytes, cur.ioWriteBytes, seconds),
    oomKills: cur.oomKills,
    throttledPercent: periods > 0 && throttled >= 0 ? (throttled / periods) * 100 : null,
  };
}

/**
 * Rates (CPU %, I/O, throttling) need samples at least this far apart. A task under a CPU quota runs in
 * bursts within 100 ms CFS periods: measured over a few milliseconds (a poll right after another, when
 * rows come into view or the sort changes) it reads 0 % or many times its share.
 */
export const MIN_RATE_WINDOW_MS = 250;

/** Whether `cur` came too soon after `prev` to measure rates against it (see MIN_RATE_WINDOW_MS). */
export function tooSoonForRates(cur: TaskMetrics, prev: TaskMetrics | undefined): boolean {
  return prev !== undefined && prev.cgroup === cur.cgroup && cur.timestampMs - prev.timestampMs < MIN_RATE_WINDOW_MS;
}

/** `next` (from a sample too soon for rates) with the rates of the figures before it. */
export function withRatesOf(next: TaskFigures, before: TaskFigures | undefined): TaskFigures {
  if (!before) return next;
  const { cpuPercent, cpuOfLimitPercent, ioReadBps, ioWriteBps, throttledPercent } = before;
  return { ...next, cpuPercent, cpuOfLimitPercent, ioReadBps, ioWriteBps, throttledPercent };
}

/** Limits above 2^62 bytes are cgroup v1's "unlimited" (CRI's isMemoryUnlimited); v2 reports max as 2^64−1. */
export const UNLIMITED_THRESHOLD = 2n ** 62n;

/** A cgroup limit as a number, or null when it means "no limit" (0 or huge). */
export function limitOrNull(value: bigint): number | null {
  if (value === 0n || value >= UNLIMITED_THRESHOLD) return null;
  return Number(value);
}

/** Warn level of a share of a limit: users' eyes go to 70% and 90% (k9s' thresholds). */
export type Level = 'ok' | 'warn' | 'critical';
export function levelOf(percent: number | null): Level {
  if (percent === null) return 'ok';
  if (percent >= 90) return 'critical';
  if (percent >= 70) return 'warn';
  return 'ok';
}

/** Fixed-size ring of the latest values, oldest first when read. */
export class Series {
  private readonly values: number[] = [];
  private start = 0;
  constructor(readonly capacity: number) {}
  push(value: number): void {
    if (this.values.length < this.capacity) this.values.push(value);
    else {
      this.values[this.start] = value;
      this.start = (this.start + 1) % this.capacity;
    }
  }
  get length(): number {
    return this.values.length;
  }
  toArray(): number[] {
    return [...this.values.slice(this.start), ...this.values.slice(0, this.start)];
  }
  stats(): { min: number; max: number; avg: number; last: number } | null {
    if (this.values.length === 0) return null;
    let min = Infinity, max = -Infinity, sum = 0;
    for (const v of this.values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    const lastIndex = (this.start + this.values.length - 1) % this.values.length;
    return { min, max, avg: sum / this.values.length, last: this.values[lastIndex]! };
  }
}
