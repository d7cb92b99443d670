// The detail view's figures follow the table's rule (liveFigures): a task's current figures only while it
// has a process; its history graphs stay.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerInfo, TaskInfo, TaskStatus } from '../../src/client/types.js';
import type { TaskFigures } from '../../src/model/metrics.js';
import { detailLines } from '../../src/ui/Detail/detailLines.js';

const container: ContainerInfo = {
  namespace: 'default',
  id: 'web',
  name: 'web',
  image: 'busybox',
  runtime: 'io.containerd.runc.v2',
  snapshotter: 'overlayfs',
  snapshotKey: 'web',
  labels: {},
  createdAt: null,
  updatedAt: null,
  pod: null,
  isSandbox: false,
  limits: { cpuCores: null, memoryBytes: null, pids: null },
  spec: null,
};

const figures: TaskFigures = {
  cpuPercent: 12.5,
  cpuOfLimitPercent: null,
  cpuLimitCores: null,
  memoryBytes: 16 * 1024,
  memoryLimitBytes: null,
  memoryPercent: null,
  pids: 1,
  pidsLimit: null,
  ioReadBps: null,
  ioWriteBps: null,
  oomKills: 0,
  throttledPercent: null,
};

const task = (status: TaskStatus): TaskInfo => ({ namespace: 'default', containerId: 'web', pid: 42, status, exitStatus: status === 'stopped' ? 3 : null, exitedAt: null });

const lines = (status: TaskStatus) => detailLines({ container, task: task(status), figures, history: undefined, processes: [], width: 80, graphHeight: 3 }).map((l) => l.text);

test('a running task shows its figures', () => {
  const text = lines('running');
  assert.ok(text.some((l) => l.startsWith('CPU  12.5%')), text.join('\n'));
  assert.ok(text.some((l) => l.startsWith('MEM  16K working set')), text.join('\n'));
  assert.ok(text.includes('PIDS 1 (no limit)'));
});

test("a stopped task's figures are not shown, though its cgroup still reports", () => {
  const text = lines('stopped');
  assert.ok(text.some((l) => l.startsWith('CPU  - ')), text.join('\n'));
  assert.ok(text.some((l) => l.startsWith('MEM  - working set')), text.join('\n'));
  assert.ok(text.includes('PIDS - (no limit)'));
});
