// The sync engine when containerd misbehaves: killed with SIGKILL and restarted, a namespace deleted under
// the user's eyes, a flood of events (20 restart cycles without the heap growing: restart-cycles.test.ts).
// These tests kill the shared sandbox daemon for a few seconds at a time and always start it again
// (scripts/sandbox.sh up) before they end.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect } from '../../src/client/containerd.js';
import type { ConnectionState } from '../../src/store/state.js';
import { createAppStore, type AppState, type AppStore } from '../../src/store/store.js';
import { SyncEngine } from '../../src/sync/engine.js';
import { until } from '../helpers/actions.js';
import { killSandboxDaemon, sandboxUp } from '../helpers/daemon.js';
import {
  ctr,
  DEMO_IMAGE,
  ensureImage,
  ensureSandbox,
  listContainers,
  pool,
  removeContainer,
  SANDBOX_ADDRESS,
  sleep,
  uniqueId,
  USING_SANDBOX,
} from '../helpers/sandbox.js';

/** until()'s timeout here, unless a call says otherwise: these tests restart the daemon */
const WAIT_MS = 20_000;

interface Running {
  store: AppStore;
  engine: SyncEngine;
}

const engines: SyncEngine[] = [];

async function startEngine(namespace: string, refreshMs = 500): Promise<Running> {
  const store = createAppStore(SANDBOX_ADDRESS, [namespace], { namespace });
  const engine = new SyncEngine({ store, connect: () => connect(SANDBOX_ADDRESS), refreshMs });
  engines.push(engine);
  engine.start();
  await until(store, 'connected', (s) => s.connection.status === 'connected', WAIT_MS);
  return { store, engine };
}

const keysIn = (state: AppState, namespace: string) =>
  Object.values(state.containers)
    .filter((c) => c.namespace === namespace)
    .map((c) => c.id)
    .sort();


