// Test access to the sandbox containerd started by scripts/sandbox.sh: run ctr against it, make sure it
// is up (once per process), and create/remove throwaway containers from the demo image.
// Also home of repoRoot() and sleep() for all test code: this module imports no other test module.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Socket of the daemon that `scripts/sandbox.sh up` starts. */
export const DEFAULT_SANDBOX_ADDRESS = '/run/ctop-ts-sandbox/containerd.sock';

/** The daemon tests talk to; `CTOP_TEST_ADDRESS` points tests at another one. */
export const SANDBOX_ADDRESS: string = process.env['CTOP_TEST_ADDRESS'] || DEFAULT_SANDBOX_ADDRESS;

/** True when the tests use the sandbox of scripts/sandbox.sh (so the seeded workloads exist). */
export const USING_SANDBOX = SANDBOX_ADDRESS === DEFAULT_SANDBOX_ADDRESS;

/** The busybox-static image that sandbox.sh builds and imports into every seeded namespace. */
export const DEMO_IMAGE = 'docker.io/library/ctop-demo:latest';

/** Its OCI archive, built by `sandbox.sh up`; imported on demand into other namespaces. */
export const DEMO_IMAGE_TAR = '/var/lib/ctop-ts-sandbox/image/ctop-demo.tar';

/** runc state dir and cgroup parent used by sandbox containers (kept apart from a system containerd). */
export const SANDBOX_RUNC_ROOT = '/run/ctop-ts-sandbox/runc';
export const SANDBOX_CGROUP_PARENT = 'ctop-ts-sandbox';

export type TaskStatus = 'CREATED' | 'RUNNING' | 'STOPPED' | 'PAUSED' | 'PAUSING' | 'UNKNOWN';

export interface SeededWorkload {
  namespace: string;
  id: string;
  /** Task status after `up`; null = container without a task. */
  status: TaskStatus | null;
  labels: Readonly<Record<string, string>>;
}

const POD_LABELS = {
  'io.kubernetes.pod.name': 'web-7d9f8',
  'io.kubernetes.pod.namespace': 'shop',
  'io.kubernetes.pod.uid': '3f1c9a52-8e0b-4d7a-9b61-2c5e4f7a1d90',
} as const;

/** What `sandbox.sh up` seeds (keep in sync with seed() there). */
export const SEEDED_WORKLOADS: readonly SeededWorkload[] = [
  { namespace: 'default', id: 'idle', status: 'RUNNING', labels: {} },
  { namespace: 'default', id: 'cpu-quarter', status: 'RUNNING', labels: {} }, // busy loop, --cpus 0.25
  { namespace: 'default', id: 'mem-hog', status: 'RUNNING', labels: {} }, // holds 64 MiB, limit 256 MiB
  { namespace: 'default', id: 'exited', status: 'STOPPED', labels: {} }, // exit status 3
  { namespace: 'default', id: 'created', status: null, labels: {} },
  {
    namespace: 'k8s.io',
    id: 'pause-web',
    status: 'RUNNING',
    labels: { ...POD_LABELS, 'io.cri-containerd.kind': 'sandbox' },
  },
  {
    namespace: 'k8s.io',
    id: 'web-app',
    status: 'RUNNING',
    labels: { ...POD_LABELS, 'io.cri-containerd.kind': 'container', 'io.kubernetes.container.name': 'nginx' },
  },
  { namespace: 'build', id: 'builder-1', status: 'RUNNING', labels: { 'nerdctl/name': 'builder' } },
  { namespace: 'build', id: 'demo-app', status: 'RUNNING', labels: { app: 'demo' } },
];

/** A failed command: `message` is its stderr (or the spawn error). */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly command: string[],
    readonly stderr: string,
    readonly exitCode: number | string | null,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

function run(file: string, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: opts.cwd, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 << 20, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const code = (err as { code?: number | string | null }).code ?? null;
        const text = stderr.trim() || stdout.trim() || err.message;
        reject(new CommandError(text, [file, ...args], stderr, code));
      },
    );
  });
}

/** `ctr --address SANDBOX_ADDRESS -n NS ...args`; resolves to stdout, rejects with stderr. */
export function ctr(args: string[], opts: { namespace?: string } = {}): Promise<string> {
  return run('ctr', ['--address', SANDBOX_ADDRESS, '-n', opts.namespace ?? 'default', ...args]);
}

/** The checkout holding scripts/sandbox.sh: above this module (dist/test/helpers), else above the cwd. */
export function repoRoot(): string {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'scripts', 'sandbox.sh'))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`scripts/sandbox.sh not found above ${fileURLToPath(import.meta.url)} or ${process.cwd()}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` over `items` with at most `limit` calls in flight. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

let sandboxReady: Promise<void> | undefined;

/**
 * Makes sure the sandbox runs and is seeded (`bash scripts/sandbox.sh up`, idempotent, ~0.3 s when warm).
 * Runs once per process. With CTOP_TEST_ADDRESS set to another daemon it only checks that it answers.
 */
export function ensureSandbox(): Promise<void> {
  sandboxReady ??= (async () => {
    if (USING_SANDBOX) {
      await run('bash', [join(repoRoot(), 'scripts', 'sandbox.sh'), 'up'], { cwd: repoRoot(), timeoutMs: 300_000 });
    } else {
      await ctr(['version']);
    }
  })();
  return sandboxReady;
}

let counter = 0;
const runTag = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;

