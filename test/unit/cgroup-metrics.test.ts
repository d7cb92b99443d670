// Decoding of containerd Metric payloads (cgroup v1 and v2) built with the generated encoders and sent
// through the wire format, as Tasks.Metrics delivers them. proto/cgroup{1,2}/stats/metrics.proto declare
// only the fields ctop-ts reads, so the "full payload" tests build what the runc shim really sends (every
// upstream containerd/cgroups v3 field, plus fields no version declares) by hand with a BinaryWriter.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { decodeMetric, MetricDecoder } from '../../src/client/cgroup-metrics.js';
import { Metrics as V1Metrics, type DeepPartial as V1Partial } from '../../src/gen/cgroup1/stats/metrics.js';
import { Metrics as V2Metrics, type DeepPartial as V2Partial } from '../../src/gen/cgroup2/stats/metrics.js';
import { Metric } from '../../src/gen/types/metrics.js';

const MiB = 1024n * 1024n;
const V1_UNLIMITED = 9223372036854771712n; // what cgroup v1 reports without a memory limit
const V2_MAX = 2n ** 64n - 1n; // "max" in a cgroup v2 file

const AT = { seconds: 1_764_000_000n, nanos: 250_000_000 };
const AT_MS = 1_764_000_000_250;

// Hand-built wire format: each helper writes one field (number, wire type, value).
type Field = (w: BinaryWriter) => void;
const u64 = (no: number, v: bigint): Field => (w) => void w.tag(no, WireType.Varint).uint64(v);
const u32 = (no: number, v: number): Field => (w) => void w.tag(no, WireType.Varint).uint32(v);
const str = (no: number, v: string): Field => (w) => void w.tag(no, WireType.LengthDelimited).string(v);
const f64 = (no: number, v: number): Field => (w) => void w.tag(no, WireType.Bit64).double(v);
const fx32 = (no: number, v: number): Field => (w) => void w.tag(no, WireType.Bit32).fixed32(v);
/** A packed `repeated uint64` (proto3's default encoding). */
const packed = (no: number, vs: bigint[]): Field => (w) => {
  w.tag(no, WireType.LengthDelimited).fork();
  for (const v of vs) w.uint64(v);
  w.join();
};
const msg = (no: number, ...fields: Field[]): Field => (w) => {
  w.tag(no, WireType.LengthDelimited).fork();
  for (const f of fields) f(w);
  w.join();
};
const payload = (...fields: Field[]): Uint8Array => {
  const w = new BinaryWriter();
  for (const f of fields) f(w);
  return w.finish();
};
/** uint64 fields from..to (inclusive) with distinct non-zero values, skipping `except`. */
const counters = (from: number, to: number, except: number[] = []): Field[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)
    .filter((no) => !except.includes(no))
    .map((no) => u64(no, BigInt(no) * 1_000_003n));
/** Fields that no cgroups version declares, one per wire type (varint, 64-bit, length-delimited, 32-bit). */
const future = (from: number): Field[] => [
  u64(from, 2n ** 64n - 1n),
  f64(from + 1, 0.25),
  msg(from + 2, u64(1, 1n), str(2, 'nested'), msg(3, u64(1, 2n))),
  fx32(from + 3, 0xdeadbeef),
];

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

const V1_EXPECTED = {
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
};

const V2_EXPECTED = {
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
};

