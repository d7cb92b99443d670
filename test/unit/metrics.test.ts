// The figure formulas of src/model/metrics.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SpecLimits, TaskMetrics } from '../../src/client/types.js';
import { computeFigures, counterRate, levelOf, limitOrNull, Series } from '../../src/model/metrics.js';

const GiB = 1024 ** 3;

function sample(over: Partial<TaskMetrics> = {}): TaskMetrics {
  return {
    containerId: 'c',
    timestampMs: 1_000_000,
    cgroup: 'v1',
    cpuUsageNs: 0,
    cpuThrottledPeriods: 0,
    cpuPeriods: 0,
    cpuThrottledNs: 0,
    memoryUsageBytes: 0,
    memoryWorkingSetBytes: 0,
    memoryLimitBytes: null,
    pidsCurrent: 0,
    pidsLimit: null,
    ioReadBytes: 0,
    ioWriteBytes: 0,
    oomKills: 0,
    ...over,
  };
}

const noLimits: SpecLimits = { cpuCores: null, memoryBytes: null, pids: null };

describe('CPU%', () => {
  test('Δns / Δt × 100: one full core is 100', () => {
    const prev = sample({ timestampMs: 10_000, cpuUsageNs: 5e9 });
    const cur = sample({ timestampMs: 12_000, cpuUsageNs: 7e9 }); // 2 s of CPU in 2 s
    assert.equal(computeFigures(cur, prev).cpuPercent, 100);
  });

  test('half a core over 4 s is 50, two cores is 200', () => {
    const prev = sample({ timestampMs: 0, cpuUsageNs: 0 });
    assert.equal(computeFigures(sample({ timestampMs: 4000, cpuUsageNs: 2e9 }), prev).cpuPercent, 50);
    assert.equal(computeFigures(sample({ timestampMs: 4000, cpuUsageNs: 8e9 }), prev).cpuPercent, 200);
  });

  test('a counter reset (task restarted) gives null, not a negative number', () => {
    const prev = sample({ timestampMs: 0, cpuUsageNs: 9e9, ioReadBytes: 500, ioWriteBytes: 500 });
    const f = computeFigures(sample({ timestampMs: 1000, cpuUsageNs: 1e6, ioReadBytes: 10, ioWriteBytes: 10 }), prev);
    assert.equal(f.cpuPercent, null);
    assert.equal(f.ioReadBps, null);
    assert.equal(f.ioWriteBps, null);
  });

  test('no previous sample gives null', () => {
    const f = computeFigures(sample({ cpuUsageNs: 1e9 }));
    assert.equal(f.cpuPercent, null);
    assert.equal(f.cpuOfLimitPercent, null);
    assert.equal(f.ioReadBps, null);
    assert.equal(f.throttledPercent, null);
  });

  test('a zero (or negative) time delta gives null', () => {
    const prev = sample({ timestampMs: 5000, cpuUsageNs: 1e9 });
    assert.equal(computeFigures(sample({ timestampMs: 5000, cpuUsageNs: 2e9 }), prev).cpuPercent, null);
    assert.equal(computeFigures(sample({ timestampMs: 4000, cpuUsageNs: 2e9 }), prev).cpuPercent, null);
  });

  test('a cgroup version change between samples gives null', () => {
    const prev = sample({ cgroup: 'v1', timestampMs: 0, cpuUsageNs: 0, cpuPeriods: 0 });
    const cur = sample({ cgroup: 'v2', timestampMs: 1000, cpuUsageNs: 5e8, cpuPeriods: 10, cpuThrottledPeriods: 5, ioReadBytes: 10 });
    const f = computeFigures(cur, prev);
    assert.equal(f.cpuPercent, null);
    assert.equal(f.throttledPercent, null);
    assert.equal(f.ioReadBps, null);
  });

  test('% of the CPU limit: 25% of a core under a 0.25-core quota is 100%', () => {
    const prev = sample({ timestampMs: 0, cpuUsageNs: 0 });
    const cur = sample({ timestampMs: 2000, cpuUsageNs: 5e8 });
    const f = computeFigures(cur, prev, { ...noLimits, cpuCores: 0.25 });
    assert.equal(f.cpuPercent, 25);
    assert.equal(f.cpuLimitCores, 0.25);
    assert.equal(f.cpuOfLimitPercent, 100);
    assert.equal(computeFigures(cur, prev, noLimits).cpuOfLimitPercent, null);
  });
});