/** A container id unique per test run: `<prefix>-<pid+time>-<n>`, valid for containerd (≤ 76 chars). */
export function uniqueId(prefix: string): string {
  const clean =
    prefix
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[._-]+|[._-]+$/g, '')
      .replace(/[._-]{2,}/g, '-')
      .slice(0, 40) || 't';
  counter += 1;
  return `${clean}-${runTag}-${counter}`;
}

const imageReady = new Map<string, Promise<void>>();

/** Imports DEMO_IMAGE into `namespace` if it is not there yet (the seeded namespaces already have it). */
export function ensureImage(namespace: string): Promise<void> {
  let p = imageReady.get(namespace);
  if (!p) {
    p = (async () => {
      const names = await ctr(['images', 'ls', '-q'], { namespace });
      if (names.split('\n').includes(DEMO_IMAGE)) return;
      await ctr(['images', 'import', '--base-name', 'docker.io/library/ctop-demo', DEMO_IMAGE_TAR], { namespace });
    })();
    p.catch(() => imageReady.delete(namespace));
    imageReady.set(namespace, p);
  }
  return p;
}

export interface TaskInfo {
  id: string;
  pid: number;
  status: TaskStatus;
}

/** `ctr tasks ls`, parsed. */
export async function listTasks(namespace: string): Promise<Map<string, TaskInfo>> {
  const out = await ctr(['tasks', 'ls'], { namespace });
  const tasks = new Map<string, TaskInfo>();
  for (const line of out.split('\n').slice(1)) {
    const [id, pid, status] = line.trim().split(/\s+/);
    if (id && pid && status) tasks.set(id, { id, pid: Number(pid), status: status as TaskStatus });
  }
  return tasks;
}

/** Container ids in a namespace (`ctr containers ls -q`). */
export async function listContainers(namespace: string): Promise<string[]> {
  const out = await ctr(['containers', 'ls', '-q'], { namespace });
  return out.split('\n').map((s) => s.trim()).filter(Boolean);
}

/** The task status of a container, or null when it has no task (or no container). */
export async function taskStatus(namespace: string, id: string): Promise<TaskStatus | null> {
  return (await listTasks(namespace)).get(id)?.status ?? null;
}

/** `ctr containers info`, parsed (Labels, Image, Runtime, Spec with the OCI spec as an object, ...). */
export async function containerInfo(namespace: string, id: string): Promise<ContainerInfo> {
  return JSON.parse(await ctr(['containers', 'info', id], { namespace })) as ContainerInfo;
}

export interface ContainerInfo {
  ID: string;
  Labels?: Record<string, string>;
  Image: string;
  Runtime: { Name: string; Options?: unknown };
  Spec: {
    process?: { args?: string[] };
    annotations?: Record<string, string>;
    linux?: {
      cgroupsPath?: string;
      resources?: {
        cpu?: { quota?: number; period?: number; shares?: number };
        memory?: { limit?: number };
      };
    };
  };
  [key: string]: unknown;
}

function hasFlag(flags: string[], ...names: string[]): boolean {
  return flags.some((f) => names.some((n) => f === n || f.startsWith(n + '=')));
}

/**
 * Starts a detached container from DEMO_IMAGE: `ctr run -d [--null-io] [extra...] IMAGE id args...`.
 * Like the seeded ones it gets the sandbox's runc root and cgroup parent unless `extra` sets its own;
 * stdio goes to /dev/null unless `extra` has --log-uri or a tty. Without `args` it runs the image's `sh`.
 */
export async function runContainer(
  namespace: string,
  id: string,
  args: string[] = [],
  extra: string[] = [],
): Promise<void> {
  await ensureImage(namespace);
  const flags = ['-d'];
  if (!hasFlag(extra, '--null-io', '--log-uri', '-t', '--tty')) flags.push('--null-io');
  if (!hasFlag(extra, '--runc-root')) flags.push('--runc-root', SANDBOX_RUNC_ROOT);
  if (!hasFlag(extra, '--cgroup')) flags.push('--cgroup', `/${SANDBOX_CGROUP_PARENT}/${namespace}/${id}`);
  await ctr(['run', ...flags, ...extra, DEMO_IMAGE, id, ...args], { namespace });
}

const isNotFound = (e: unknown): boolean => e instanceof Error && /not found/i.test(e.message);

/**
 * Kills (SIGKILL) and deletes the task, then deletes the container and its snapshot.
 * Whatever is already gone is skipped.
 */
export async function removeContainer(namespace: string, id: string): Promise<void> {
  let status = await taskStatus(namespace, id);
  if (status === 'PAUSED' || status === 'PAUSING') {
    await ctr(['tasks', 'resume', id], { namespace }).catch(() => undefined);
  }
  if (status !== null && status !== 'STOPPED') {
    await ctr(['tasks', 'kill', '-a', '-s', 'SIGKILL', id], { namespace }).catch((e: unknown) => {
      // A task that exited meanwhile answers "process already finished: not found".
      if (!isNotFound(e)) throw e;
    });
    const deadline = Date.now() + 15_000;
    while ((status = await taskStatus(namespace, id)) !== null && status !== 'STOPPED') {
      if (Date.now() > deadline) throw new Error(`${namespace}/${id}: task still ${status} 15 s after SIGKILL`);
      await sleep(50);
    }
  }
  if (status !== null) {
    await ctr(['tasks', 'delete', id], { namespace }).catch((e: unknown) => {
      if (!isNotFound(e)) throw e;
    });
  }
  await ctr(['containers', 'delete', id], { namespace }).catch((e: unknown) => {
    if (!isNotFound(e)) throw e;
  });
}
