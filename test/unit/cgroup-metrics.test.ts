// Decoding of containerd Metric payloads (cgroup v1 and v2) built with the generated encoders and sent
// through the wire format, as Tasks.Metrics delivers them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeMetric } from '../../src/client/cgroup-metrics.js';
import { Metrics as V1Metrics, type DeepPartial as V1Partial } from '../../src/gen/cgroup1/stats/metrics.js';
import { Metrics as V2Metrics, type DeepPartial as V2Partial } from '../../src/gen/cgroup2/stats/metrics.js';
import { Metric } from '../../src/gen/types/metrics.js';

const MiB = 1024n * 1024n;
const V1_UNLIMITED = 9223372036854771712n; // what cgroup v1 reports without a memory limit
const V2_MAX = 2n ** 64n - 1n; // "max" in a cgroup v2 file

const AT = { seconds: 1_764_000_000n, nanos: 250_000_000 };
const AT_MS = 1_764_000_000_250;

/** Encodes the payload into an Any, wraps it in a Metric, and sends the Metric through the wire format. */
function wire(typeUrl: string, value: Uint8Array, id = 'c1') {
  const bytes = Metric.encode({ id, timestamp: AT, data: { typeUrl, value: Buffer.from(value) } }).finish();
  return Metric.decode(bytes);
}

function v1(partial: V1Partial<V1Metrics>, id?: string) {
  return decodeMetric(wire('io.containerd.cgroups.v1.Metrics', V1Metrics.encode(V1Metrics.fromPartial(partial)).finish(), id));
}

function v2(partial: V2Partial<V2Metrics>, id?: string) {
  return decodeMetric(wire('io.containerd.cgroups.v2.Metrics', V2Metrics.encode(V2Metrics.fromPartial(partial)).finish(), id));
}

describe('cgroup v1 payloads', () => {
  test('cpu, memory, pids, blkio and OOM fields', () => {
    const m = v1(
      {
        cpu: {
          usage: { total: 8_399_283_127n, kernel: 30_000_000n, user: 8_360_000_000n, perCpu: [7_071_078_726n, 1_328_204_401n] },
          throttling: { periods: 336n, throttledPeriods: 335n, throttledTime: 24_613_627_426n },
        },
        memory: { usage: { usage: 100n * MiB, limit: 256n * MiB, max: 120n * MiB }, totalInactiveFile: 30n * MiB, inactiveFile: 1n },
        pids: { current: 3n, limit: 64n },
        blkio: {
          ioServiceBytesRecursive: [
            { op: 'Read', major: 8n, minor: 0n, value: 4096n },
            { op: 'Write', major: 8n, minor: 0n, value: 1000n },
            { op: 'Sync', major: 8n, minor: 0n, value: 5096n },
            { op: 'Total', major: 8n, minor: 0n, value: 5096n },
            { op: 'Read', major: 8n, minor: 16n, value: 10n },
            { op: 'Write', major: 8n, minor: 16n, value: 20n },
          ],
        },
        memoryOomControl: { oomKill: 2n },
      },
      'web',
    );
    assert.deepEqual(m, {
      containerId: 'web',
      timestampMs: AT_MS,
      cgroup: 'v1',
      cpuUsageNs: 8_399_283_127,
      cpuPeriods: 336,
      cpuThrottledPeriods: 335,
      cpuThrottledNs: 24_613_627_426,
      memoryUsageBytes: 100 * 1024 * 1024,
      // working set = usage − total_inactive_file (not the cgroup's own inactive_file)
      memoryWorkingSetBytes: 70 * 1024 * 1024,
      memoryLimitBytes: 256 * 1024 * 1024,
      pidsCurrent: 3,
      pidsLimit: 64,
      ioReadBytes: 4106,
      ioWriteBytes: 1020,
      oomKills: 2,
    });
  });

  test('working set is clamped at 0 when inactive file exceeds usage', () => {
    const m = v1({ memory: { usage: { usage: 10n * MiB }, totalInactiveFile: 12n * MiB } });
    assert.equal(m?.memoryWorkingSetBytes, 0);
    assert.equal(m?.memoryUsageBytes, 10 * 1024 * 1024);
  });

  test("unlimited memory (9223372036854771712) and a pids limit of 0 read as null", () => {
    const m = v1({ memory: { usage: { usage: 1n, limit: V1_UNLIMITED } }, pids: { current: 1n, limit: 0n } });
    assert.equal(m?.memoryLimitBytes, null);
    assert.equal(m?.pidsLimit, null);
    assert.equal(m?.pidsCurrent, 1);
  });

  test('an empty payload decodes to zeros, not NaN', () => {
    const m = v1({});
    assert.ok(m);
    for (const [key, value] of Object.entries(m)) {
      if (typeof value === 'number') assert.ok(Number.isFinite(value), `${key} = ${value}`);
    }
    assert.equal(m.cpuUsageNs, 0);
    assert.equal(m.memoryLimitBytes, null);
  });
});

