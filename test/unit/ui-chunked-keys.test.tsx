// Keys that reach Ink in one read arrive as one input ("/cpu\r"); each character must still count as a key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureStore, WEB_KEY } from '../fixtures/store.js';
import { renderUi } from '../fixtures/terminal.js';

test('a chunk of several keys is handled key by key: "/web\\r" filters, "jjj" moves three rows, ":t\\r" switches pane', async () => {
  const store = fixtureStore({ namespace: 'default' });
  const h = await renderUi(store);
  await h.press('/web\r');
  assert.equal(store.getState().ui.prompt, null, 'enter closed the prompt');
  assert.equal(store.getState().ui.filter.containers, 'web');
  assert.deepEqual(h.calls, [], 'no letter of the filter ran as an action key (p would pause)');
  await h.press('\x1b');
  await h.press('\x1b');
  assert.equal(store.getState().ui.filter.containers, '');
  await h.press('g');
  await h.press('jjj'); // batch → fresh → title… → web
  assert.equal(store.getState().ui.selected.containers, WEB_KEY);
  await h.press(':t\r');
  assert.equal(store.getState().ui.pane, 'tasks');
  h.unmount();
});
