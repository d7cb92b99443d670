// Which tasks a metrics poll asks for: every task on one poll in five, else those of the rows on screen and
// of the detail view that have a process; every task on every poll while the table is sorted by CPU or
// memory. A fake client records the polls.
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

async function pollsWith(
  onScreen: string[],
  ui: Partial<UiState>,
  count: number,
  tasks?: TaskInfo[],
): Promise<{ polls: (readonly string[] | undefined)[]; store: AppStore }> {
  const fake = fakeClient(tasks);
  const store = createAppStore('/fake.sock', [NS], { namespace: NS, ...ui });
  store.setState({ onScreen });
  const engine = new SyncEngine({ store, refreshMs: 5, connect: async () => fake.client });
  engine.start();
  try {
    await until(store, `${count} polls`, () => fake.polls.length >= count, 5000, 5);
  } finally {
    await engine.stop();
  }
  return { polls: fake.polls.slice(0, count), store };
}

describe('sync engine: which tasks a metrics poll asks for', () => {
  it('every task on one poll in five, else the tasks of the rows on screen', async () => {
    const { polls, store } = await pollsWith([`${NS}/a`, `${NS}/b`], {}, 11);
    const whole = undefined;
    const shown = ['a', 'b'];
    assert.deepEqual(polls, [whole, shown, shown, shown, shown, whole, shown, shown, shown, shown, whole]);
    const { figures } = store.getState();
    assert.deepEqual(Object.keys(figures).sort(), ['ns/a', 'ns/b', 'ns/c', 'ns/d'], 'a task off screen keeps its figures between its polls');
  });

  it('adds the task of the detail view', async () => {
    const target = { pane: 'containers' as const, key: `${NS}/d`, kind: 'container' as const, namespace: NS, id: 'd' };
    const { polls } = await pollsWith([`${NS}/a`], { overlay: { kind: 'detail', target } }, 2);
    assert.deepEqual(polls, [undefined, ['a', 'd']]);
  });

  it('leaves out rows on screen whose task has no process (stopped, or no task at all)', async () => {
    const tasks = [task(NS, 'a'), task(NS, 'b', { status: 'stopped', exitStatus: 0 }), task(NS, 'c', { status: 'paused' })];
    const { polls } = await pollsWith([`${NS}/a`, `${NS}/b`, `${NS}/c`, `${NS}/d`], {}, 2, tasks);
    assert.deepEqual(polls, [undefined, ['a', 'c']]);
  });

  it('asks for nothing between whole polls when no task is on screen', async () => {
    const { polls } = await pollsWith([], {}, 2);
    assert.deepEqual(polls, [undefined, []]);
  });

  it('every task on every poll while the rows are sorted by CPU or memory', async () => {
    for (const column of ['cpu', 'memory'] as const) {
      const { polls } = await pollsWith([`${NS}/a`], { sort: { containers: { column, descending: true } } }, 4);
      assert.deepEqual(polls, [undefined, undefined, undefined, undefined], column);
    }
  });
});
