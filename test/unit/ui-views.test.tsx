import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { Text } from 'ink';
import type { AppStore } from '../../src/store/store.js';
import { ErrorBoundary } from '../../src/ui/ErrorBoundary/ErrorBoundary.js';
import { fixtureStore, HOSTILE_ID, WEB_KEY } from '../fixtures/store.js';
import { renderUi } from '../fixtures/terminal.js';
import { KEYS } from '../helpers/terminal.js';

const ui = (store: AppStore) => store.getState().ui;

test('d describes a container: spec essentials, labels, limits, all sanitised; scrolls; esc back', async () => {
  const store = fixtureStore({ namespace: 'default', selected: { containers: WEB_KEY } });
  const h = await renderUi(store, { columns: 100, rows: 60 });
  await h.press('d');
  assert.equal(ui(store).overlay?.kind, 'describe');
  const frame = h.lastFrame();
  assert.match(frame, /describe\(web\)/);
  for (const text of ['Snapshotter:', 'overlayfs', 'tier=front', 'Args:', '"daemon off;"', 'EVIL=^[[2J', 'proc <- proc (proc)', 'network /var/run/netns/cni-1', 'io.example/owner=ops', 'Limits:'])
    assert.ok(frame.includes(text), text);
  assert.match(frame, /Memory: +128M/);
  assert.match(frame, /PID: +1234/);
  assert.ok(!frame.includes('\u001b'));
  await h.resize(100, 20);
  const firstLine = h.lastFrame().split('\n')[3];
  await h.press('j');
  assert.notEqual(h.lastFrame().split('\n')[3], firstLine, 'scrolled a line');
  await h.press('g');
  assert.equal(h.lastFrame().split('\n')[3], firstLine);
  await h.press(KEYS.escape);
  assert.equal(ui(store).overlay, null);
  h.unmount();
});

test('describe of a hostile container shows its escapes as text', async () => {
  const store = fixtureStore({ namespace: 'default', selected: { containers: `default/${HOSTILE_ID}` } });
  const h = await renderUi(store, { columns: 100, rows: 50 });
  await h.press('d');
  assert.match(h.lastFrame(), /evil\^\[\[31mred/);
  assert.match(h.lastFrame(), /x\^\[\[2J=y<U\+202E>txt\.exe/);
  assert.ok(!h.lastFrame().includes('\u001b'));
  h.unmount();
});

test('describe of an image loads its manifest and config through the loader', async () => {
  const store = fixtureStore({ pane: 'images', namespace: 'k8s.io' });
  const h = await renderUi(store, { columns: 100, rows: 60 });
  await h.press('d');
  await h.settle();
  const frame = h.lastFrame();
  assert.deepEqual(h.loaderCalls, ['image k8s.io docker.io/library/nginx:1.27']);
  assert.match(frame, /Digest: +sha256:1111/);
  assert.match(frame, /docker\.io\/library\/nginx@sha256:1111/, 'aliases listed');
  assert.match(frame, /Manifest:/);
  assert.ok(frame.includes('"note": "manifest\\u001b[31m"'), 'JSON escapes control characters itself');
  assert.match(frame, /"architecture": "amd64"/);
  h.unmount();
});

test('enter on an image or event describes it', async () => {
  const store = fixtureStore({ pane: 'events', namespace: null });
  const h = await renderUi(store, { columns: 100, rows: 40 });
  await h.press(KEYS.enter);
  assert.match(h.lastFrame(), /Topic: +\/tasks\/exit/);
  assert.match(h.lastFrame(), /"exitStatus": 3/);
  h.unmount();
});

test('? lists every key of the pane; read-only marks the action keys', async () => {
  const store = fixtureStore({ namespace: 'default', readonly: true });
  const h = await renderUi(store, { columns: 120, rows: 80 });
  await h.press('?');
  const frame = h.lastFrame();
  assert.match(frame, /help\(containers\)/);
  for (const key of ['j ↓', 'g home', 'pgdn ctrl-f', 'enter', ' d ', ' / ', ' 0 ', ' N ', ' A ', ' S ', ' C ', ' M ', 'ctrl-s', 'ctrl-k', 'ctrl-d', ' s ', ' p ', ' r ', ' : ', ' ? ', 'ctrl-c', ':ns NAME', ':q :quit :q!'])
    assert.ok(frame.includes(key), key);
  assert.match(frame, /ctrl-k .*kill.*\(disabled: read-only\)/);
  await h.press(KEYS.escape);
  assert.equal(ui(store).overlay, null);
  h.unmount();
});

test('help on the images pane leaves out container-only keys', async () => {
  const store = fixtureStore({ pane: 'images' });
  const h = await renderUi(store, { columns: 120, rows: 80 });
  await h.press('?');
  assert.doesNotMatch(h.lastFrame(), /ctrl-k/);
  assert.match(h.lastFrame(), /ctrl-d/);
  h.unmount();
});

test('a render error shows its message instead of crashing, and q quits', async () => {
  function Broken(): never {
    throw new Error('boom \u001b[2J');
  }
  let quit = 0;
  const h = render(
    <ErrorBoundary onQuit={() => quit++}>
      <Broken />
      <Text>never</Text>
    </ErrorBoundary>,
  );
  assert.match(h.lastFrame() ?? '', /ctop-ts hit an error: boom \^\[\[2J/);
  h.stdin.write('q');
  await new Promise((r) => setImmediate(r));
  assert.equal(quit, 1);
  h.unmount();
});
