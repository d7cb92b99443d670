// The supervisor of the sync engine with a fake client that fails the way a dying containerd does: the
// first list fails and, a moment later, the event stream breaks too. Nothing may escape as an unhandled
// rejection (the monitor's terminal guard would take that for a crash and end the program).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerdClient } from '../../src/client/api.js';
import { ClientError } from '../../src/client/errors.js';
import type { ContainerdEvent } from '../../src/client/types.js';
import { createAppStore } from '../../src/store/store.js';
import { SyncEngine } from '../../src/sync/engine.js';
import { until } from '../helpers/actions.js';
import { sleep } from '../helpers/sandbox.js';

const gone = () => new ClientError('unavailable', 'containerd at /fake.sock is not answering (daemon stopped or restarting)');

/** A client whose daemon dies while the first full list is running. */
function dyingClient(closed: { count: number }): ContainerdClient {
  const client: Partial<ContainerdClient> = {
    address: '/fake.sock',
    version: async () => ({ version: 'fake', revision: '0' }),
    namespaces: async () => {
      await sleep(10);
      throw gone();
    },
    async *subscribe(): AsyncIterable<ContainerdEvent> {
      await sleep(40); // the stream notices a little later, while the supervisor waits to retry
      throw gone();
    },
    close: () => void closed.count++,
  };
  return client as ContainerdClient;
}

describe('sync engine supervisor', () => {
  it('handles an event stream that breaks after the first list already failed (no unhandled rejection)', async () => {
    const escaped: unknown[] = [];
    const onRejection = (reason: unknown) => escaped.push(reason);
    process.on('unhandledRejection', onRejection);
    const closed = { count: 0 };
    let attempts = 0;
    const store = createAppStore('/fake.sock', ['default']);
    const engine = new SyncEngine({
      store,
      refreshMs: 1000,
      connect: async () => {
        attempts++;
        if (attempts > 1) throw gone();
        return dyingClient(closed);
      },
    });
    try {
      engine.start();
      await until(store, 'disconnected', (s) => s.connection.status === 'disconnected', 5000, 5);
      assert.match(store.getState().connection.error ?? '', /not answering/);
      await sleep(200); // the stream breaks during the backoff
      assert.deepEqual(escaped, []);
      assert.equal(closed.count, 1, 'the dead session’s client is closed');
      await until(store, 'a second attempt', () => attempts >= 2, 5000, 5);
    } finally {
      await engine.stop();
      await sleep(50);
      process.off('unhandledRejection', onRejection);
    }
    assert.deepEqual(escaped, []);
  });
});
