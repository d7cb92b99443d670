import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppStore } from '../../src/store/store.js';
import type { DialogState } from '../../src/store/ui.js';
import { fixtureStore } from '../fixtures/store.js';
import { renderUi } from '../fixtures/terminal.js';
import { KEYS } from '../helpers/terminal.js';

function openDialog(store: AppStore, results: unknown[]): void {
  const dialog: DialogState = {
    title: 'Kill default/web?',
    body: ['Send a signal to the task.', `hostile \u001b[31m body`],
    choices: [
      { label: 'SIGTERM', value: 'TERM' },
      { label: 'SIGKILL', value: 'KILL' },
      { label: 'SIGINT', value: 'INT' },
    ],
    choiceIndex: 0,
    option: { label: 'all processes', checked: false },
    danger: true,
    onConfirm: (r) => results.push(r),
    onCancel: () => results.push('cancelled'),
  };
  store.setState((s) => ({ ui: { ...s.ui, dialog } }));
}

test('the dialog draws over the table; arrows choose, space toggles, y confirms', async () => {
  const store = fixtureStore({ namespace: 'default' });
  const h = await renderUi(store);
  const results: unknown[] = [];
  openDialog(store, results);
  await h.settle();
  const frame = h.lastFrame();
  assert.match(frame, /Kill default\/web\?/);
  assert.match(frame, /\[SIGTERM\] +SIGKILL +SIGINT/);
  assert.match(frame, /\[ \] all processes/);
  assert.match(frame, /hostile \^\[\[31m body/);
  assert.ok(!frame.includes('\u001b'));
  assert.equal(frame.split('\n').length, 30);
  await h.press(KEYS.ctrl('f')); // not a dialog key: ignored, table untouched
  await h.press('j'); // next choice, not the next row
  assert.equal(store.getState().ui.selected.containers, undefined);
  await h.press('\u001b[C');
  await h.press(' ');
  assert.match(h.lastFrame(), /SIGTERM +SIGKILL +\[SIGINT\]/);
  assert.match(h.lastFrame(), /\[x\] all processes/);
  await h.press('y');
  assert.deepEqual(results, [{ choice: 'INT', option: true }]);
  assert.equal(store.getState().ui.dialog, null);
  assert.doesNotMatch(h.lastFrame(), /Kill default/);
  h.unmount();
});

test('n and esc cancel; enter confirms the default choice', async () => {
  const store = fixtureStore({ namespace: 'default' });
  const h = await renderUi(store);
  const results: unknown[] = [];
  openDialog(store, results);
  await h.settle();
  await h.press('n');
  openDialog(store, results);
  await h.settle();
  await h.press(KEYS.escape);
  openDialog(store, results);
  await h.settle();
  await h.press(KEYS.left);
  await h.press(KEYS.enter);
  assert.deepEqual(results, ['cancelled', 'cancelled', { choice: 'INT', option: false }]);
  h.unmount();
});
