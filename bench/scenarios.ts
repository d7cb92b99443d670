// Bench scenarios: namespaces `bench-<n>` on the sandbox daemon holding n containers from the demo image.
// Some run (app-*, sorted before the idle-* ones, so on screen). The first ten of them run a shell that
// sleeps a second at a time: their CPU and memory figures move a little on every tick, a steady namespace
// that still redraws. The other running ones sleep: a task to poll, no work. (Each loop costs ~7 ms of CPU
// a second here, a fork and exec of sleep; with every running container looping, 120 of them kept this
// 2-core machine ~60 % busy and its load average at 15-45, which slowed the monitor being measured.)
// The idle ones are clones of one `ctr containers create` (same spec, each with its own snapshot) made
// straight over gRPC, ~10x faster than one ctr process per container. A namespace that already has the
// right containers and running tasks is reused as it is.
import { parseSpec } from '../src/client/describe-container.js';
import { Rpc } from '../src/client/rpc.js';
import { ContainersService, type Container } from '../src/gen/services/containers/v1/containers.js';
import { SnapshotsService } from '../src/gen/services/snapshots/v1/snapshots.js';
import { TasksService } from '../src/gen/services/tasks/v1/tasks.js';
import { Status } from '../src/gen/types/task/task.js';
import { ctr, DEMO_IMAGE, ensureImage, pool, runContainer, sleep } from '../test/helpers/sandbox.js';
import { log } from './util.js';

export interface Scenario {
  namespace: string;
  containers: number;
  /** how many of them have a running task */
  running: number;
}

export const SCENARIOS: Scenario[] = [50, 500, 5000].map((n) => ({
  namespace: `bench-${n}`,
  containers: n,
  running: Math.max(10, Math.round(n * 0.02)),
}));

const LIVE = ['sh', '-c', 'while :; do sleep 1; done'];
const ASLEEP = ['sleep', '2147483647'];
/** running containers per scenario that run LIVE (the first ones, on screen); the rest run ASLEEP */
const LIVE_PER_SCENARIO = 10;

/** What a running container of the scenario runs: LIVE for the first ones, else ASLEEP. */
function commandOf(runningIndex: number): string[] {
  return runningIndex < LIVE_PER_SCENARIO ? LIVE : ASLEEP;
}

/** The process args of a container's OCI spec. */
function argsOf(c: Container): string[] {
  return parseSpec(c.spec?.value)?.process?.args ?? [];
}

function ids(s: Scenario): { running: string[]; idle: string[] } {
  const name = (prefix: string, i: number) => `${prefix}-${String(i).padStart(5, '0')}`;
  return {
    running: Array.from({ length: s.running }, (_, i) => name('app', i)),
    idle: Array.from({ length: s.containers - s.running }, (_, i) => name('idle', i)),
  };
}

/** Makes the scenario's namespace hold exactly its containers, with its live ones running. */
export async function ensureScenario(rpc: Rpc, s: Scenario): Promise<'reused' | 'built'> {
  const want = ids(s);
  const { containers } = await rpc.unary(ContainersService.list, { filters: [] }, s.namespace);
  const { tasks } = await rpc.unary(TasksService.list, { filter: '' }, s.namespace);
  const have = new Set(containers.map((c) => c.id));
  const runningTasks = new Set(tasks.filter((t) => t.status === Status.RUNNING).map((t) => t.id));
  const byId = new Map(containers.map((c) => [c.id, c]));
  const missingIdle = want.idle.filter((id) => !have.has(id));
  const runsRightCommand = (id: string, i: number) => argsOf(byId.get(id)!).join(' ') === commandOf(i).join(' ');
  const notRunning = want.running.filter((id, i) => !runningTasks.has(id) || !runsRightCommand(id, i));
  const wanted = new Set([...want.running, ...want.idle]);
  const extra = containers.filter((c) => !wanted.has(c.id));
  if (!missingIdle.length && !notRunning.length && !extra.length) return 'reused';

  const started = Date.now();
  await ensureImage(s.namespace);
  const withTask = new Set(tasks.map((t) => t.id));
  await removeContainers(rpc, s.namespace, extra, withTask);
  await pool(notRunning, 8, async (id) => {
    await removeContainers(rpc, s.namespace, containers.filter((c) => c.id === id), withTask);
    await runContainer(s.namespace, id, commandOf(want.running.indexOf(id)));
  });
  if (missingIdle.length) {
    const template = containers.find((c) => c.id.startsWith('idle-')) ?? (await createTemplate(rpc, s.namespace, missingIdle.shift()!));
    await clone(rpc, s.namespace, template, missingIdle);
  }
  log(`${s.namespace}: ${s.containers} containers (${s.running} running) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

async function createTemplate(rpc: Rpc, namespace: string, id: string): Promise<Container> {
  await ctr(['containers', 'create', DEMO_IMAGE, id, 'sleep', '2147483647'], { namespace });
  const { container } = await rpc.unary(ContainersService.get, { id }, namespace);
  return container!;
}

/** Prepares a snapshot on the template's parent and creates a container with the template's spec, per id. */
async function clone(rpc: Rpc, namespace: string, template: Container, newIds: string[]): Promise<void> {
  const { info } = await rpc.unary(SnapshotsService.stat, { snapshotter: template.snapshotter, key: template.snapshotKey }, namespace);
  const parent = info?.parent ?? '';
  await pool(newIds, 32, async (id) => {
    await rpc.unary(SnapshotsService.prepare, { snapshotter: template.snapshotter, key: id, parent, labels: {} }, namespace);
    const container: Container = { ...template, id, snapshotKey: id, createdAt: undefined, updatedAt: undefined };
    await rpc.unary(ContainersService.create, { container }, namespace);
  });
}

/** Deletes tasks (SIGKILL, with ctr), then containers and their snapshots. */
async function removeContainers(rpc: Rpc, namespace: string, victims: Container[], withTask: Set<string>): Promise<void> {
  const tasks = victims.filter((c) => withTask.has(c.id));
  await pool(tasks, 8, (c) => ctr(['tasks', 'delete', '-f', c.id], { namespace }).catch(() => undefined));
  await pool(victims, 32, async (c) => {
    await rpc.unary(ContainersService.delete, { id: c.id }, namespace);
    // already gone is fine; anything left makes the namespace removal below fail loudly
    await rpc.unary(SnapshotsService.remove, { snapshotter: c.snapshotter, key: c.snapshotKey }, namespace).catch(() => undefined);
  });
}

/** Removes every `bench-*` namespace: tasks, containers, snapshots, images, then the namespace itself. */
export async function cleanScenarios(rpc: Rpc): Promise<void> {
  const namespaces = (await ctr(['namespaces', 'ls', '-q'])).split('\n').filter((n) => n.startsWith('bench-'));
  for (const namespace of namespaces) {
    const { containers } = await rpc.unary(ContainersService.list, { filters: [] }, namespace);
    const { tasks } = await rpc.unary(TasksService.list, { filter: '' }, namespace);
    await removeContainers(rpc, namespace, containers, new Set(tasks.map((t) => t.id)));
    const images = (await ctr(['images', 'ls', '-q'], { namespace })).split('\n').filter(Boolean);
    // --sync: wait for the garbage collection that removes the content and snapshots
    if (images.length) await ctr(['images', 'rm', '--sync', ...images], { namespace });
    // and still allow for a collection that lags behind (seen: over 10 s with the machine loaded)
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await ctr(['namespaces', 'rm', namespace]);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(500);
      }
    }
    log(`removed ${namespace} (${containers.length} containers)`);
  }
}
