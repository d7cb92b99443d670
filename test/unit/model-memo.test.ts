import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoByText, patchedPositions, RowCache, type RowFn } from '../../src/model/memo.js';
import { createViewModel } from '../../src/model/view.js';
import { keyOf } from '../../src/store/state.js';
import { createAppStore } from '../../src/store/store.js';
import { container, figures, fixtureStore, task, WEB_KEY } from '../fixtures/store.js';

test('the same state gives the same view object; a selection change does not rebuild rows', () => {
  const store = fixtureStore({ namespace: 'default' });
  const vm = createViewModel();
  const first = vm.paneView(store.getState());
  assert.equal(vm.paneView(store.getState()), first);
  store.setState((s) => ({ ui: { ...s.ui, selected: { containers: WEB_KEY } } }));
  assert.equal(vm.paneView(store.getState()), first);
});

test('a metrics tick rebuilds only the rows whose figures changed', () => {
  const store = fixtureStore({ namespace: 'default' });
  const vm = createViewModel();
  const before = vm.paneView(store.getState());
  store.setState((s) => ({ figures: { ...s.figures, [WEB_KEY]: figures({ cpuPercent: 99 }) } }));
  const after = vm.paneView(store.getState());
  assert.notEqual(after, before);
  for (const row of after.rows) {
    const old = before.rows.find((r) => r.key === row.key)!;
    if (row.key === WEB_KEY) assert.notEqual(row, old);
    else assert.equal(row, old, row.key);
  }
});

test('a metrics tick that changes no figure on screen keeps the view itself, so nothing redraws', () => {
  for (const pane of ['containers', 'tasks'] as const) {
    const store = fixtureStore({ pane, namespace: 'default' });
    const vm = createViewModel();
    const before = vm.paneView(store.getState());
    // what applyMetrics does when every figure is unchanged: new maps holding the same figure objects
    store.setState((s) => ({ figures: { ...s.figures }, metricsTick: s.metricsTick + 1 }));
    assert.equal(vm.paneView(store.getState()), before, pane);
  }
});

test('5,000 containers: a view in well under a second, a tick cheaper still', () => {
  const store = createAppStore('sock', ['default'], { namespace: 'default' });
  const containers: Record<string, ReturnType<typeof container>> = {};
  const tasks: Record<string, ReturnType<typeof task>> = {};
  const figs: Record<string, ReturnType<typeof figures>> = {};
  for (let i = 0; i < 5000; i++) {
    const id = `c${String(i).padStart(5, '0')}`;
    containers[keyOf('default', id)] = container('default', id, { labels: { i: String(i) } });
    tasks[keyOf('default', id)] = task('default', id);
    figs[keyOf('default', id)] = figures({ cpuPercent: i % 100 });
  }
  store.setState({ containers, tasks, figures: figs });
  const vm = createViewModel();
  let t = performance.now();
  const v = vm.paneView(store.getState());
  const firstMs = performance.now() - t;
  assert.equal(v.rows.length, 5000);
  store.setState((s) => ({ figures: { ...s.figures, 'default/c00001': figures({ cpuPercent: 50 }) }, ui: { ...s.ui, filter: { containers: 'c0000' } } }));
  t = performance.now();
  assert.equal(vm.paneView(store.getState()).rows.length, 10);
  const tickMs = performance.now() - t;
  assert.ok(firstMs < 500, `first view ${firstMs} ms`);
  assert.ok(tickMs < 200, `tick ${tickMs} ms`);
});

test('RowCache.patch tells where its list differs from the one before, until the next patch', () => {
  const cache = new RowCache<{ key: string; v: number }>();
  const values = [1, 2, 3, 4];
  const build = (row: RowFn<{ key: string; v: number }>, i: number) => row(`k${i}`, [values[i]], () => ({ key: `k${i}`, v: values[i]! }));
  const first = cache.pass((row) => values.map((_, i) => build(row, i)));
  assert.equal(cache.patch([0, 2], build), first, 'nothing changed: the same list');
  values[2] = 30;
  values[3] = 40;
  const second = cache.patch([0, 2, 3, 2], build);
  assert.deepEqual(second.map((r) => r.v), [1, 2, 30, 40]);
  assert.deepEqual(patchedPositions(first, second), [2, 3]);
  values[0] = 10;
  const third = cache.patch([0], build);
  assert.deepEqual(patchedPositions(second, third), [0]);
  assert.equal(patchedPositions(first, second), null, 'another patch since: not known');
  assert.equal(patchedPositions(first, third), null, 'two patches apart: not known');
  assert.equal(patchedPositions(third, cache.pass((row) => values.map((_, i) => build(row, i)))), null, 'a pass: not known');
});

test('memoByText: computes a text once, remembers falsy results too, and starts over at its limit', () => {
  const calls: string[] = [];
  const isEmpty = memoByText((text) => {
    calls.push(text);
    return text === '';
  }, 2);
  assert.equal(isEmpty('a'), false);
  assert.equal(isEmpty('a'), false);
  assert.equal(isEmpty(''), true);
  assert.deepEqual(calls, ['a', ''], 'each text computed once while remembered');
  isEmpty('b'); // the third text: the cache starts over with it
  isEmpty('a');
  assert.deepEqual(calls, ['a', '', 'b', 'a']);
});
