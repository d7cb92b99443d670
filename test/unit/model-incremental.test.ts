// The view-model's tick path (rows rebuilt in place, filter/sort/widths reused) must always give what a
// fresh view-model computes from scratch for the same state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageChangesAt, ageRedrawAt, formatAge } from '../../src/model/format.js';
import { createViewModel, type PaneView } from '../../src/model/view.js';
import { keyOf } from '../../src/store/state.js';
import { createAppStore, type AppState } from '../../src/store/store.js';
import type { SortColumn } from '../../src/store/ui.js';
import { container, figures, NOW, task } from '../fixtures/store.js';

test('ageChangesAt: the age text stays the same until then, and the time is after now; ageRedrawAt is a whole second, not before it', () => {
  const seconds = [0, 5, 59.5, 119.2, 120, 3599, 7199, 7200, 86_399, 172_799, 172_800, 700 * 86_400, 800 * 86_400];
  for (const elapsed of seconds) {
    const since = new Date(NOW - elapsed * 1000);
    const due = ageChangesAt(since, NOW);
    assert.ok(due > NOW, `${elapsed}s: due ${due - NOW} ms from now`);
    for (const t of [NOW, (NOW + due) / 2, due - 1]) assert.equal(formatAge(since, t), formatAge(since, NOW), `${elapsed}s at +${t - NOW} ms`);
    const redraw = ageRedrawAt(since, NOW);
    assert.ok(redraw >= due && redraw - due < 8_640_000 && redraw % 1000 === 0, `${elapsed}s: redrawn ${redraw - due} ms after the change`);
  }
  assert.equal(ageChangesAt(null, NOW), Infinity);
  // a creation time in the future (clock skew) shows 0s until it has passed
  const future = new Date(NOW + 5000);
  assert.ok(ageChangesAt(future, NOW) > NOW);
});

/** deterministic pseudo-random numbers, so a failure can be replayed */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

function comparable(v: PaneView) {
  return { columns: v.columns.map((c) => c.id), rows: v.rows, total: v.total, sort: v.sort, widest: v.widest };
}

for (const pane of ['containers', 'tasks'] as const) {
  test(`${pane}: after any sequence of ticks, sorts, filters and changes, the view equals one computed from scratch`, () => {
    const next = random(42);
    let now = NOW;
    const store = createAppStore('sock', ['default'], { namespace: 'default', pane });
    const containers: AppState['containers'] = {};
    const tasks: AppState['tasks'] = {};
    const figs: AppState['figures'] = {};
    for (let i = 0; i < 300; i++) {
      const id = `c${String(i).padStart(3, '0')}`;
      const key = keyOf('default', id);
      // ages from seconds to days, so some rows' ages change on every tick and some never
      containers[key] = container('default', id, { createdAt: new Date(NOW - Math.floor(next() ** 4 * 5 * 86_400_000)), labels: { tier: String(i % 3) } });
      if (i % 4 === 0) {
        tasks[key] = task('default', id);
        figs[key] = figures({ cpuPercent: next() * 5 });
      }
    }
    store.setState({ containers, tasks, figures: figs });
    const vm = createViewModel();
    const sorts: SortColumn[] = ['name', 'cpu', 'memory', 'age', 'status'];
    for (let step = 0; step < 400; step++) {
      const roll = next();
      if (roll < 0.6) {
        // a metrics tick: time passes, some running tasks' figures change (the map is new every tick)
        now += Math.floor(next() * 3000);
        store.setState((s) => {
          const changed = { ...s.figures };
          for (const key of Object.keys(changed)) if (next() < 0.3) changed[key] = figures({ cpuPercent: Math.round(next() * 50) / 10, memoryBytes: Math.floor(next() * 4) * 4096 });
          return { figures: changed, metricsTick: s.metricsTick + 1 };
        });
      } else if (roll < 0.7) {
        const column = sorts[Math.floor(next() * sorts.length)]!;
        store.setState((s) => ({ ui: { ...s.ui, sort: { ...s.ui.sort, [pane]: { column, descending: next() < 0.5 } } } }));
      } else if (roll < 0.8) {
        const filter = ['', 'c1', '!c2', '-l tier=1', '0.', 'stopped'][Math.floor(next() * 6)]!;
        store.setState((s) => ({ ui: { ...s.ui, filter: { ...s.ui.filter, [pane]: filter } } }));
      } else if (roll < 0.85) {
        // a container goes, another comes: not a tick, a full pass
        store.setState((s) => {
          const keys = Object.keys(s.containers);
          const gone = keys[Math.floor(next() * keys.length)]!;
          const { [gone]: _, ...rest } = s.containers;
          const id = `n${step}`;
          return { containers: { ...rest, [keyOf('default', id)]: container('default', id, { createdAt: new Date(now) }) } };
        });
      } else if (roll < 0.9) {
        // a task stops: the same rows, one of them other than figures alone would make it
        store.setState((s) => {
          const running = Object.keys(s.tasks).filter((key) => s.tasks[key]!.status === 'running');
          const key = running[Math.floor(next() * running.length)];
          if (key === undefined) return {};
          return { tasks: { ...s.tasks, [key]: { ...s.tasks[key]!, status: 'stopped' as const, pid: 0, exitStatus: 0 } } };
        });
      } else {
        // an hour later, and a tick that changed no figure
        now += 3_600_000;
        store.setState((s) => ({ figures: { ...s.figures }, metricsTick: s.metricsTick + 1 }));
      }
      // the screen does not always ask in between: changes pile up until it does
      if (next() < 0.3) continue;
      const state = store.getState();
      assert.deepEqual(comparable(vm.paneView(state)), comparable(createViewModel().paneView(state)), `step ${step}`);
    }
  });
}

