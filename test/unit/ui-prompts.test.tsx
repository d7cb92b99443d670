import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppStore } from '../../src/store/store.js';
import { fixtureStore } from '../fixtures/store.js';
import { renderUi, type UiHarness } from '../fixtures/terminal.js';
import { KEYS } from '../helpers/terminal.js';

const ui = (store: AppStore) => store.getState().ui;

async function command(h: UiHarness, text: string) {
  await h.press(':');
  await h.type(text);
  await h.press(KEYS.enter);
}

test(': opens a prompt; aliases switch panes', async () => {
  const store = fixtureStore({ namespace: 'default' });
  const h = await renderUi(store);
  await h.press(':');
  assert.deepEqual(ui(store).prompt, { kind: 'command', text: '' });
  await h.type('im');
  assert.match(h.lastFrame(), /:im/);
  assert.match(h.lastFrame(), /img image images/, 'suggestions');
  await h.press('g');
  await h.press(KEYS.enter);
  assert.equal(ui(store).pane, 'images');
  assert.equal(ui(store).prompt, null);
  for (const [alias, pane] of [
    ['ns', 'namespaces'],
    ['co', 'containers'],
    ['t', 'tasks'],
    ['img', 'images'],
    ['ev', 'events'],
    ['namespace', 'namespaces'],
    ['containers', 'containers'],
  ] as const) {
    await command(h, alias);
    assert.equal(ui(store).pane, pane, alias);
  }
  h.unmount();
});

test(': Tab completes commands and namespace names; backspace edits', async () => {
  const store = fixtureStore({ namespace: 'default' });
  const h = await renderUi(store);
  await h.press(':');
  await h.type('ta');
  await h.press(KEYS.tab);
  assert.equal(ui(store).prompt?.text, 'task');
  await h.press('s');
  for (let i = 0; i < 'tasks'.length; i++) await h.press(KEYS.backspace);
  await h.type('ns k8');
  await h.press(KEYS.tab);
  assert.equal(ui(store).prompt?.text, 'ns k8s.io');
  await h.press(KEYS.enter);
  assert.equal(ui(store).namespace, 'k8s.io');
  assert.equal(ui(store).pane, 'containers');
  h.unmount();
});

test(':ns NAME keeps the pane; :co NAME opens containers of NAME; unknown commands say so', async () => {
  const store = fixtureStore({ pane: 'images', namespace: 'default' });
  const h = await renderUi(store);
  await command(h, 'ns k8s.io');
  assert.equal(ui(store).pane, 'images');
  assert.equal(ui(store).namespace, 'k8s.io');
  await command(h, 'co default');
  assert.equal(ui(store).pane, 'containers');
  assert.equal(ui(store).namespace, 'default');
  await command(h, 'pods');
  assert.match(h.lastFrame(), /unknown command: pods/);
  h.unmount();
});

test('esc cancels a prompt without running it; keys go only to the prompt', async () => {
  const store = fixtureStore({ namespace: 'default' });
  const h = await renderUi(store);
  await h.press(':');
  await h.type('jq');
  assert.equal(ui(store).selected.containers, undefined, 'j typed, not moved');
  await h.press(KEYS.escape);
  assert.equal(ui(store).prompt, null);
  assert.equal(ui(store).pane, 'containers');
  assert.equal(h.quits, 0);
  h.unmount();
});

for (const quit of ['q', 'quit', 'q!']) {
  test(`:${quit} quits`, async () => {
    const h = await renderUi(fixtureStore());
    await command(h, quit);
    assert.equal(h.quits, 1);
  });
}

test('/ filters on enter; esc in the prompt cancels; esc on the table clears', async () => {
  const store = fixtureStore({ namespace: 'default' });
  const h = await renderUi(store);
  await h.press('/');
  await h.type('WEB');
  assert.match(h.lastFrame(), /\/WEB/);
  await h.press(KEYS.enter);
  assert.equal(ui(store).filter.containers, 'WEB');
  assert.match(h.lastFrame(), /containers\(default\)\[1\/6\] <\/WEB>/);
  assert.doesNotMatch(h.lastFrame(), /batch/);
  await h.press('/');
  await h.press('x');
  await h.press(KEYS.escape);
  assert.equal(ui(store).filter.containers, 'WEB', 'cancelled edit keeps the filter');
  await h.press(KEYS.escape);
  assert.equal(ui(store).filter.containers, '');
  assert.match(h.lastFrame(), /batch/);
  h.unmount();
});

test('/!text inverts; /-l key=value filters by label', async () => {
  const store = fixtureStore({ namespace: 'default' });
  const h = await renderUi(store);
  await h.press('/');
  await h.type('!busybox');
  await h.press(KEYS.enter);
  assert.match(h.lastFrame(), /web/);
  assert.doesNotMatch(h.lastFrame(), /batch/);
  await h.press(KEYS.escape);
  await h.press('/');
  await h.type('-l tier=front');
  await h.press(KEYS.enter);
  assert.match(h.lastFrame(), /\[1\/6\]/);
  assert.match(h.lastFrame(), /web/);
  await h.press(KEYS.escape);
  await h.press('/');
  await h.type('nothing-matches');
  await h.press(KEYS.enter);
  assert.match(h.lastFrame(), /no rows match the filter/);
  h.unmount();
});
