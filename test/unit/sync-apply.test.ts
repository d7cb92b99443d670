import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerInfo, TaskInfo } from '../../src/client/types.js';
import { initialDataState } from '../../src/store/store.js';
import { appendEvents, applyManyNamespaceLists, applyMetrics, applyNamespaceLists, applyNamespaces, forgetContainer } from '../../src/sync/apply.js';
import { backoffDelay, resyncDelay } from '../../src/sync/backoff.js';
import { DirtySet } from '../../src/sync/dirty.js';
import { sample } from '../fixtures/store.js';

const container = (namespace: string, id: string, updated = 1): ContainerInfo => ({
  namespace, id, name: id, image: 'img', runtime: 'io.containerd.runc.v2', snapshotter: 'overlayfs', snapshotKey: id,
  labels: {}, createdAt: new Date(0), updatedAt: new Date(updated), pod: null, isSandbox: false,
  limits: { cpuCores: 0.5, memoryBytes: null, pids: null }, spec: null,
});
const task = (namespace: string, id: string, status: TaskInfo['status'] = 'running'): TaskInfo => ({
  namespace, containerId: id, pid: 10, status, exitStatus: null, exitedAt: null,
});

describe('store reducers', () => {
  it('applies several namespaces in one update: the others are kept, unchanged entries stay identical', () => {
    let state = { ...initialDataState('sock', []) };
    state = { ...state, ...applyNamespaceLists(state, 'big', { containers: [container('big', 'x'), container('big', 'y')], tasks: [task('big', 'x')], images: [] }) };
    const bigX = state.containers['big/x'];
    const next = applyManyNamespaceLists(state, new Map([
      ['a', { containers: [container('a', 'x')], tasks: [], images: [] }],
      ['b', { containers: [container('b', 'x'), container('b', 'z')], tasks: [task('b', 'z')], images: [] }],
    ]));
    assert.deepEqual(Object.keys(next.containers!).sort(), ['a/x', 'b/x', 'b/z', 'big/x', 'big/y']);
    assert.equal(next.containers!['big/x'], bigX);
    assert.deepEqual(Object.keys(next.tasks!).sort(), ['b/z', 'big/x']);
    // listing 'b' again, without z: z goes, x stays the same object, 'a' and 'big' are untouched
    const again = applyManyNamespaceLists({ ...state, ...next }, new Map([['b', { containers: [container('b', 'x')], tasks: [], images: [] }]]));
    assert.deepEqual(Object.keys(again.containers!).sort(), ['a/x', 'b/x', 'big/x', 'big/y']);
    assert.equal(again.containers!['b/x'], next.containers!['b/x']);
    assert.deepEqual(Object.keys(again.tasks!), ['big/x']);
  });

  it('keeps unchanged objects (and the map itself) identical across re-lists', () => {
    const state = { ...initialDataState('sock', ['a']) };
    const first = applyNamespaceLists(state, 'a', { containers: [container('a', 'x')], tasks: [task('a', 'x')], images: [] });
    const next = { ...state, ...first };
    const again = applyNamespaceLists(next, 'a', { containers: [container('a', 'x')], tasks: [task('a', 'x')], images: [] });
    assert.equal(again.containers, next.containers);
    assert.equal(again.tasks, next.tasks);
    const changed = applyNamespaceLists(next, 'a', { containers: [container('a', 'x', 2)], tasks: [task('a', 'x', 'stopped')], images: [] });
    assert.notEqual(changed.containers!['a/x'], next.containers['a/x']);
    assert.equal(changed.tasks!['a/x']!.status, 'stopped');
  });

  it('replaces only the re-listed namespace', () => {
    let state = { ...initialDataState('sock', ['a']) };
    state = { ...state, ...applyNamespaceLists(state, 'a', { containers: [container('a', 'x')], tasks: [], images: [] }) };
    state = { ...state, ...applyNamespaceLists(state, 'b', { containers: [container('b', 'y')], tasks: [], images: [] }) };
    state = { ...state, ...applyNamespaceLists(state, 'a', { containers: [], tasks: [], images: [] }) };
    assert.deepEqual(Object.keys(state.containers), ['b/y']);
  });

  it('forgets a deleted namespace with everything in it', () => {
    let state = { ...initialDataState('sock', ['a']) };
    state = { ...state, ...applyNamespaces(state, [{ name: 'a', labels: {} }, { name: 'b', labels: {} }]) };
    state = { ...state, ...applyNamespaceLists(state, 'b', { containers: [container('b', 'y')], tasks: [task('b', 'y')], images: [] }) };
    state = { ...state, ...applyNamespaces(state, [{ name: 'a', labels: {} }]) };
    assert.deepEqual(Object.keys(state.namespaces), ['a']);
    assert.deepEqual(state.containers, {});
    assert.deepEqual(state.tasks, {});
  });

  it('computes figures from consecutive samples and grows the history ring', () => {
    let state = { ...initialDataState('sock', ['a']) };
    state = { ...state, ...applyNamespaceLists(state, 'a', { containers: [container('a', 'x')], tasks: [task('a', 'x')], images: [] }) };
    state = { ...state, ...applyMetrics(state, new Map([['a', [sample('x', 1000, 0)]]])) };
    assert.equal(state.figures['a/x']!.cpuPercent, null, 'one sample gives no rate');
    state = { ...state, ...applyMetrics(state, new Map([['a', [sample('x', 2000, 250_000_000)]]])) };
    assert.equal(state.figures['a/x']!.cpuPercent, 25);
    assert.equal(state.figures['a/x']!.cpuOfLimitPercent, 50, 'limit of half a core from the spec');
    assert.equal(state.history['a/x']!.cpuPercent.length, 1);
    assert.equal(state.metricsTick, 2);
    state = { ...state, ...applyMetrics(state, new Map([['a', []]])) };
    assert.equal(state.figures['a/x'], undefined, 'a task without a sample loses its figures');
  });

  it('measures rates over 250 ms at least: a sample sooner updates memory and pids, keeps the CPU figure', () => {
    let state = { ...initialDataState('sock', ['a']) };
    state = { ...state, ...applyNamespaceLists(state, 'a', { containers: [container('a', 'x')], tasks: [task('a', 'x')], images: [] }) };
    const at = (ms: number, cpuNs: number, memory: number) => ({ ...sample('x', ms, cpuNs), memoryWorkingSetBytes: memory });
    state = { ...state, ...applyMetrics(state, new Map([['a', [at(1000, 0, 80)]]])) };
    state = { ...state, ...applyMetrics(state, new Map([['a', [at(2000, 250_000_000, 80)]]])) };
    assert.equal(state.figures['a/x']!.cpuPercent, 25);
    // 20 ms later the task happened to run the whole time: 100 % over that window, which says nothing
    state = { ...state, ...applyMetrics(state, new Map([['a', [at(2020, 270_000_000, 90)]]])) };
    assert.equal(state.figures['a/x']!.cpuPercent, 25, 'the CPU figure of the last long enough window');
    assert.equal(state.figures['a/x']!.memoryBytes, 90, 'memory from the new sample');
    assert.equal(state.history['a/x']!.cpuPercent.length, 1, 'no history entry for it');
    // the next sample is measured against the one at 2000 ms: 50 ms of CPU in 1 s
    state = { ...state, ...applyMetrics(state, new Map([['a', [at(3000, 300_000_000, 90)]]])) };
    assert.equal(state.figures['a/x']!.cpuPercent, 5);
    assert.equal(state.history['a/x']!.cpuPercent.length, 2);
  });

  it('applies a poll of several namespaces in one update; a namespace not polled keeps its figures', () => {
    let state = { ...initialDataState('sock', ['a', 'b', 'c']) };
    for (const ns of ['a', 'b', 'c']) {
      state = { ...state, ...applyNamespaceLists(state, ns, { containers: [container(ns, 'x')], tasks: [task(ns, 'x')], images: [] }) };
    }
    const all = (ms: number, cpuNs: number) => new Map(['a', 'b', 'c'].map((ns) => [ns, [sample('x', ms, cpuNs)]]));
    state = { ...state, ...applyMetrics(state, all(1000, 0)) };
    state = { ...state, ...applyMetrics(state, all(2000, 100_000_000)) };
    const kept = state.figures['c/x'];
    state = { ...state, ...applyMetrics(state, new Map([['a', [sample('x', 3000, 300_000_000)]], ['b', []]])) };
    assert.equal(state.metricsTick, 3, 'one tick per poll, however many namespaces');
    assert.equal(state.figures['a/x']!.cpuPercent, 20);
    assert.equal(state.figures['b/x'], undefined, 'polled without a sample: stopped');
    assert.equal(state.figures['c/x'], kept, 'not polled: the very same figures');
    assert.equal(state.history['a/x']!.cpuPercent.length, 2);
  });

  it('a poll of some tasks of a namespace updates those, forgets those asked for without a sample, keeps the others', () => {
    let state = { ...initialDataState('sock', ['a']) };
    state = { ...state, ...applyNamespaceLists(state, 'a', { containers: [container('a', 'x'), container('a', 'y')], tasks: [task('a', 'x'), task('a', 'y')], images: [] }) };
    state = { ...state, ...applyMetrics(state, new Map([['a', [sample('x', 1000, 0), sample('y', 1000, 0)]]])) };
    state = { ...state, ...applyMetrics(state, new Map([['a', [sample('x', 2000, 100_000_000), sample('y', 2000, 100_000_000)]]])) };
    const y = { figures: state.figures['a/y'], sample: state.samples['a/y'], history: state.history['a/y'] };
    state = { ...state, ...applyMetrics(state, new Map([['a', [sample('x', 3000, 300_000_000)]]]), new Map([['a', ['x']]])) };
    assert.equal(state.figures['a/x']!.cpuPercent, 20);
    assert.deepEqual({ figures: state.figures['a/y'], sample: state.samples['a/y'], history: state.history['a/y'] }, y, 'not asked for: kept as it was');
    assert.equal(state.figures['a/y'], y.figures);
    // its next sample counts from the one it kept: 4 s later, 0.4 s more CPU
    state = { ...state, ...applyMetrics(state, new Map([['a', [sample('x', 6000, 300_000_000), sample('y', 6000, 500_000_000)]]])) };
    assert.equal(state.figures['a/y']!.cpuPercent, 10);
    // asked for and without a sample: stopped
    state = { ...state, ...applyMetrics(state, new Map([['a', [sample('x', 7000, 400_000_000)]]]), new Map([['a', ['x', 'y']]])) };
    assert.equal(state.figures['a/y'], undefined);
    assert.equal(state.figures['a/x']!.cpuPercent, 10);
  });

  it("a namespace whose name begins another namespace's name is polled alone (k8s, k8s.io)", () => {
    let state = { ...initialDataState('sock', ['k8s', 'k8s.io']) };
    for (const ns of ['k8s', 'k8s.io']) {
      state = { ...state, ...applyNamespaceLists(state, ns, { containers: [container(ns, 'x')], tasks: [task(ns, 'x')], images: [] }) };
    }
    state = { ...state, ...applyMetrics(state, new Map(['k8s', 'k8s.io'].map((ns) => [ns, [sample('x', 1000, 0)]]))) };
    const kept = state.figures['k8s.io/x'];
    state = { ...state, ...applyMetrics(state, new Map([['k8s', []]])) };
    assert.equal(state.figures['k8s/x'], undefined, 'polled without a sample: stopped');
    assert.equal(state.figures['k8s.io/x'], kept, 'not polled: the very same figures');
  });

  it('forgets a container with its task and metrics', () => {
    let state = { ...initialDataState('sock', ['a']) };
    state = { ...state, ...applyNamespaceLists(state, 'a', { containers: [container('a', 'x')], tasks: [task('a', 'x')], images: [] }) };
    state = { ...state, ...applyMetrics(state, new Map([['a', [sample('x', 1000, 0)]]])) };
    state = { ...state, ...forgetContainer(state, 'a/x') };
    assert.deepEqual([state.containers, state.tasks, state.samples, state.history], [{}, {}, {}, {}]);
  });

  it('keeps the newest events first and bounded', () => {
    let state = { ...initialDataState('sock', ['a']) };
    const ev = (n: number) => ({ timestamp: new Date(n), namespace: 'a', topic: '/tasks/start', subject: `c${n}`, payload: null });
    state = { ...state, ...appendEvents(state, Array.from({ length: 600 }, (_, i) => ev(i))) };
    assert.equal(state.events.length, 500);
    assert.equal(state.events[0]!.subject, 'c599');
  });
});

