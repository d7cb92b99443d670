// A container on screen disappears from the store (removed with ctr, or by the sync engine's re-list):
// the describe/detail view about it closes with a message, the selection moves to its neighbour.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forgetContainer } from '../../src/sync/apply.js';
import type { AppStore } from '../../src/store/store.js';
import { viewModelOf } from '../../src/ui/context.js';
import { fixtureStore, WEB_KEY } from '../fixtures/store.js';
import { renderUi } from '../fixtures/terminal.js';
import { KEYS } from '../helpers/terminal.js';

const ui = (store: AppStore) => store.getState().ui;
const removeFromStore = (store: AppStore, key: string) => store.setState((s) => forgetContainer(s, key));

for (const key of ['d', KEYS.enter] as const) {
  const view = key === 'd' ? 'describe' : 'detail';
  test(`the ${view} view of a container that is removed closes with a message, back on the table`, async () => {
    const store = fixtureStore({ namespace: 'default', selected: { containers: WEB_KEY } });
    const h = await renderUi(store, { columns: 100, rows: 40 });
    try {
      await h.press(key);
      assert.equal(ui(store).overlay?.kind, view);
      removeFromStore(store, WEB_KEY);
      await h.settle();
      assert.equal(ui(store).overlay, null, 'view closed');
      assert.equal(ui(store).pane, 'containers');
      assert.match(store.getState().message?.text ?? '', /container default\/c0ffee0+1 was removed/);
      const frame = h.lastFrame();
      assert.match(frame, /was removed/);
      assert.match(frame, /containers\(/, 'the table is back');
      assert.doesNotMatch(frame, /no longer known/);
      assert.notEqual(ui(store).selected.containers, WEB_KEY);
      await h.press('j'); // keys still work
      assert.equal(h.quits, 0);
    } finally {
      h.unmount();
    }
  });
}

test('a selected container that is removed: the cursor stays in place (its neighbour) and a message says why', async () => {
  const store = fixtureStore({ namespace: 'default' });
  const h = await renderUi(store, { columns: 100, rows: 40 });
  try {
    await h.press('j');
    await h.press('j');
    const vm = viewModelOf(store);
    const before = vm.paneView(store.getState()).rows.map((r) => r.key);
    const selected = ui(store).selected.containers!;
    const index = before.indexOf(selected);
    assert.equal(index, 2, 'third row selected');
    removeFromStore(store, selected);
    await h.settle();
    const after = vm.paneView(store.getState()).rows.map((r) => r.key);
    assert.equal(after.length, before.length - 1);
    assert.equal(ui(store).selected.containers, after[index], 'the row that took its place is selected');
    assert.match(store.getState().message?.text ?? '', /was removed/);
    assert.match(h.lastFrame(), /was removed/);
  } finally {
    h.unmount();
  }
});

test('no second message when the message line already speaks of the container (our own delete)', async () => {
  const store = fixtureStore({ namespace: 'default', selected: { containers: WEB_KEY } });
  const h = await renderUi(store, { columns: 100, rows: 40 });
  try {
    await h.press('d');
    const own = 'deleted container c0ffee0000000000000000000000000000000000000000000000000000000001';
    store.setState({ message: { text: own, level: 'info', at: Date.now() } });
    removeFromStore(store, WEB_KEY);
    await h.settle();
    assert.equal(ui(store).overlay, null);
    assert.equal(store.getState().message?.text, own);
  } finally {
    h.unmount();
  }
});