/** A namespace of `count` containers c00000…, each with a running task; `extra` adds to each container. */
function manyContainers(count: number, extra: (i: number) => Partial<ReturnType<typeof container>> = () => ({})): AppState['containers'] {
  const containers: AppState['containers'] = {};
  for (let i = 0; i < count; i++) {
    const id = `c${String(i).padStart(5, '0')}`;
    containers[keyOf('default', id)] = container('default', id, extra(i));
  }
  return containers;
}

function runningStore(containers: AppState['containers'], cpu: (i: number) => number, ui: Parameters<typeof createAppStore>[2] = {}) {
  const store = createAppStore('sock', ['default'], { namespace: 'default', ...ui });
  const keys = Object.keys(containers);
  store.setState({
    containers,
    tasks: Object.fromEntries(keys.map((key) => [key, task('default', containers[key]!.id)])),
    figures: Object.fromEntries(keys.map((key, i) => [key, figures({ cpuPercent: cpu(i) })])),
  });
  return store;
}

/** A metrics tick with new figures for `changed` and the same figure objects for the others. */
function tick(store: ReturnType<typeof createAppStore>, changed: Record<string, number>) {
  store.setState((s) => {
    const next = { ...s.figures };
    for (const [key, cpu] of Object.entries(changed)) next[key] = figures({ cpuPercent: cpu });
    return { figures: next, metricsTick: s.metricsTick + 1 };
  });
}

test('a tick that changes where a row sorts re-sorts the view', () => {
  for (const pane of ['containers', 'tasks'] as const) {
    const store = runningStore(manyContainers(50), (i) => i / 10, { pane, sort: { [pane]: { column: 'cpu', descending: true } } });
    const vm = createViewModel();
    assert.equal(vm.paneView(store.getState()).rows[0]!.id, 'c00049');
    tick(store, { 'default/c00007': 99, 'default/c00030': 4.95 });
    const view = vm.paneView(store.getState());
    assert.deepEqual(view.rows.slice(0, 3).map((r) => r.id), ['c00007', 'c00030', 'c00049'], pane);
    assert.deepEqual(comparable(view), comparable(createViewModel().paneView(store.getState())), pane);
  }
});

test('a tick that moves rows in or out of the filter re-filters the view', () => {
  for (const pane of ['containers', 'tasks'] as const) {
    const store = runningStore(manyContainers(50), () => 1, { pane, filter: { [pane]: '7.5' } });
    tick(store, { 'default/c00003': 7.5 });
    const vm = createViewModel();
    assert.deepEqual(vm.paneView(store.getState()).rows.map((r) => r.id), ['c00003']);
    tick(store, { 'default/c00003': 7.4, 'default/c00040': 7.5 });
    assert.deepEqual(vm.paneView(store.getState()).rows.map((r) => r.id), ['c00040'], pane);
  }
});

test('a tick that changes only rows the filter hides keeps the view itself', () => {
  for (const pane of ['containers', 'tasks'] as const) {
    const store = runningStore(manyContainers(100), () => 1, { pane, filter: { [pane]: 'c0000' } });
    const vm = createViewModel();
    const before = vm.paneView(store.getState());
    assert.equal(before.rows.length, 10);
    tick(store, { 'default/c00050': 42, 'default/c00099': 7 });
    assert.equal(vm.paneView(store.getState()), before, pane);
  }
});

test('a tick that changes rows far down the list swaps just those in', () => {
  const store = runningStore(manyContainers(5000), (i) => i % 10);
  const vm = createViewModel();
  const before = vm.paneView(store.getState());
  tick(store, { 'default/c04321': 55, 'default/c04999': 66 });
  const after = vm.paneView(store.getState());
  after.rows.forEach((row, i) => {
    if (row.id === 'c04321' || row.id === 'c04999') assert.notEqual(row, before.rows[i]);
    else assert.equal(row, before.rows[i], row.key);
  });
  assert.equal(after.rows[4321]!.cells.cpu!.text, '55.0');
  assert.equal(after.rows[4999]!.cells.cpu!.text, '66.0');
  assert.deepEqual(comparable(after), comparable(createViewModel().paneView(store.getState())));
});
