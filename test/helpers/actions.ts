// Shared by the action tests: a real client and store wired into ActionDeps, and polling helpers (until()
// serves the sync tests too).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionDeps } from '../../src/actions/deps.js';
import { connect, type GrpcContainerdClient } from '../../src/client/containerd.js';
import { createAppStore, type AppState, type AppStore } from '../../src/store/store.js';
import { SANDBOX_ADDRESS, sleep } from './sandbox.js';

/** Containers of the action tests live in their own namespace, away from the seeded workloads. */
export const ACTIONS_NS = 'ctop-actions-test';

export interface ActionEnv {
  client: GrpcContainerdClient;
  store: AppStore;
  deps: ActionDeps;
  /** private dir for state (logs) and FIFOs; removed by close() */
  dir: string;
  close(): void;
}

export async function actionEnv(overrides: Partial<ActionDeps> = {}, readonly = false): Promise<ActionEnv> {
  const client = await connect(SANDBOX_ADDRESS);
  const store = createAppStore(SANDBOX_ADDRESS, [ACTIONS_NS], { readonly });
  const dir = mkdtempSync(join(tmpdir(), 'ctop-actions-test-'));
  const deps: ActionDeps = {
    client,
    store,
    stateDir: join(dir, 'state'),
    fifoRoot: dir,
    stopTimeoutMs: 10_000,
    exitNoticeMs: 5_000,
    ...overrides,
  };
  return {
    client,
    store,
    deps,
    dir,
    close() {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(50);
  }
}

/** Polls the store every `pollMs` until `predicate` holds; throws naming `what` after `timeoutMs`. */
export async function until(
  store: AppStore,
  what: string,
  predicate: (s: AppState) => boolean,
  timeoutMs = 5000,
  pollMs = 20,
): Promise<void> {
  const start = Date.now();
  while (!predicate(store.getState())) {
    if (Date.now() - start > timeoutMs) throw new Error(`not reached within ${timeoutMs} ms: ${what}`);
    await sleep(pollMs);
  }
}

/** The store's message once it matches `pattern`. */
export function waitMessage(store: AppStore, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  return waitFor(`message ${pattern}`, () => {
    const text = store.getState().message?.text ?? '';
    return pattern.test(text) ? text : '';
  }, timeoutMs).catch((error: Error) => {
    throw new Error(`${error.message}; last message: ${JSON.stringify(store.getState().message?.text ?? null)}`);
  });
}