describe('memory, pids, io, throttling', () => {
  test('memory % of the cgroup limit; the spec limit fills in when the cgroup reports none', () => {
    const cur = sample({ memoryWorkingSetBytes: 64 * 2 ** 20, memoryLimitBytes: 256 * 2 ** 20 });
    const f = computeFigures(cur);
    assert.equal(f.memoryBytes, 64 * 2 ** 20);
    assert.equal(f.memoryLimitBytes, 256 * 2 ** 20);
    assert.equal(f.memoryPercent, 25);
    const fromSpec = computeFigures(sample({ memoryWorkingSetBytes: GiB / 2 }), undefined, { ...noLimits, memoryBytes: GiB });
    assert.equal(fromSpec.memoryPercent, 50);
    assert.equal(computeFigures(sample({ memoryWorkingSetBytes: 1 })).memoryPercent, null);
  });

  test('pids and their limit, from the cgroup or the spec', () => {
    assert.deepEqual(
      [computeFigures(sample({ pidsCurrent: 3, pidsLimit: 10 })).pids, computeFigures(sample({ pidsCurrent: 3, pidsLimit: 10 })).pidsLimit],
      [3, 10],
    );
    assert.equal(computeFigures(sample({ pidsCurrent: 3 }), undefined, { ...noLimits, pids: 50 }).pidsLimit, 50);
    assert.equal(computeFigures(sample({ pidsCurrent: 3 })).pidsLimit, null);
  });

  test('io rates in bytes per second', () => {
    const prev = sample({ timestampMs: 0, ioReadBytes: 1000, ioWriteBytes: 0 });
    const f = computeFigures(sample({ timestampMs: 500, ioReadBytes: 3000, ioWriteBytes: 512 }), prev);
    assert.equal(f.ioReadBps, 4000);
    assert.equal(f.ioWriteBps, 1024);
  });

  test('throttled % = Δthrottled periods / Δperiods', () => {
    const prev = sample({ timestampMs: 0, cpuPeriods: 100, cpuThrottledPeriods: 50 });
    assert.equal(computeFigures(sample({ timestampMs: 1000, cpuPeriods: 120, cpuThrottledPeriods: 65 }), prev).throttledPercent, 75);
    // no periods elapsed (no quota, idle): unknown
    assert.equal(computeFigures(sample({ timestampMs: 1000, cpuPeriods: 100, cpuThrottledPeriods: 50 }), prev).throttledPercent, null);
    // counters went backwards: unknown
    assert.equal(computeFigures(sample({ timestampMs: 1000, cpuPeriods: 10, cpuThrottledPeriods: 5 }), prev).throttledPercent, null);
  });

  test('OOM kills pass through', () => {
    assert.equal(computeFigures(sample({ oomKills: 4 })).oomKills, 4);
  });

  test('counterRate', () => {
    assert.equal(counterRate(undefined, 10, 1), null);
    assert.equal(counterRate(10, 30, 2), 10);
    assert.equal(counterRate(10, 5, 2), null);
    assert.equal(counterRate(10, 30, 0), null);
    assert.equal(counterRate(10, 10, 1), 0);
  });

  test('limitOrNull: 0 and ≥ 2^62 mean unlimited', () => {
    assert.equal(limitOrNull(0n), null);
    assert.equal(limitOrNull(9223372036854771712n), null);
    assert.equal(limitOrNull(2n ** 64n - 1n), null);
    assert.equal(limitOrNull(2n ** 62n), null);
    assert.equal(limitOrNull(2n ** 62n - 1n), 2 ** 62 - 1);
    assert.equal(limitOrNull(268435456n), 268435456);
  });
});

describe('Series', () => {
  test('keeps the latest `capacity` values, oldest first', () => {
    const s = new Series(3);
    assert.equal(s.length, 0);
    assert.deepEqual(s.toArray(), []);
    assert.equal(s.stats(), null);
    s.push(1);
    s.push(2);
    assert.deepEqual(s.toArray(), [1, 2]);
    s.push(3);
    s.push(4);
    s.push(5);
    assert.equal(s.length, 3);
    assert.deepEqual(s.toArray(), [3, 4, 5]);
    s.push(6);
    s.push(7);
    assert.deepEqual(s.toArray(), [5, 6, 7]);
  });

  test('stats: min, max, avg, last over what is kept', () => {
    const s = new Series(4);
    s.push(10);
    assert.deepEqual(s.stats(), { min: 10, max: 10, avg: 10, last: 10 });
    for (const v of [2, 8, 4]) s.push(v);
    assert.deepEqual(s.stats(), { min: 2, max: 10, avg: 6, last: 4 });
    s.push(6); // drops 10
    assert.deepEqual(s.stats(), { min: 2, max: 8, avg: 5, last: 6 });
    s.push(1);
    s.push(1);
    assert.deepEqual(s.stats(), { min: 1, max: 6, avg: 3, last: 1 });
  });

  test('capacity 1 keeps only the last value', () => {
    const s = new Series(1);
    s.push(1);
    s.push(2);
    assert.deepEqual(s.toArray(), [2]);
    assert.deepEqual(s.stats(), { min: 2, max: 2, avg: 2, last: 2 });
  });
});

describe('levelOf', () => {
  test('ok below 70, warn from 70, critical from 90', () => {
    assert.equal(levelOf(null), 'ok');
    assert.equal(levelOf(0), 'ok');
    assert.equal(levelOf(69.9), 'ok');
    assert.equal(levelOf(70), 'warn');
    assert.equal(levelOf(89.99), 'warn');
    assert.equal(levelOf(90), 'critical');
    assert.equal(levelOf(250), 'critical');
  });
});
