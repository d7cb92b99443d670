// createActions(...) is what src/ui expects (UiActions), so the CLI wires it without an adapter.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ContainerdClient } from '../../src/client/api.js';
import { createActions } from '../../src/actions/index.js';
import { createAppStore } from '../../src/store/store.js';
import type { TerminalHandoff, UiActions } from '../../src/ui/actions.js';
import { sleep } from '../helpers/sandbox.js';

it('createActions satisfies UiActions; a refused shell never suspends the UI', async () => {
  const store = createAppStore('/s', ['default'], { readonly: true });
  const actions: UiActions = createActions({ client: () => null as ContainerdClient | null, store });
  let suspended = false;
  const terminal: TerminalHandoff = {
    async suspend<T>(run: () => Promise<T>): Promise<T> {
      suspended = true;
      return run();
    },
  };
  actions.shell({ pane: 'containers', key: 'default/a', namespace: 'default', id: 'a', kind: 'container' }, terminal);
  await sleep(10);
  assert.equal(suspended, false);
  assert.match(store.getState().message?.text ?? '', /^read-only mode: not going to exec a shell in default\/a/);
});
