// Which tasks a metrics poll asks for: those of the rows on screen and of the detail view that have a
// process, rows that come into view soon after; every task on every poll while the table is sorted by CPU
// or memory. A fake client records the polls.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerdClient } from '../../src/client/api.js';
import type { ContainerdEvent, TaskInfo, TaskMetrics } from '../../src/client/types.js';
import { createAppStore, type AppStore } from '../../src/store/store.js';
import type { UiState } from '../../src/store/ui.js';
import { SyncEngine } from '../../src/sync/engine.js';
import { container, sample, task } from '../fixtures/store.js';
import { until } from '../helpers/actions.js';

const NS = 'ns';
const IDS = ['a', 'b', 'c', 'd'];

/** A namespace of four running tasks, each using one more millisecond of CPU per poll; records each poll's ids. */
function fakeClient(tasks = IDS.map((id) => task(NS, id))) {
  const polls: (readonly string[] | undefined)[] = [];
  const client: Partial<ContainerdClient> = {
    address: '/fake.sock',
    version: async () => ({ version: 'fake', revision: '0' }),
    namespaces: async () => [{ name: NS, labels: {} }],
    containers: async () => IDS.map((id) => container(NS, id)),
    tasks: async () => tasks,
    images: async () => [],
    async metrics(_namespace: string, ids?: readonly string[]): Promise<TaskMetrics[]> {
      polls.push(ids);
      const n = polls.length;
      return (ids ?? IDS).map((id) => sample(id, n * 1000, n * 1_000_000));
    },
    async *subscribe({ signal } = {}): AsyncIterable<ContainerdEvent> {
      await new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }));
    },
    close: () => undefined,
  };
  return { client: client as ContainerdClient, polls };
}

/**
 * Runs an engine polling every `refreshMs` until the fake client saw `count` polls; `after(store, n)` runs
 * once after each of the first polls (the nth), for changes of the screen between them.
 */
async function pollsWith(
  onScreen: string[],
  ui: Partial<UiState>,
  count: number,
  { tasks, refreshMs = 5, after }: { tasks?: TaskInfo[]; refreshMs?: number; after?: (store: AppStore, n: number) => void } = {},
): Promise<{ polls: (readonly string[] | undefined)[]; store: AppStore }> {
  const fake = fakeClient(tasks);
  const store = createAppStore('/fake.sock', [NS], { namespace: NS, ...ui });
  store.setState({ onScreen });
  const engine = new SyncEngine({ store, refreshMs, connect: async () => fake.client });
  engine.start();
  try {
    for (let n = 1; n <= count; n++) {
      await until(store, `${n} polls`, () => fake.polls.length >= n, 5000, 5);
      after?.(store, n);
    }
  } finally {
    await engine.stop();
  }
  return { polls: fake.polls.slice(0, count), store };
}

describe('sync engine: which tasks a metrics poll asks for', () => {
  it('the tasks of the rows on screen, on every poll; none off screen', async () => {
    const { polls, store } = await pollsWith([`${NS}/a`, `${NS}/b`], {}, 4);
    assert.deepEqual(polls, [['a', 'b'], ['a', 'b'], ['a', 'b'], ['a', 'b']]);
    assert.deepEqual(Object.keys(store.getState().figures).sort(), ['ns/a', 'ns/b']);
  });

  it('rows that come into view: soon, and only them, not at the next tick', async () => {
    const started = performance.now();
    // scrolled by two rows after the first poll: c and d come into view, a leaves
    const scroll = (store: AppStore, n: number) => n === 1 && store.setState({ onScreen: [`${NS}/b`, `${NS}/c`, `${NS}/d`] });
    const { polls, store } = await pollsWith([`${NS}/a`, `${NS}/b`], {}, 2, { refreshMs: 60_000, after: scroll });
    assert.deepEqual(polls, [['a', 'b'], ['c', 'd']]);
    assert.ok(performance.now() - started < 30_000, 'long before the next tick');
    assert.deepEqual(Object.keys(store.getState().figures).sort(), ['ns/a', 'ns/b', 'ns/c', 'ns/d'], 'figures of a row off screen stay');
  });

  it('rows that come into view while the next tick is due: by that tick alone', async () => {
    const scroll = (store: AppStore, n: number) => n === 1 && store.setState({ onScreen: [`${NS}/c`] });
    const { polls } = await pollsWith([`${NS}/a`], {}, 3, { refreshMs: 40, after: scroll });
    assert.deepEqual(polls, [['a'], ['c'], ['c']]);
  });

  it('adds the task of the detail view', async () => {
    const target = { pane: 'containers' as const, key: `${NS}/d`, kind: 'container' as const, namespace: NS, id: 'd' };
    const { polls } = await pollsWith([`${NS}/a`], { overlay: { kind: 'detail', target } }, 2);
    assert.deepEqual(polls, [['a', 'd'], ['a', 'd']]);
  });

  it('leaves out rows on screen whose task has no process (stopped, or no task at all)', async () => {
    const tasks = [task(NS, 'a'), task(NS, 'b', { status: 'stopped', exitStatus: 0 }), task(NS, 'c', { status: 'paused' })];
    const { polls } = await pollsWith([`${NS}/a`, `${NS}/b`, `${NS}/c`, `${NS}/d`], {}, 2, { tasks });
    assert.deepEqual(polls, [['a', 'c'], ['a', 'c']]);
  });

  it('asks for nothing when no task is on screen', async () => {
    const { polls } = await pollsWith([], {}, 2);
    assert.deepEqual(polls, [[], []]);
  });

  it('every task on every poll while the rows are sorted by CPU or memory', async () => {
    for (const column of ['cpu', 'memory'] as const) {
      const { polls } = await pollsWith([`${NS}/a`], { sort: { containers: { column, descending: true } } }, 4);
      assert.deepEqual(polls, [undefined, undefined, undefined, undefined], column);
    }
  });

  it('every task at once when the rows start to be sorted by CPU, not at the next tick', async () => {
    const started = performance.now();
    const sortByCpu = (store: AppStore, n: number) =>
      n === 1 && store.setState((s) => ({ ui: { ...s.ui, sort: { ...s.ui.sort, containers: { column: 'cpu', descending: true } } } }));
    const { polls } = await pollsWith([`${NS}/a`], {}, 2, { refreshMs: 60_000, after: sortByCpu });
    assert.deepEqual(polls, [['a'], undefined]);
    assert.ok(performance.now() - started < 30_000, 'long before the next tick');
  });
});
