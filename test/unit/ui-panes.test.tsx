import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth } from '../../src/model/sanitize.js';
import type { UiState } from '../../src/store/ui.js';
import { fixtureStore } from '../fixtures/store.js';
import { renderUi } from '../fixtures/terminal.js';
import { loadTheme } from '../../src/ui/theme/load.js';

async function frameOf(ui: Partial<UiState>, size = { columns: 120, rows: 30 }) {
  const harness = await renderUi(fixtureStore(ui), size);
  const frame = harness.lastFrame();
  harness.unmount();
  return frame;
}

function assertFits(frame: string, columns: number, rows: number) {
  const lines = frame.split('\n');
  assert.equal(lines.length, rows, 'exactly the terminal height');
  for (const line of lines) assert.ok(displayWidth(line) <= columns, `too wide: ${line}`);
}

test('containers pane: header, title, rows, footer', async () => {
  const frame = await frameOf({ pane: 'containers', namespace: 'default' });
  assertFits(frame, 120, 30);
  assert.match(frame, /containerd v2\.0\.0/);
  assert.match(frame, /ns default/);
  assert.match(frame, /containers 6 │ running 3 │ images 2 │ ● connected/);
  assert.match(frame, /containers\(default\)\[6\] ↑name/);
  assert.match(frame, /NAME +IMAGE +STATUS +PID +CPU% +MEM +PIDS +RUNTIME +AGE/);
  assert.match(frame, /web +docker\.io\/library\/nginx:1\.27 +running +1234 +40\.0 +120M 94% +5\/100/);
  assert.match(frame, /batch .* stopped/);
  assert.match(frame, /fresh .* created/);
  assert.match(frame, /<ctrl-k>kill/);
});

test('hostile strings: no raw ESC, OSC or bidi reaches the terminal; CJK and emoji rows line up', async () => {
  const frame = await frameOf({ pane: 'containers', namespace: 'default' });
  // colours are off under test (no TTY), so any ESC would have come from containerd's strings
  assert.ok(!frame.includes('\u001b'), 'no ESC in the frame');
  assert.ok(!frame.includes('\u0007') && !frame.includes('\u202e'));
  assert.match(frame, /title\^\[\]0;pwned\^G/);
  assert.match(frame, /<U\+202E>gpj\.exe/);
  const lines = frame.split('\n');
  const width = (name: string) => displayWidth(lines.find((l) => l.includes(name))!.trimEnd());
  assert.equal(width('数据库-db'), width('web '));
});

test('containers of all namespaces: NAMESPACE and POD columns', async () => {
  const frame = await frameOf({ pane: 'containers', namespace: null });
  assert.match(frame, /NAMESPACE +NAME +POD +POD-NS +IMAGE/);
  assert.match(frame, /k8s\.io +nginx +nginx-7d9 +web/);
  assert.match(frame, /ns all/);
  assert.doesNotMatch(frame, /sandbox1/);
});

test('namespaces pane', async () => {
  const frame = await frameOf({ pane: 'namespaces' });
  assert.match(frame, /NAME +CONTAINERS +RUNNING +IMAGES +LABELS/);
  assert.match(frame, /default +6 +3 +2/);
  assert.match(frame, /k8s\.io +1 +1 +2 +owner\^\[\[5m=kubelet/);
});

test('tasks pane', async () => {
  const frame = await frameOf({ pane: 'tasks', namespace: 'default' });
  assert.match(frame, /NAME +ID +PID +STATUS +EXIT +CPU% +MEM +PIDS/);
  assert.match(frame, /batch +batch +- +stopped +3/);
  assert.doesNotMatch(frame, /fresh/);
});

test('images pane', async () => {
  const frame = await frameOf({ pane: 'images', namespace: 'k8s.io' });
  assert.match(frame, /NAME +DIGEST +SIZE +AGE/);
  assert.match(frame, /docker\.io\/library\/nginx:1\.27 +111111111111 +67M/);
  assert.doesNotMatch(frame, /sha256:9999/);
  assert.match(frame, /images\(k8s\.io\)\[2\]/);
});

test('events pane', async () => {
  const frame = await frameOf({ pane: 'events', namespace: null });
  assert.match(frame, /TIME +NAMESPACE +TOPIC +SUBJECT/);
  assert.match(frame, /11:59:59 +default +\/tasks\/exit +batch/);
  assert.ok(frame.indexOf('/tasks/exit') < frame.indexOf('/containers/create'), 'newest first');
});

test('disconnected: retry countdown and stale data', async () => {
  const store = fixtureStore();
  store.setState((s) => ({ connection: { ...s.connection, status: 'disconnected', retryAt: Date.now() + 3000, error: 'connect ENOENT' } }));
  const ui = await renderUi(store);
  assert.match(ui.lastFrame(), /disconnected, retrying in [23]s · data is stale \(connect ENOENT\)/);
  ui.unmount();
});

test('a namespace still being listed: its first rows, with provisional counts, until the whole list is in', async () => {
  const store = fixtureStore({ pane: 'containers', namespace: 'default' });
  const { listed } = store.getState();
  store.setState((s) => ({ listed: {}, connection: { ...s.connection, status: 'connecting', syncedAt: null } }));
  const ui = await renderUi(store);
  assert.match(ui.lastFrame(), /containers 6… │ running 3… │ images 2… │ ◌ connecting, listing…/);
  assert.match(ui.lastFrame(), /containers\(default\)\[6…\]/);
  assert.match(ui.lastFrame(), /web +docker\.io\/library\/nginx/);
  const { images } = store.getState();
  store.setState((s) => ({ images: {}, ui: { ...s.ui, pane: 'images' } })); // none arrived yet
  await ui.settle();
  assert.match(ui.lastFrame(), /listing images…/);
  store.setState((s) => ({ images, ui: { ...s.ui, pane: 'containers' } }));
  store.setState((s) => ({ listed, connection: { ...s.connection, status: 'connected', syncedAt: Date.now() } }));
  await ui.settle();
  assert.match(ui.lastFrame(), /containers 6 │ running 3 │ images 2 │ ● connected/);
  assert.match(ui.lastFrame(), /containers\(default\)\[6\]/);
  ui.unmount();
});

test('a terminal smaller than 60x12 gets a message instead of the UI, until it grows', async () => {
  const ui = await renderUi(fixtureStore(), { columns: 50, rows: 10 });
  assert.match(ui.lastFrame(), /terminal too small/);
  assert.match(ui.lastFrame(), /50x10, need 60x12/);
  await ui.resize(80, 20);
  assert.doesNotMatch(ui.lastFrame(), /too small/);
  assertFits(ui.lastFrame(), 80, 20);
  ui.unmount();
});

test('with colours on, the only escape sequences are the theme\'s SGR styling', async () => {
  const plain = await frameOf({ pane: 'containers', namespace: 'default', selected: { containers: 'default/batch' } });
  const { default: chalk } = await import('chalk');
  const level = chalk.level;
  chalk.level = 3;
  try {
    const store = fixtureStore({ pane: 'containers', namespace: 'default', selected: { containers: 'default/batch' } });
    const h = await renderUi(store, { theme: loadTheme('default') });
    const coloured = h.lastFrame();
    h.unmount();
    assert.ok(coloured.includes('\u001b['), 'colours are on');
    const stripped = coloured.replace(/\u001b\[[0-9;]*m/g, '');
    assert.ok(!stripped.includes('\u001b'), 'nothing but SGR');
    assert.equal(stripped, plain);
  } finally {
    chalk.level = level;
  }
});