describe('resilience of the sync engine', () => {
  before(async () => {
    assert.ok(USING_SANDBOX, 'these tests kill and restart the sandbox daemon of scripts/sandbox.sh (CTOP_TEST_ADDRESS must be unset)');
    await ensureSandbox();
  });

  after(async () => {
    await Promise.all(engines.map((e) => e.stop()));
    await sandboxUp(); // whatever happened: leave the shared daemon up and seeded
  });

  it('lands on the namespaces pane with a message when the namespace on screen is deleted', async () => {
    const ns = uniqueId('gone');
    await ctr(['namespaces', 'create', ns]);
    const { store } = await startEngine('default');
    await until(store, 'namespace listed', (s) => ns in s.namespaces, WAIT_MS);
    store.setState((s) => ({ ui: { ...s.ui, namespace: ns, pane: 'containers' } }));
    await until(store, 'namespace watched', (s) => s.watched.length === 1 && s.watched[0] === ns, WAIT_MS);
    await ctr(['namespaces', 'remove', ns]);
    await until(store, 'landed on the namespaces pane', (s) => s.ui.namespace === null && s.ui.pane === 'namespaces', WAIT_MS);
    const { message, namespaces } = store.getState();
    assert.ok(!(ns in namespaces));
    assert.equal(message?.level, 'error');
    assert.match(message?.text ?? '', new RegExp(`namespace ${ns} no longer exists`));
  });

  it('coalesces an event flood (300 containers created and removed in parallel) and ends consistent with ctr', async (t) => {
    const ns = uniqueId('flood');
    await ensureImage(ns);
    const { store } = await startEngine(ns, 1000);
    await until(store, 'flood namespace listed', (s) => ns in s.namespaces, WAIT_MS);

    // count the events containerd sends for this namespace, independently of the engine
    const counter = await connect(SANDBOX_ADDRESS);
    const stopCounting = new AbortController();
    let events = 0;
    const counting = (async () => {
      for await (const event of counter.subscribe({ signal: stopCounting.signal })) if (event.namespace === ns) events++;
    })();
    let updates = 0;
    const unsubscribe = store.subscribe(() => updates++);
    const ids = Array.from({ length: 300 }, (_, i) => `flood-${i}`);
    try {
      await sleep(200); // the counting subscription is in place
      await pool(ids, 16, (id) => ctr(['containers', 'create', DEMO_IMAGE, id], { namespace: ns }));
      assert.deepEqual(await listContainers(ns), [...ids].sort());
      await until(store, 'all 300 containers in the store', (s) => keysIn(s, ns).length === 300, WAIT_MS);
      assert.deepEqual(keysIn(store.getState(), ns), [...ids].sort());

      const chunks = Array.from({ length: 15 }, (_, i) => ids.filter((_, j) => j % 15 === i));
      await pool(chunks, 15, (chunk) => ctr(['containers', 'delete', ...chunk], { namespace: ns }));
      assert.deepEqual(await listContainers(ns), []);
      await until(store, 'no container of the flood left in the store', (s) => keysIn(s, ns).length === 0, WAIT_MS);
      await sleep(500); // late flushes must not bring any back
      assert.deepEqual(keysIn(store.getState(), ns), []);
    } finally {
      unsubscribe();
      stopCounting.abort();
      await counting.catch(() => undefined);
      counter.close();
      const left = await listContainers(ns).catch(() => []);
      if (left.length) await ctr(['containers', 'delete', ...left], { namespace: ns }).catch(() => undefined);
      // --sync: wait for the garbage collection, or the namespace is not empty yet
      await ctr(['images', 'rm', '--sync', DEMO_IMAGE], { namespace: ns }).catch(() => undefined);
      await ctr(['namespaces', 'remove', ns]).catch(() => undefined);
    }
    t.diagnostic(`${events} events from containerd, ${updates} store updates`);
    assert.ok(events >= 600, `containerd sent at least one create and one delete event per container (got ${events})`);
    assert.ok(updates * 5 < events, `store updates (${updates}) far below events (${events})`);
  });

  it('keeps the data as stale when containerd is killed, and reconnects, re-lists and follows events after its restart', async (t) => {
    const { store } = await startEngine('default', 300);
    await until(store, 'seeded containers listed', (s) => s.containers['default/idle'] !== undefined, WAIT_MS);
    const connections: ConnectionState[] = [];
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.connection !== prev.connection) connections.push(s.connection);
    });
    const before = store.getState();
    const syncedAt = before.connection.syncedAt;
    const ghost = `default/ghost-${uniqueId('g')}`;
    const id = uniqueId('after-restart');
    try {
      const killedAt = Date.now();
      await killSandboxDaemon();
      await until(store, 'disconnected', (s) => s.connection.status === 'disconnected', WAIT_MS);
      const lost = connections.find((c) => c.status === 'disconnected')!;
      t.diagnostic(`disconnected after ${Date.now() - killedAt} ms: ${lost.error}`);
      assert.match(lost.error ?? '', /containerd .*(not answering|not found)/);
      assert.ok(lost.retryAt !== null && lost.retryAt >= killedAt, 'a retry time is announced');
      const now = store.getState();
      assert.equal(now.containers, before.containers, 'containers kept as they were');
      assert.equal(now.tasks, before.tasks, 'tasks kept as they were');
      assert.equal(now.images, before.images, 'images kept as they were');
      assert.deepEqual(now.namespaces, before.namespaces, 'namespaces kept as they were');

      // something the engine will have to forget by re-listing (as if its removal event had been missed)
      store.setState((s) => ({ containers: { ...s.containers, [ghost]: { ...s.containers['default/idle']!, id: ghost.slice(8) } } }));

      const restartedAt = Date.now();
      await sandboxUp();
      await until(store, 'connected again', (s) => s.connection.status === 'connected', 30_000);
      t.diagnostic(`reconnected ${Date.now() - restartedAt} ms after sandbox.sh up started`);
      const back = store.getState();
      assert.equal(back.connection.error, null);
      assert.equal(back.connection.retryAt, null);
      assert.ok(back.connection.syncedAt !== null && back.connection.syncedAt !== syncedAt, 'a full re-list happened');
      assert.equal(back.containers[ghost], undefined, 'the re-list replaced the stale data');
      assert.deepEqual(keysIn(back, 'default'), (await listContainers('default')).sort());

      // the event subscription works again: a container made with ctr shows up unprompted
      await ctr(['containers', 'create', DEMO_IMAGE, id]);
      await until(store, 'new container seen through events', (s) => s.containers[`default/${id}`] !== undefined, WAIT_MS);
      await removeContainer('default', id);
      await until(store, 'its removal seen', (s) => s.containers[`default/${id}`] === undefined, WAIT_MS);
    } finally {
      unsubscribe();
      await sandboxUp();
      await removeContainer('default', id).catch(() => undefined);
    }
  });

  it('re-lists without decoding unchanged containers again, also on a new connection (no second copy after a reconnect)', async () => {
    const containerCache = new Map();
    const client = await connect(SANDBOX_ADDRESS, { containerCache });
    const next = await connect(SANDBOX_ADDRESS, { containerCache }); // as the monitor's next session does
    try {
      const first = await client.containers('default');
      const second = await client.containers('default');
      assert.ok(first.length > 0);
      assert.deepEqual(second.map((c) => c.id), first.map((c) => c.id));
      second.forEach((c, i) => assert.equal(c, first[i], `${c.id} decoded again`));
      const third = await next.containers('default');
      assert.deepEqual(third.map((c) => c.id), first.map((c) => c.id));
      third.forEach((c, i) => assert.equal(c, first[i], `${c.id} decoded again by the next connection`));
    } finally {
      client.close();
      next.close();
    }
  });
});
