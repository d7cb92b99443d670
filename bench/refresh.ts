// Refresh cycle: how long the sync engine takes to list one namespace and poll its metrics until the store
// holds the result, against the bare RPCs for the same data (no conversion, no store).
import type { ContainerdClient } from '../src/client/api.js';
import type { GrpcContainerdClient } from '../src/client/containerd.js';
import { Rpc } from '../src/client/rpc.js';
import { ContainersService } from '../src/gen/services/containers/v1/containers.js';
import { ImagesService } from '../src/gen/services/images/v1/images.js';
import { TasksService } from '../src/gen/services/tasks/v1/tasks.js';
import { keyOf } from '../src/store/state.js';
import { createAppStore, type AppState } from '../src/store/store.js';
import { SyncEngine } from '../src/sync/engine.js';
import { median } from './util.js';

/** Rows the table shows at the bench's 120x40 (its other lines: header, counts, title, column titles, footer). */
const SCREEN_ROWS = 35;

export interface RefreshResult {
  /** engine start → store holds the namespace's lists and one metrics sample (median, ms) */
  engineMs: number;
  /** Containers.List + Tasks.List + Images.List in parallel, then Tasks.Metrics of the running tasks on screen (median, ms) */
  rawMs: number;
  ratio: number;
  /** the same calls through ContainerdClient (decoded into domain types), to locate the overhead */
  clientMs: number;
}

/**
 * The client as the engine gets it, surviving the engine's close() between repetitions; with `only`, it
 * sees that one namespace (the engine lists every namespace it finds: other bench namespaces would be
 * timed too).
 */
function view(client: GrpcContainerdClient, only?: string): ContainerdClient {
  const namespaces = async () => (await client.namespaces()).filter((n) => only === undefined || n.name === only);
  return Object.assign(Object.create(client) as GrpcContainerdClient, { namespaces, close: () => undefined });
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * The rows a table at 120x40 shows first (sorted by name), as the table publishes them for the metrics
 * poll, and the ids among them with a running task: what that poll asks for.
 */
async function firstScreen(client: ContainerdClient, namespace: string): Promise<{ onScreen: string[]; running: string[] }> {
  const [containers, tasks] = await Promise.all([client.containers(namespace), client.tasks(namespace)]);
  const ids = containers.map((c) => c.id).sort().slice(0, SCREEN_ROWS);
  const running = new Set(tasks.filter((t) => t.status === 'running').map((t) => t.containerId));
  return { onScreen: ids.map((id) => keyOf(namespace, id)), running: ids.filter((id) => running.has(id)) };
}

/** One engine lifetime on a shared store (so image sizes are known after the first, as in steady state). */
async function engineCycle(client: ContainerdClient, store: ReturnType<typeof createAppStore>): Promise<number> {
  const before = store.getState();
  const done = (s: AppState) => s.connection.syncedAt !== before.connection.syncedAt && s.metricsTick !== before.metricsTick;
  const engine = new SyncEngine({ store, connect: async () => client, refreshMs: 60_000, resyncMs: 600_000 });
  const start = performance.now();
  const elapsed = new Promise<number>((resolve) => {
    const unsubscribe = store.subscribe((s) => {
      if (!done(s)) return;
      unsubscribe();
      resolve(performance.now() - start);
    });
  });
  engine.start();
  const ms = await elapsed;
  await engine.stop();
  return ms;
}

export async function measureRefresh(client: GrpcContainerdClient, namespace: string, repeats: number): Promise<RefreshResult> {
  const rpc = new Rpc(client.address, 30_000);
  const scoped = view(client, namespace);
  const { onScreen, running } = await firstScreen(client, namespace);
  const store = createAppStore(client.address, [namespace], { namespace });
  store.setState({ onScreen });
  const raw = () =>
    time(async () => {
      await Promise.all([
        rpc.unary(ContainersService.list, { filters: [] }, namespace),
        rpc.unary(TasksService.list, { filter: '' }, namespace),
        rpc.unary(ImagesService.list, { filters: [] }, namespace),
      ]);
      await rpc.unary(TasksService.metrics, { filters: running.map((id) => `id=="${id}"`) }, namespace);
    });
  const viaClient = () =>
    time(async () => {
      await Promise.all([client.containers(namespace), client.tasks(namespace), client.images(namespace)]);
      await client.metrics(namespace, running);
    });
  const samples = { engine: [] as number[], raw: [] as number[], client: [] as number[] };
  try {
    // one warm-up of each (channel, JIT, image sizes), then interleaved so drift hits all three alike
    await raw();
    await viaClient();
    await engineCycle(scoped, store);
    for (let i = 0; i < repeats; i++) {
      samples.raw.push(await raw());
      samples.client.push(await viaClient());
      samples.engine.push(await engineCycle(scoped, store));
    }
  } finally {
    rpc.close();
  }
  const engineMs = median(samples.engine);
  const rawMs = median(samples.raw);
  return { engineMs, rawMs, ratio: engineMs / rawMs, clientMs: median(samples.client) };
}

/**
 * What the monitor waits for before its first full frame: the engine's first sync lists `namespace`, the one
 * on screen (the others are listed when first needed), then polls its metrics. Median of cold starts (fresh
 * store, so image sizes are read too).
 */
export async function measureFirstSync(
  client: GrpcContainerdClient,
  namespace: string,
  repeats: number,
): Promise<{ ms: number; containers: number }> {
  const samples: number[] = [];
  let containers = 0;
  const { onScreen } = await firstScreen(client, namespace);
  for (let i = 0; i < repeats; i++) {
    const store = createAppStore(client.address, [namespace], { namespace });
    store.setState({ onScreen });
    samples.push(await engineCycle(view(client), store));
    containers = Object.keys(store.getState().containers).length;
  }
  return { ms: median(samples), containers };
}