describe('cgroup v1 payloads', () => {
  test('cpu, memory, pids, blkio and OOM fields', () => {
    const m = v1(
      {
        cpu: {
          usage: { total: 8_399_283_127n },
          throttling: { periods: 336n, throttledPeriods: 335n, throttledTime: 24_613_627_426n },
        },
        memory: { usage: { usage: 100n * MiB, limit: 256n * MiB }, totalInactiveFile: 30n * MiB },
        pids: { current: 3n, limit: 64n },
        blkio: {
          ioServiceBytesRecursive: [
            { op: 'Read', value: 4096n },
            { op: 'Write', value: 1000n },
            { op: 'Sync', value: 5096n },
            { op: 'Total', value: 5096n },
            { op: 'Read', value: 10n },
            { op: 'Write', value: 20n },
          ],
        },
        memoryOomControl: { oomKill: 2n },
      },
      'web',
    );
    assert.deepEqual(m, V1_EXPECTED);
  });

  test('a full payload as the runc shim sends it: fields ctop-ts does not declare are skipped', () => {
    const blkioEntry = (op: string, minor: bigint, value: bigint) =>
      msg(1, str(1, op), str(2, `/dev/sd${minor ? 'b' : 'a'}`), u64(3, 8n), u64(4, minor), u64(5, value));
    const memoryEntry = (no: number, limit: bigint, usage: bigint) => msg(no, u64(1, limit), u64(2, usage), u64(3, usage + MiB), u64(4, 5n));
    const value = payload(
      ...future(100),
      msg(1, u64(1, 2n * MiB), u64(2, 4n * MiB), u64(3, 1n), str(4, '2MB')), // hugetlb
      msg(1, u64(1, 0n), u64(2, 0n), str(4, '1GB')),
      msg(2, u64(1, 3n), u64(2, 64n)), // pids
      msg(3, // cpu
        msg(1, u64(1, 8_399_283_127n), u64(2, 30_000_000n), u64(3, 8_360_000_000n), packed(4, [7_071_078_726n, 1_328_204_401n])),
        msg(2, u64(1, 336n), u64(2, 335n), u64(3, 24_613_627_426n)),
      ),
      msg(4, // memory: memory.stat counters 1-32; inactive_file (13) is not what the working set subtracts
        ...counters(1, 29, [13]),
        u64(13, 1n),
        u64(30, 30n * MiB), // total_inactive_file
        ...counters(31, 32),
        ...future(200),
        memoryEntry(33, 256n * MiB, 100n * MiB), // usage
        memoryEntry(34, 512n * MiB, 110n * MiB), // swap
        memoryEntry(35, 0n, 3n * MiB), // kernel
        memoryEntry(36, 0n, 1n * MiB), // kernel_tcp
      ),
      msg(5, // blkio
        blkioEntry('Read', 0n, 4096n),
        blkioEntry('Write', 0n, 1000n),
        blkioEntry('Sync', 0n, 5096n),
        blkioEntry('Total', 0n, 5096n),
        blkioEntry('Read', 16n, 10n),
        blkioEntry('Write', 16n, 20n),
        ...[2, 3, 4, 5, 6, 7, 8].map((no) => msg(no, str(1, 'Read'), u64(3, 8n), u64(5, 999_999n))), // io_serviced_recursive ...
      ),
      msg(6, msg(1, str(1, 'mlx5_0'), u32(2, 2), u32(3, 3)), msg(2, str(1, 'mlx5_0'), u32(2, 10), u32(3, 20))), // rdma
      msg(7, str(1, 'eth0'), ...counters(2, 9)), // network
      msg(8, ...counters(1, 5)), // cgroup_stats
      msg(9, u64(1, 1n), u64(2, 1n), u64(3, 2n)), // memory_oom_control
      ...future(300),
    );
    assert.deepEqual(decodeMetric(wire('io.containerd.cgroups.v1.Metrics', value, 'web')), V1_EXPECTED);
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
      cpu: { usageUsec: 2_500_000n, nrPeriods: 40n, nrThrottled: 10n, throttledUsec: 123n },
      memory: { usage: 50n * MiB, usageLimit: 128n * MiB, inactiveFile: 8n * MiB },
      pids: { current: 7n, limit: 100n },
      io: {
        usage: [
          { rbytes: 1000n, wbytes: 2000n },
          { rbytes: 24n, wbytes: 48n },
        ],
      },
      memoryEvents: { oomKill: 3n },
    });
    assert.deepEqual(m, V2_EXPECTED);
  });

  test('a full payload as the runc shim sends it: fields ctop-ts does not declare are skipped', () => {
    const psiData = (no: number, total: bigint) => msg(no, f64(1, 0.5), f64(2, 1.25), f64(3, 2.75), u64(4, total));
    const psi = (no: number) => msg(no, psiData(1, 123_456n), psiData(2, 78_901n));
    const value = payload(
      ...future(100),
      msg(1, u64(1, 7n), u64(2, 100n)), // pids
      msg(2, // cpu
        u64(1, 2_500_000n), u64(2, 2_000_000n), u64(3, 500_000n), // usage_usec, user_usec, system_usec
        u64(4, 40n), u64(5, 10n), u64(6, 123n),
        psi(7),
        u64(8, 2n), u64(9, 777n), // nr_bursts, burst_usec
      ),
      msg(4, // memory
        ...counters(1, 12),
        u64(13, 8n * MiB), // inactive_file
        ...counters(14, 31),
        u64(32, 50n * MiB), u64(33, 128n * MiB), // usage, usage_limit
        ...counters(34, 37),
        psi(38),
        ...future(200),
        ...counters(39, 42),
      ),
      msg(5, msg(1, str(1, 'mlx5_0'), u32(2, 2), u32(3, 3))), // rdma
      msg(6, // io
        msg(1, u64(1, 8n), u64(2, 0n), u64(3, 1000n), u64(4, 2000n), u64(5, 1n), u64(6, 2n)),
        msg(1, u64(1, 253n), u64(2, 1n), u64(3, 24n), u64(4, 48n), u64(5, 3n), u64(6, 4n)),
        psi(2),
      ),
      msg(7, u64(1, 2n * MiB), u64(2, 4n * MiB), str(3, '2MB'), u64(4, 1n)), // hugetlb
      msg(8, u64(1, 1n), u64(2, 2n), u64(3, 9n), u64(4, 4n), u64(5, 3n), u64(6, 1n)), // memory_events
      msg(9, str(1, 'eth0'), ...counters(2, 9)), // network
      ...future(300),
    );
    assert.deepEqual(decodeMetric(wire('io.containerd.cgroups.v2.Metrics', value)), V2_EXPECTED);
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

describe('MetricDecoder: polls of one namespace', () => {
  const at = (seconds: bigint) => ({ seconds, nanos: 0 });
  const poll = (id: string, usageUsec: bigint, seconds: bigint) => {
    const value = V2Metrics.encode(V2Metrics.fromPartial({ cpu: { usageUsec } })).finish();
    const bytes = Metric.encode({ id, timestamp: at(seconds), data: { typeUrl: 'io.containerd.cgroups.v2.Metrics', value: Buffer.from(value) } }).finish();
    return Metric.decode(bytes);
  };
  const counting = () => {
    const decoded: string[] = [];
    const decoder = new MetricDecoder((m) => (decoded.push(m.id), decodeMetric(m)));
    return { decoder, decoded };
  };

  test('an idle task (the same payload bytes) gets its last sample at the new time, not decoded again', () => {
    const { decoder, decoded } = counting();
    const [first] = decoder.decode([poll('idle', 7n, 1_764_000_000n)]);
    const [second] = decoder.decode([poll('idle', 7n, 1_764_000_001n)]);
    assert.deepEqual(decoded, ['idle']);
    assert.deepEqual(second, { ...first, timestampMs: 1_764_000_001_000 });
  });

  test('a payload that changed is decoded; a task missing from a poll is forgotten', () => {
    const { decoder, decoded } = counting();
    decoder.decode([poll('busy', 7n, 1_764_000_000n), poll('gone', 1n, 1_764_000_000n)]);
    const [busy] = decoder.decode([poll('busy', 9n, 1_764_000_001n)]);
    assert.equal(busy!.cpuUsageNs, 9_000);
    decoder.decode([poll('gone', 1n, 1_764_000_002n)]);
    assert.deepEqual(decoded, ['busy', 'gone', 'busy', 'gone']);
  });

  test('a poll of some tasks keeps the others\' last payloads and forgets those asked for and missing', () => {
    const { decoder, decoded } = counting();
    decoder.decode([poll('shown', 7n, 1_764_000_000n), poll('off-screen', 1n, 1_764_000_000n), poll('gone', 2n, 1_764_000_000n)]);
    decoder.decode([poll('shown', 7n, 1_764_000_001n)], ['shown', 'gone']);
    decoder.decode([poll('shown', 7n, 1_764_000_002n), poll('off-screen', 1n, 1_764_000_002n), poll('gone', 2n, 1_764_000_002n)]);
    assert.deepEqual(decoded, ['shown', 'off-screen', 'gone', 'gone'], 'only the one asked for and missing decoded again');
  });

  test('what it keeps is a copy: the buffer of a reply may be reused for the next one', () => {
    const { decoder, decoded } = counting();
    const first = poll('idle', 7n, 1_764_000_000n);
    decoder.decode([first]);
    first.data!.value.fill(0); // the bytes it was decoded from change under it
    decoder.decode([poll('idle', 7n, 1_764_000_001n)]);
    assert.deepEqual(decoded, ['idle'], 'the unchanged payload still counts as the same');
  });
});
