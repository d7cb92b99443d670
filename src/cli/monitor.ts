// The interactive monitor: store + sync engine + actions + Ink UI, with the terminal guarded.
import type { ContainerdClient } from '../client/api.js';
import { connect, open, verify, type ContainerCache } from '../client/containerd.js';
import { ClientError } from '../client/errors.js';
import { createActions } from '../actions/index.js';
import { createAppStore, type AppState, type AppStore } from '../store/store.js';
import { SyncEngine } from '../sync/engine.js';
import { guardTerminal } from '../terminal/guard.js';
import type { UiLoaders } from '../ui/actions.js';
import { bodyRows } from '../ui/screen.js';
import { resolveTheme } from '../ui/theme/load.js';
import type { Theme } from '../ui/theme/theme.js';
import type { Io } from './app.js';
import { UsageError, type Options } from './options.js';
import { tuneV8ForIdle } from './v8-idle.js';

const FIRST_LIST_WAIT_MS = 300;
/** the UI loads once connected, or after this long (a slow socket still gets its "connecting" screen) */
const CONNECT_WAIT_MS = 100;

/**
 * Resolves once there is something to draw: the namespace on screen listed, or its first containers (see
 * readNamespace in the sync engine), or a failed connection; else after `ms`.
 */
function drawableOrAfter(store: AppStore, ms: number): Promise<void> {
  const initial = store.getState().containers;
  const ready = (s: AppState) => s.connection.syncedAt !== null || s.connection.status === 'disconnected' || s.containers !== initial;
  if (ready(store.getState())) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const unsubscribe = store.subscribe((s) => {
      if (ready(s)) done();
    });
  });
}

export async function runMonitor(options: Options, io: Io): Promise<void> {
  // an unknown theme is a mistake on the command line: said before connecting or taking over the screen
  let theme: Theme;
  try {
    theme = resolveTheme({ option: options.theme, env: io.env });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // Connect before taking over the screen, so a wrong socket is one plain line on a normal terminal.
  const containerCache: ContainerCache = new Map();
  const opened = await open(options.address, { containerCache });
  let firstClient: ContainerdClient | null = opened;
  const store = createAppStore(firstClient.address, options.namespace === null ? [] : [options.namespace], {
    namespace: options.namespace,
    readonly: options.readonly,
    refreshMs: options.refresh * 1000,
  });
  const engine = new SyncEngine({
    store,
    refreshMs: options.refresh * 1000,
    // the table's body (its column header included): a row more than it shows
    firstScreenRows: io.stdout.rows ? Math.max(1, bodyRows(io.stdout.rows)) : undefined,
    connect: async () => {
      const client = firstClient ?? (await connect(options.address, { containerCache }));
      firstClient = null;
      return client;
    },
  });
  const connected = (): ContainerdClient => {
    const client = engine.currentClient;
    if (!client) throw new ClientError('unavailable', 'not connected to containerd (reconnecting)');
    return client;
  };
  const loaders: UiLoaders = {
    loadImageDetail: (namespace, name) => connected().imageDetail(namespace, name),
    listPids: (namespace, id) => connected().listPids(namespace, id),
  };
  const actions = createActions({ client: () => engine.currentClient, store, readonly: options.readonly, shell: options.shell });
  // The first lists are asked together with the version, which proves the socket is containerd: one round
  // trip less before the first frame. Nothing is drawn before that proof.
  engine.start();
  // Loading Ink and React keeps the event loop busy for ~100 ms: load them once the channel is connected,
  // so that the first requests are on their way and containerd answers meanwhile. (Loaded a turn of the
  // event loop after start, the load held up the connection's handshake: at 5,000 containers the requests
  // left 40-90 ms later.)
  const uiModule = opened.connected(CONNECT_WAIT_MS).then(() => {
    tuneV8ForIdle();
    return import('../ui/run.js');
  });
  uiModule.catch(() => undefined); // a failed load is reported where it is awaited
  try {
    await verify(opened);
  } catch (error) {
    await engine.stop();
    throw error;
  }
  const guard = guardTerminal(process.stdin, io.stdout, io.stderr, () => engine.stop());
  try {
    const { runUi } = await uiModule;
    // Ink's first frame blocks the event loop for tens of milliseconds; drawing the empty screen while the
    // first lists are on their way only delays them. Wait for them a little (a slow daemon still gets the
    // screen, with its "connecting" state, at once after that).
    await drawableOrAfter(store, FIRST_LIST_WAIT_MS);
    await runUi({
      store,
      actions,
      loaders,
      theme,
      stdout: io.stdout,
      stderr: io.stderr,
      onMounted: (unmount) => guard.setTeardown(unmount),
    });
  } finally {
    guard.setTeardown(null);
    await engine.stop();
    guard.restore();
    guard.dispose();
  }
}
