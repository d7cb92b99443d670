import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyOf } from '../../src/store/state.js';
import { createAppStore } from '../../src/store/store.js';
import { scrollOffset } from '../../src/ui/Table/window.js';
import { container, figures, task } from '../fixtures/store.js';
import { renderUi } from '../fixtures/terminal.js';
import { KEYS } from '../helpers/terminal.js';

function bigStore(count: number) {
  const store = createAppStore('sock', ['default'], { namespace: 'default' });
  const containers: Record<string, ReturnType<typeof container>> = {};
  const tasks: Record<string, ReturnType<typeof task>> = {};
  const figs: Record<string, ReturnType<typeof figures>> = {};
  for (let i = 0; i < count; i++) {
    const id = `c${String(i).padStart(5, '0')}`;
    containers[keyOf('default', id)] = container('default', id);
    tasks[keyOf('default', id)] = task('default', id);
    figs[keyOf('default', id)] = figures({ cpuPercent: i % 97 });
  }
  store.setState({ containers, tasks, figures: figs, listed: { default: true } });
  return store;
}

test('5,000 containers: only the rows that fit are drawn, fast', async () => {
  const store = bigStore(5000);
  let t = performance.now();
  const h = await renderUi(store, { columns: 120, rows: 40 });
  const mountMs = performance.now() - t;
  const lines = h.lastFrame().split('\n');
  assert.equal(lines.length, 40);
  assert.equal(lines.filter((l) => /^c\d{5} /.test(l)).length, 40 - 6);
  assert.match(h.lastFrame(), /containers\(default\)\[5000\]/);
  t = performance.now();
  await h.press('G');
  await h.press(KEYS.up);
  const keysMs = performance.now() - t;
  assert.match(h.lastFrame(), /c04998/);
  assert.equal(h.lastFrame().split('\n').length, 40);
  t = performance.now();
  store.setState((s) => ({ figures: { ...s.figures, 'default/c04999': figures({ cpuPercent: 77 }) }, metricsTick: 2 }));
  await h.settle();
  const tickMs = performance.now() - t - 30;
  assert.ok(mountMs < 1000, `mount ${mountMs} ms`);
  assert.ok(keysMs < 500, `two keys ${keysMs} ms`);
  assert.ok(tickMs < 300, `tick ${tickMs} ms`);
  h.unmount();
});

test('scroll window: moves only as far as needed to keep the selection on screen', () => {
  assert.equal(scrollOffset(0, 5, 10, 100), 0);
  assert.equal(scrollOffset(0, 10, 10, 100), 1);
  assert.equal(scrollOffset(20, 15, 10, 100), 15);
  assert.equal(scrollOffset(20, 25, 10, 100), 20);
  assert.equal(scrollOffset(95, 99, 10, 100), 90, 'never past the end');
  assert.equal(scrollOffset(50, 3, 10, 5), 0, 'fewer rows than fit');
});
