import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureStore, WEB_KEY } from '../fixtures/store.js';
import { renderUi } from '../fixtures/terminal.js';
import { KEYS } from '../helpers/terminal.js';
import type { AppStore } from '../../src/store/store.js';
import { keyOf } from '../../src/store/state.js';
import { container } from '../fixtures/store.js';

const ui = (store: AppStore) => store.getState().ui;
const selected = (store: AppStore) => ui(store).selected[ui(store).pane];

test('j/k, arrows, g/G, home/end move the selection', async () => {
  const store = fixtureStore({ namespace: 'default' });
  const h = await renderUi(store);
  // sorted by name: batch, fresh, title…, web, 数据库-db, 🐳-whale
  await h.press('j');
  assert.equal(selected(store), 'default/fresh');
  await h.press(KEYS.down);
  await h.press(KEYS.down);
  assert.equal(selected(store), WEB_KEY);
  await h.press('k');
  await h.press(KEYS.up);
  assert.equal(selected(store), 'default/fresh');
  await h.press('G');
  assert.equal(selected(store), 'default/emoji');
  await h.press('g');
  assert.equal(selected(store), 'default/batch');
  await h.press(KEYS.end);
  assert.equal(selected(store), 'default/emoji');
  await h.press(KEYS.home);
  assert.equal(selected(store), 'default/batch');
  await h.press('k');
  assert.equal(selected(store), 'default/batch', 'stays on the first row');
  h.unmount();
});

test('page down/up (also ctrl-f / ctrl-b) move a page, and the table scrolls to keep the selection visible', async () => {
  const store = fixtureStore({ namespace: 'default' });
  const many: Record<string, ReturnType<typeof container>> = {};
  for (let i = 0; i < 100; i++) many[keyOf('default', `bulk${String(i).padStart(3, '0')}`)] = container('default', `bulk${String(i).padStart(3, '0')}`);
  store.setState((s) => ({ containers: { ...s.containers, ...many } }));
  const h = await renderUi(store, { columns: 100, rows: 20 }); // 15 body rows: header + 14 table rows
  await h.press(KEYS.pageDown);
  assert.equal(selected(store), 'default/bulk013');
  await h.press(KEYS.ctrl('f'));
  assert.equal(selected(store), 'default/bulk027');
  assert.match(h.lastFrame(), /bulk027/);
  assert.doesNotMatch(h.lastFrame(), /bulk000/, 'scrolled past the first rows');
  await h.press(KEYS.ctrl('b'));
  await h.press(KEYS.pageUp);
  assert.equal(selected(store), 'default/batch');
  await h.press('G');
  assert.match(h.lastFrame(), /🐳-whale/);
  assert.equal(h.lastFrame().split('\n').length, 20);
  h.unmount();
});

test('enter on a namespace opens its containers; 0 shows all namespaces', async () => {
  const store = fixtureStore({ pane: 'namespaces', namespace: 'default' });
  const h = await renderUi(store);
  await h.press('G'); // default, empty, k8s.io
  await h.press(KEYS.enter);
  assert.equal(ui(store).pane, 'containers');
  assert.equal(ui(store).namespace, 'k8s.io');
  assert.match(h.lastFrame(), /containers\(k8s\.io\)\[1\]/);
  await h.press('0');
  assert.equal(ui(store).namespace, null);
  assert.match(h.lastFrame(), /containers\(all\)\[7\]/);
  h.unmount();
});

test('enter on a container opens its live detail (graphs, figures, processes); esc goes back', async () => {
  const store = fixtureStore({ namespace: 'default', selected: { containers: WEB_KEY } });
  const h = await renderUi(store, { columns: 100, rows: 40 });
  await h.press(KEYS.enter);
  assert.deepEqual(ui(store).overlay?.kind, 'detail');
  await h.settle();
  const frame = h.lastFrame();
  assert.match(frame, /detail\(web\)/);
  assert.match(frame, /CPU {2}40\.0% \(100% = one core\) = 80\.0% of limit {2}limit 0\.5 cores/);
  assert.match(frame, /min 10\.0% {2}avg 25\.0% {2}max 40\.0% {2}throttled 12\.0%/);
  assert.match(frame, /MEM {2}120M working set = 93\.8% of limit {2}limit 128M/);
  assert.match(frame, /OOM kills 1/);
  assert.match(frame, /PIDS 5\/100/);
  assert.match(frame, /[\u2801-\u28ff]/, 'a braille graph');
  assert.match(frame, /Processes \(2\):/);
  assert.match(frame, /1300 {2}shell-1/);
  assert.deepEqual(h.loaderCalls, [`pids default ${WEB_KEY.slice(8)}`]);
  await h.press(KEYS.escape);
  assert.equal(ui(store).overlay, null);
  assert.match(h.lastFrame(), /containers\(default\)/);
  h.unmount();
});

