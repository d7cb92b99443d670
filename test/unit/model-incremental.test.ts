// The view-model's tick path (rows rebuilt in place, filter/sort/widths reused) must always give what a
// fresh view-model computes from scratch for the same state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageChangesAt, formatAge } from '../../src/model/format.js';
import { createViewModel, type PaneView } from '../../src/model/view.js';
import { keyOf } from '../../src/store/state.js';
import { createAppStore, type AppState } from '../../src/store/store.js';
import type { SortColumn } from '../../src/store/ui.js';
import { container, figures, NOW, task } from '../fixtures/store.js';

test('ageChangesAt: the age text stays the same until then, and the time is after now', () => {
  const seconds = [0, 5, 59.5, 119.2, 120, 3599, 7199, 7200, 86_399, 172_799, 172_800, 700 * 86_400, 800 * 86_400];
  for (const elapsed of seconds) {
    const since = new Date(NOW - elapsed * 1000);
    const due = ageChangesAt(since, NOW);
    assert.ok(due > NOW, `${elapsed}s: due ${due - NOW} ms from now`);
    for (const t of [NOW, (NOW + due) / 2, due - 1]) assert.equal(formatAge(since, t), formatAge(since, NOW), `${elapsed}s at +${t - NOW} ms`);
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

test('after any sequence of ticks, sorts, filters and changes, the view equals one computed from scratch', () => {
  const next = random(42);
  let now = NOW;
  const clock = () => now;
  const store = createAppStore('sock', ['default'], { namespace: 'default' });
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
  const vm = createViewModel(clock);
  const sorts: SortColumn[] = ['name', 'cpu', 'memory', 'age', 'status'];
  for (let step = 0; step < 400; step++) {
    const roll = next();
    if (roll < 0.7) {
      // a metrics tick: time passes, some running tasks' figures change (the map is new every tick)
      now += Math.floor(next() * 3000);
      store.setState((s) => {
        const changed = { ...s.figures };
        for (const key of Object.keys(changed)) if (next() < 0.3) changed[key] = figures({ cpuPercent: Math.round(next() * 50) / 10, memoryBytes: Math.floor(next() * 4) * 4096 });
        return { figures: changed, metricsTick: s.metricsTick + 1 };
      });
    } else if (roll < 0.8) {
      const column = sorts[Math.floor(next() * sorts.length)]!;
      store.setState((s) => ({ ui: { ...s.ui, sort: { ...s.ui.sort, containers: { column, descending: next() < 0.5 } } } }));
    } else if (roll < 0.9) {
      const filter = ['', 'c1', '!c2', '-l tier=1', '0.'][Math.floor(next() * 5)]!;
      store.setState((s) => ({ ui: { ...s.ui, filter: { ...s.ui.filter, containers: filter } } }));
    } else if (roll < 0.95) {
      // a container goes, another comes: not a tick, a full pass
      store.setState((s) => {
        const keys = Object.keys(s.containers);
        const gone = keys[Math.floor(next() * keys.length)]!;
        const { [gone]: _, ...rest } = s.containers;
        const id = `n${step}`;
        return { containers: { ...rest, [keyOf('default', id)]: container('default', id, { createdAt: new Date(now) }) } };
      });
    } else {
      // an hour later, and the tick that comes with it (as in the monitor, time moves with ticks): every age due
      now += 3_600_000;
      store.setState((s) => ({ figures: { ...s.figures }, metricsTick: s.metricsTick + 1 }));
    }
    const state = store.getState();
    assert.deepEqual(comparable(vm.paneView(state)), comparable(createViewModel(clock).paneView(state)), `step ${step}`);
  }
});