describe('cgroup v2 payloads', () => {
  test('usage_usec ×1000, throttling, memory, pids, io and OOM kills', () => {
    const m = v2({
      cpu: { usageUsec: 2_500_000n, userUsec: 2_000_000n, systemUsec: 500_000n, nrPeriods: 40n, nrThrottled: 10n, throttledUsec: 123n },
      memory: { usage: 50n * MiB, usageLimit: 128n * MiB, inactiveFile: 8n * MiB, anon: 40n * MiB, file: 10n * MiB },
      pids: { current: 7n, limit: 100n },
      io: {
        usage: [
          { major: 8n, minor: 0n, rbytes: 1000n, wbytes: 2000n, rios: 1n, wios: 2n },
          { major: 253n, minor: 1n, rbytes: 24n, wbytes: 48n, rios: 3n, wios: 4n },
        ],
      },
      memoryEvents: { oom: 4n, oomKill: 3n, max: 9n },
    });
    assert.deepEqual(m, {
      containerId: 'c1',
      timestampMs: AT_MS,
      cgroup: 'v2',
      cpuUsageNs: 2_500_000_000,
      cpuPeriods: 40,
      cpuThrottledPeriods: 10,
      cpuThrottledNs: 123_000,
      memoryUsageBytes: 50 * 1024 * 1024,
      memoryWorkingSetBytes: 42 * 1024 * 1024,
      memoryLimitBytes: 128 * 1024 * 1024,
      pidsCurrent: 7,
      pidsLimit: 100,
      ioReadBytes: 1024,
      ioWriteBytes: 2048,
      oomKills: 3,
    });
  });

  test('"max" (2^64−1) memory and pids limits and a pids limit of 0 read as null', () => {
    const m = v2({ memory: { usage: 5n, usageLimit: V2_MAX }, pids: { current: 2n, limit: V2_MAX } });
    assert.equal(m?.memoryLimitBytes, null);
    assert.equal(m?.pidsLimit, null);
    assert.equal(v2({ pids: { current: 2n, limit: 0n } })?.pidsLimit, null);
  });

  test('working set is clamped at 0', () => {
    assert.equal(v2({ memory: { usage: 1n * MiB, inactiveFile: 2n * MiB } })?.memoryWorkingSetBytes, 0);
  });
});

describe('type URLs', () => {
  test('an unknown type URL decodes to null', () => {
    assert.equal(decodeMetric(wire('io.containerd.cgroups.v3.Metrics', new Uint8Array([8, 1]))), null);
    assert.equal(decodeMetric(wire('containerd.windows.Stats', new Uint8Array())), null);
  });

  test('a metric without data decodes to null', () => {
    assert.equal(decodeMetric(Metric.decode(Metric.encode({ id: 'x', timestamp: AT }).finish())), null);
  });

  test('a type.googleapis.com/ prefix is tolerated', () => {
    const value = V2Metrics.encode(V2Metrics.fromPartial({ cpu: { usageUsec: 7n } })).finish();
    assert.equal(decodeMetric(wire('type.googleapis.com/io.containerd.cgroups.v2.Metrics', value))?.cpuUsageNs, 7000);
  });

  test('a v1 payload is not read with the v2 decoder (the type URL decides)', () => {
    const v1Value = V1Metrics.encode(V1Metrics.fromPartial({ cpu: { usage: { total: 5n } } })).finish();
    assert.equal(decodeMetric(wire('io.containerd.cgroups.v1.Metrics', v1Value))?.cpuUsageNs, 5);
    assert.equal(decodeMetric(wire('io.containerd.cgroups.v1.Metrics', v1Value))?.cgroup, 'v1');
  });
});