describe('event bookkeeping', () => {
  it('marks containers, tasks, images and namespaces named by events', () => {
    const dirty = new DirtySet();
    const ev = (topic: string, subject: string, payload: Record<string, unknown> | null = null) => ({ timestamp: new Date(), namespace: 'n', topic, subject, payload });
    dirty.note(ev('/containers/create', 'c1'));
    dirty.note(ev('/tasks/exit', 'c2', { containerId: 'c2', id: 'exec7' }));
    dirty.note(ev('/images/delete', 'busybox'));
    dirty.note(ev('/snapshot/prepare', 'c1'));
    const taken = dirty.take();
    const n = taken.byNamespace.get('n')!;
    assert.deepEqual([...n.containers], ['c1']);
    assert.deepEqual([...n.tasks].sort(), ['c1', 'c2']);
    assert.equal(n.images, true);
    assert.equal(taken.namespaces, false);
    assert.ok(dirty.empty, 'take() empties the set');
    dirty.note(ev('/namespaces/delete', 'n'));
    assert.equal(dirty.take().namespaces, true);
  });

  it('backs off exponentially up to a cap', () => {
    assert.deepEqual([1, 2, 3, 4, 10].map((a) => backoffDelay(a, 250, 5000)), [250, 500, 1000, 2000, 5000]);
    // the resync waits 30 s, or long enough that re-listing takes at most 0.2 % of the time
    assert.deepEqual([0, 10, 60, 300].map((ms) => resyncDelay(30_000, ms)), [30_000, 30_000, 30_000, 150_000]);
  });
});
