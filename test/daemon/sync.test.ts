// The sync engine against the real daemon: the store mirrors containerd, and changes made by someone
// else (ctr) show up without any request from the UI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect } from '../../src/client/containerd.js';
import { createAppStore, type AppStore } from '../../src/store/store.js';
import { SyncEngine } from '../../src/sync/engine.js';
import { until } from '../helpers/actions.js';
import { ctr, DEMO_IMAGE, ensureImage, ensureSandbox, removeContainer, runContainer, SANDBOX_ADDRESS, sleep, uniqueId } from '../helpers/sandbox.js';

describe('sync engine against containerd', () => {
  let store: AppStore;
  let engine: SyncEngine;

  before(async () => {
    await ensureSandbox();
    store = createAppStore(SANDBOX_ADDRESS, ['default'], { namespace: 'default' });
    engine = new SyncEngine({ store, connect: () => connect(SANDBOX_ADDRESS), refreshMs: 300 });
    engine.start();
    await until(store, 'connected', (s) => s.connection.status === 'connected');
  });

  after(async () => {
    await engine.stop();
  });

  it('lists the namespace on screen; the namespaces pane lists every namespace, container, task and image that ctr sees', async () => {
    const namespaces = (await ctr(['namespaces', 'ls', '-q'])).split('\n').filter(Boolean).sort();
    assert.deepEqual(Object.keys(store.getState().namespaces).sort(), namespaces);
    assert.deepEqual(Object.keys(store.getState().listed), ['default']);
    assert.ok(!Object.values(store.getState().containers).some((c) => c.namespace === 'build'), 'build is not listed while not shown');
    store.setState((s) => ({ ui: { ...s.ui, pane: 'namespaces' } }));
    await until(store, 'every namespace listed', (s) => Object.keys(s.listed).length === namespaces.length, 30_000);
    store.setState((s) => ({ ui: { ...s.ui, pane: 'containers' } }));
    const state = store.getState();
    for (const ns of namespaces) {
      const ids = (await ctr(['containers', 'ls', '-q'], { namespace: ns })).split('\n').filter(Boolean).sort();
      const inStore = Object.values(state.containers).filter((c) => c.namespace === ns).map((c) => c.id).sort();
      assert.deepEqual(inStore, ids, `containers of ${ns}`);
      const images = (await ctr(['images', 'ls', '-q'], { namespace: ns })).split('\n').filter(Boolean).sort();
      const storeImages = Object.values(state.images).filter((i) => i.namespace === ns).map((i) => i.name).sort();
      assert.deepEqual(storeImages, images, `images of ${ns}`);
    }
  });

  it('polls metrics of the namespace on screen and keeps a history', async () => {
    // what the table publishes for the rows it draws (no table runs here): only their tasks are asked for
    store.setState({ onScreen: ['default/cpu-quarter'] });
    const tick = store.getState().metricsTick;
    await until(store, 'two metrics ticks', (s) => s.metricsTick >= tick + 2);
    const state = store.getState();
    const cpu = state.figures['default/cpu-quarter'];
    assert.ok(cpu && cpu.cpuPercent !== null, 'cpu-quarter has a CPU figure');
    assert.ok(cpu.cpuPercent! > 10 && cpu.cpuPercent! < 40, `cpu-quarter reads ${cpu.cpuPercent}`);
    assert.ok(state.history['default/cpu-quarter']!.cpuPercent.length >= 1);
    assert.equal(state.figures['default/mem-hog'], undefined, 'a task off screen is not polled');
    assert.equal(state.figures['build/builder-1'], undefined, 'namespaces not on screen are not polled');
  });

  it('polls a row that comes into view', async () => {
    store.setState({ onScreen: ['default/cpu-quarter', 'default/mem-hog'] });
    await until(store, 'mem-hog polled', (s) => (s.figures['default/mem-hog']?.memoryBytes ?? 0) > 0);
  });

  it('skips what events name in a namespace not listed yet, and lists it whole once it is shown', async () => {
    const ns = uniqueId('unlisted');
    const id = uniqueId('c');
    await ctr(['namespaces', 'create', ns]);
    try {
      await until(store, 'namespace seen', (s) => ns in s.namespaces);
      assert.equal(store.getState().listed[ns], true, 'a namespace created while running is listed at once (it is new, so small)');
      // forget that it was listed, as if it had been there before we connected
      store.setState((s) => {
        const { [ns]: _, ...listed } = s.listed;
        return { listed };
      });
      await ensureImage(ns);
      await ctr(['containers', 'create', DEMO_IMAGE, id], { namespace: ns });
      await until(store, 'create event', (s) => s.events.some((e) => e.namespace === ns && e.topic === '/containers/create'));
      await sleep(300); // past the coalescing window
      assert.equal(store.getState().containers[`${ns}/${id}`], undefined, 'not read while the namespace is not listed');
      store.setState((s) => ({ ui: { ...s.ui, namespace: ns } }));
      await until(store, 'container and image listed', (s) => s.containers[`${ns}/${id}`] !== undefined && s.images[`${ns}/${DEMO_IMAGE}`] !== undefined);
    } finally {
      store.setState((s) => ({ ui: { ...s.ui, namespace: 'default' } }));
      await ctr(['containers', 'delete', id], { namespace: ns }).catch(() => undefined);
      await ctr(['images', 'rm', '--sync', DEMO_IMAGE], { namespace: ns }).catch(() => undefined);
      await ctr(['namespaces', 'remove', ns]).catch(() => undefined);
    }
  });

  it('starts polling a namespace as soon as it is put on screen', async () => {
    store.setState((s) => ({ ui: { ...s.ui, namespace: 'build' }, onScreen: ['build/builder-1'] }));
    await until(store, 'build polled', (s) => s.figures['build/builder-1'] !== undefined);
    assert.deepEqual(store.getState().watched, ['build']);
    store.setState((s) => ({ ui: { ...s.ui, namespace: 'default' } }));
  });

  it('shows a container created with ctr, its task, its exit and its removal without being asked', async () => {
    const id = uniqueId('sync');
    const key = `default/${id}`;
    try {
      await runContainer('default', id, ['sh', '-c', 'sleep 1; exit 7']);
      await until(store, 'task running', (s) => s.containers[key] !== undefined && s.tasks[key]?.status === 'running');
      await until(store, 'task stopped', (s) => s.tasks[key]?.status === 'stopped');
      assert.equal(store.getState().tasks[key]!.exitStatus, 7);
      const topics = store.getState().events.filter((e) => e.subject === id).map((e) => e.topic);
      assert.ok(topics.includes('/containers/create') && topics.includes('/tasks/exit'), topics.join(','));
    } finally {
      await removeContainer('default', id);
    }
    await until(store, 'container removed', (s) => s.containers[key] === undefined && s.tasks[key] === undefined);
  });

  it('follows namespaces being created and deleted', async () => {
    const ns = uniqueId('ns');
    await ctr(['namespaces', 'create', ns]);
    await until(store, 'namespace created', (s) => ns in s.namespaces);
    await ctr(['namespaces', 'remove', ns]);
    await until(store, 'namespace deleted', (s) => !(ns in s.namespaces));
  });
});
