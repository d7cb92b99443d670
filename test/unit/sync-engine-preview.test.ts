// The first list of the namespace on screen: its first containers reach the store before the whole list
// (a screenful drawn early at 5,000 containers), without marking the namespace listed; the whole list then
// replaces them. A fake client decides when each list arrives.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerdClient, ContainerListOptions } from '../../src/client/api.js';
import type { ContainerdEvent, ContainerInfo, TaskInfo } from '../../src/client/types.js';
import { keyOf } from '../../src/store/state.js';
import { createAppStore, type AppStore } from '../../src/store/store.js';
import { SyncEngine } from '../../src/sync/engine.js';
import { until } from '../helpers/actions.js';
import { container as containerInfo } from '../fixtures/store.js';

const NS = 'big';

function container(i: number): ContainerInfo {
  return containerInfo(NS, `c-${String(i).padStart(5, '0')}`);
}

const task: TaskInfo = { namespace: NS, containerId: 'c-00000', pid: 42, status: 'running', exitStatus: null, exitedAt: null };

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A client of one namespace holding `total` containers; the test releases the whole list and the tasks. */
function fakeClient(total: number) {
  const whole = deferred<void>();
  const tasks = deferred<void>();
  const previews: number[] = [];
  const reads = { count: 0 };
  const client: Partial<ContainerdClient> = {
    address: '/fake.sock',
    version: async () => ({ version: 'fake', revision: '0' }),
    namespaces: async () => [
      { name: NS, labels: {} },
      { name: 'small', labels: {} },
    ],
    async containers(namespace: string, options: ContainerListOptions = {}) {
      if (namespace !== NS) return [];
      reads.count++;
      const all = Array.from({ length: total }, (_, i) => container(i));
      if (options.preview && total >= options.preview.count) {
        previews.push(options.preview.count);
        options.preview.show(all.slice(0, options.preview.count));
      }
      await whole.promise;
      return all;
    },
    tasks: async (namespace: string) => {
      if (namespace !== NS) return [];
      await tasks.promise;
      return [task];
    },
    images: async () => [],
    metrics: async () => [],
    async *subscribe({ signal } = {}): AsyncIterable<ContainerdEvent> {
      await new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }));
    },
    close: () => undefined,
  };
  return { client: client as ContainerdClient, releaseWhole: () => whole.resolve(), releaseTasks: () => tasks.resolve(), previews, reads };
}

function containersOf(store: AppStore): number {
  return Object.keys(store.getState().containers).filter((k) => k.startsWith(`${NS}/`)).length;
}

async function withEngine(client: ContainerdClient, run: (store: AppStore) => Promise<void>, resyncMs?: number, namespace = NS): Promise<void> {
  const store = createAppStore('/fake.sock', [namespace], { namespace });
  const engine = new SyncEngine({ store, refreshMs: 60_000, resyncMs, connect: async () => client });
  engine.start();
  try {
    await run(store);
  } finally {
    await engine.stop();
  }
}

describe('sync engine: first list of the namespace on screen', () => {
  it('puts the first containers and the tasks in the store before the whole list, not marked listed', async () => {
    const fake = fakeClient(5000);
    await withEngine(fake.client, async (store) => {
      fake.releaseTasks();
      await until(store, 'the first containers', (s) => Object.keys(s.containers).length > 0, 2000, 5);
      const first = containersOf(store);
      assert.ok(first > 0 && first < 5000, `a part of the list (${first})`);
      assert.equal(fake.previews.length, 1);
      assert.equal(store.getState().listed[NS], undefined, 'counts stay provisional');
      assert.equal(store.getState().tasks[keyOf(NS, 'c-00000')]?.pid, 42, 'with their tasks');
      assert.equal(store.getState().connection.syncedAt, null);

      fake.releaseWhole();
      await until(store, 'the whole list', (s) => s.listed[NS] === true, 2000, 5);
      assert.equal(containersOf(store), 5000);
    });
  });

  it('shows nothing early when the tasks arrive only after the whole list', async () => {
    const fake = fakeClient(5000);
    await withEngine(fake.client, async (store) => {
      const sizes: number[] = [];
      const unsubscribe = store.subscribe((s) => sizes.push(containersOf({ getState: () => s } as AppStore)));
      fake.releaseWhole();
      await new Promise((resolve) => setTimeout(resolve, 20));
      fake.releaseTasks();
      await until(store, 'the whole list', (s) => s.listed[NS] === true, 2000, 5);
      unsubscribe();
      assert.deepEqual(
        sizes.filter((n) => n > 0 && n < 5000),
        [],
        'no partial list after the whole one',
      );
      assert.equal(containersOf(store), 5000);
    });
  });

  it('asks for a preview only on the first list: a resync of a listed namespace reads it whole', async () => {
    // a small list, as a resync waits at least 500x as long as the last list took (see resyncDelay)
    const fake = fakeClient(150);
    fake.releaseTasks();
    fake.releaseWhole();
    await withEngine(
      fake.client,
      async (store) => {
        await until(store, 'listed', (s) => s.listed[NS] === true, 2000, 5);
        await until(store, 'a resync', () => fake.reads.count >= 2, 10_000, 5);
        assert.deepEqual(fake.previews, [100]);
      },
      10,
    );
  });
  it('previews a namespace put on screen later, the first time it is listed', async () => {
    const fake = fakeClient(5000);
    fake.releaseTasks();
    await withEngine(
      fake.client,
      async (store) => {
        await until(store, 'the small namespace listed', (s) => s.listed['small'] === true, 2000, 5);
        assert.equal(containersOf(store), 0, 'the big one is not read while not needed');
        store.setState((s) => ({ ui: { ...s.ui, namespace: NS } }));
        await until(store, 'the first containers', () => containersOf(store) > 0, 2000, 5);
        assert.ok(containersOf(store) < 5000);
        assert.equal(store.getState().listed[NS], undefined);
        fake.releaseWhole();
        await until(store, 'the whole list', (s) => s.listed[NS] === true, 2000, 5);
        assert.equal(containersOf(store), 5000);
      },
      undefined,
      'small',
    );
  });
});
