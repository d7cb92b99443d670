// The first list of the namespace on screen: its first containers reach the store with their tasks (asked one
// by one) before the whole list (a screenful drawn early at 5,000 containers), without marking the namespace
// listed; the whole lists are asked for after that, and replace them. A fake client decides when each
// answer arrives.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerdClient, ContainerListOptions } from '../../src/client/api.js';
import { ClientError } from '../../src/client/errors.js';
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

/**
 * A client of one namespace holding `total` containers, of which c-00000 has a task; the test releases the
 * whole container list and the answers to Tasks.Get (`failGets`: they fail). `calls` records the order of
 * the reads.
 */
function fakeClient(total: number, { failGets = false } = {}) {
  const whole = deferred<void>();
  const gets = deferred<void>();
  const previews: number[] = [];
  const calls: string[] = [];
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
        await options.preview.show(all.slice(0, options.preview.count));
      }
      calls.push('container list');
      await whole.promise;
      return all;
    },
    task: async (namespace: string, id: string) => {
      await gets.promise;
      if (failGets) throw new ClientError('unavailable', 'containerd went away');
      if (namespace === NS && id === task.containerId) return task;
      throw new ClientError('not-found', `task ${id} not found`);
    },
    tasks: async (namespace: string) => {
      if (namespace !== NS) return [];
      calls.push('task list');
      return [task];
    },
    images: async () => [],
    metrics: async () => [],
    async *subscribe({ signal } = {}): AsyncIterable<ContainerdEvent> {
      await new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }));
    },
    close: () => undefined,
  };
  return { client: client as ContainerdClient, releaseWhole: () => whole.resolve(), releaseGets: () => gets.resolve(), previews, calls, reads };
}

function containersOf(store: AppStore): number {
  return Object.keys(store.getState().containers).filter((k) => k.startsWith(`${NS}/`)).length;
}

async function withEngine(
  client: ContainerdClient,
  run: (store: AppStore) => Promise<void>,
  { resyncMs, namespace = NS, firstScreenRows }: { resyncMs?: number; namespace?: string; firstScreenRows?: number } = {},
): Promise<void> {
  const store = createAppStore('/fake.sock', [namespace], { namespace });
  const engine = new SyncEngine({ store, refreshMs: 60_000, resyncMs, firstScreenRows, connect: async () => client });
  engine.start();
  try {
    await run(store);
  } finally {
    await engine.stop();
  }
}

describe('sync engine: first list of the namespace on screen', () => {
  it('puts a screenful of containers and their tasks in the store, not marked listed, before asking for the whole lists', async () => {
    const fake = fakeClient(5000);
    await withEngine(
      fake.client,
      async (store) => {
        const unsubscribe = store.subscribe((s) => {
          if (Object.keys(s.containers).length > 0) {
            fake.calls.push('first screen in the store');
            unsubscribe();
          }
        });
        await new Promise((resolve) => setTimeout(resolve, 20));
        assert.deepEqual(fake.calls, [], 'no whole list asked while the first screen waits for its tasks');
        fake.releaseGets();
        await until(store, 'the first containers', (s) => Object.keys(s.containers).length > 0, 2000, 5);
        assert.deepEqual(fake.previews, [30], 'a screenful: the rows given');
        assert.equal(containersOf(store), 30);
        assert.equal(store.getState().listed[NS], undefined, 'counts stay provisional');
        assert.equal(store.getState().tasks[keyOf(NS, 'c-00000')]?.pid, 42, 'with their tasks');
        assert.equal(Object.keys(store.getState().tasks).length, 1, 'a container whose task is not found has none');
        assert.equal(store.getState().connection.syncedAt, null);
        assert.deepEqual(fake.calls.slice(0, 1), ['first screen in the store']);
        assert.deepEqual(fake.calls.slice(1).sort(), ['container list', 'task list'], 'the whole lists after it');

        fake.releaseWhole();
        await until(store, 'the whole list', (s) => s.listed[NS] === true, 2000, 5);
        assert.equal(containersOf(store), 5000);
      },
      { firstScreenRows: 30 },
    );
  });

  it('shows nothing early when the first screen\'s tasks cannot be read; the whole lists still come', async () => {
    const fake = fakeClient(5000, { failGets: true });
    await withEngine(fake.client, async (store) => {
      const sizes: number[] = [];
      const unsubscribe = store.subscribe((s) => sizes.push(containersOf({ getState: () => s } as AppStore)));
      fake.releaseGets();
      fake.releaseWhole();
      await until(store, 'the whole list', (s) => s.listed[NS] === true, 2000, 5);
      unsubscribe();
      assert.deepEqual(
        sizes.filter((n) => n > 0 && n < 5000),
        [],
        'no partial list',
      );
      assert.equal(containersOf(store), 5000);
      assert.equal(store.getState().tasks[keyOf(NS, 'c-00000')]?.pid, 42, 'tasks from the task list');
    });
  });

  it('asks for a preview only on the first list: a resync of a listed namespace reads it whole', async () => {
    // a small list, as a resync waits at least 500x as long as the last list took (see resyncDelay)
    const fake = fakeClient(150);
    fake.releaseGets();
    fake.releaseWhole();
    await withEngine(
      fake.client,
      async (store) => {
        await until(store, 'listed', (s) => s.listed[NS] === true, 2000, 5);
        await until(store, 'a resync', () => fake.reads.count >= 2, 10_000, 5);
        assert.deepEqual(fake.previews, [100], 'a screenful: 100 rows when the terminal does not say');
      },
      { resyncMs: 10 },
    );
  });
  it('previews a namespace put on screen later, the first time it is listed', async () => {
    const fake = fakeClient(5000);
    fake.releaseGets();
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
      { namespace: 'small' },
    );
  });
});