test('the detail view grows as samples arrive', async () => {
  const store = fixtureStore({ namespace: 'default', selected: { containers: WEB_KEY } });
  const h = await renderUi(store, { columns: 100, rows: 40 });
  await h.press(KEYS.enter);
  store.getState().history[WEB_KEY]!.cpuPercent.push(45);
  store.setState((s) => ({ metricsTick: s.metricsTick + 1 }));
  await h.settle();
  assert.match(h.lastFrame(), /max 45\.0%/);
  h.unmount();
});

test('sort keys: N A S C M, pressing again reverses', async () => {
  const store = fixtureStore({ namespace: 'default' });
  const h = await renderUi(store);
  await h.press('C');
  assert.deepEqual(ui(store).sort.containers, { column: 'cpu', descending: true });
  assert.match(h.lastFrame(), /↓cpu/);
  await h.press('C');
  assert.deepEqual(ui(store).sort.containers, { column: 'cpu', descending: false });
  await h.press('M');
  assert.deepEqual(ui(store).sort.containers, { column: 'memory', descending: true });
  await h.press('S');
  assert.deepEqual(ui(store).sort.containers, { column: 'status', descending: false });
  await h.press('A');
  assert.deepEqual(ui(store).sort.containers, { column: 'age', descending: false });
  await h.press('N');
  assert.deepEqual(ui(store).sort.containers, { column: 'name', descending: false });
  await h.press('N');
  assert.deepEqual(ui(store).sort.containers, { column: 'name', descending: true });
  const lines = h.lastFrame().split('\n');
  assert.ok(lines.findIndex((l) => l.startsWith('🐳')) < lines.findIndex((l) => l.startsWith('batch')));
  h.unmount();
});

test('ctrl-s shows and hides pause sandboxes', async () => {
  const store = fixtureStore({ namespace: 'k8s.io' });
  const h = await renderUi(store);
  assert.doesNotMatch(h.lastFrame(), /sandbox1/);
  await h.press(KEYS.ctrl('s'));
  assert.equal(ui(store).showSandboxes, true);
  assert.match(h.lastFrame(), /sandbox1/);
  assert.match(h.lastFrame(), /showing pause sandboxes/);
  await h.press(KEYS.ctrl('s'));
  assert.doesNotMatch(h.lastFrame(), /sandbox1/);
  h.unmount();
});

test('ctrl-c quits', async () => {
  const h = await renderUi(fixtureStore());
  await h.press(KEYS.ctrl('c'));
  assert.equal(h.quits, 1);
});

test('action keys call the injected actions with the target row', async () => {
  const store = fixtureStore({ namespace: 'default', selected: { containers: WEB_KEY } });
  const h = await renderUi(store);
  for (const key of [KEYS.ctrl('k'), KEYS.ctrl('d'), 's', 'p', 'r']) await h.press(key);
  const id = WEB_KEY.slice('default/'.length);
  assert.deepEqual(
    h.calls.map((c) => c.name),
    ['requestKill', 'requestDelete', 'shell', 'togglePause', 'start'],
  );
  assert.deepEqual(h.calls[0]!.target, { pane: 'containers', key: WEB_KEY, namespace: 'default', id, kind: 'container' });
  h.unmount();
});

test('images: delete targets the image; kill does not apply', async () => {
  const store = fixtureStore({ pane: 'images', namespace: 'default' });
  const h = await renderUi(store);
  await h.press(KEYS.ctrl('k'));
  await h.press(KEYS.ctrl('d'));
  assert.deepEqual(h.calls, [
    { name: 'requestDelete', target: { pane: 'images', key: 'default/docker.io/library/busybox:latest', namespace: 'default', id: 'docker.io/library/busybox:latest', kind: 'image' } },
  ]);
  h.unmount();
});

test('read-only mode: action keys are refused and struck out in the footer', async () => {
  const store = fixtureStore({ namespace: 'default', readonly: true });
  const h = await renderUi(store);
  await h.press(KEYS.ctrl('k'));
  assert.deepEqual(h.calls, []);
  assert.match(h.lastFrame(), /read-only mode: ctrl-k is disabled/);
  assert.match(h.lastFrame(), /READ-ONLY/);
  h.unmount();
});
