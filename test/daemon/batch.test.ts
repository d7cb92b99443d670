// Batch mode, spawned like a user would run it: --json compared with ctr for every namespace,
// container, task and image; the --batch table; a piped stdout implying batch; --help and --version.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { SnapshotDoc } from '../../src/cli/snapshot.js';
import { ensureSandbox, listTasks, repoRoot, SANDBOX_ADDRESS } from '../helpers/sandbox.js';
import {
  checkAgainstCtr,
  cleanEnv,
  CLI,
  ctrContainerList,
  ctrImages,
  ctrNamespaces,
  ctrServerVersion,
  runCli,
  sizeTolerance,
} from './support.js';

const MiB = 1024 * 1024;

before(() => ensureSandbox());

/** Everything ctr reports that --json also does, keyed "<namespace>/<id>". */
interface CtrState {
  namespaces: Map<string, true>;
  containers: Map<string, { image: string; runtime: string }>;
  tasks: Map<string, { pid: number; status: string }>;
  images: Map<string, { digest: string; mediaType: string; size: number }>;
}

async function ctrState(only?: string): Promise<CtrState> {
  const names = only ? [only] : await ctrNamespaces();
  const state: CtrState = { namespaces: new Map(names.map((n) => [n, true])), containers: new Map(), tasks: new Map(), images: new Map() };
  for (const ns of names) {
    for (const [id, c] of await ctrContainerList(ns)) state.containers.set(`${ns}/${id}`, c);
    for (const [id, t] of await listTasks(ns)) state.tasks.set(`${ns}/${id}`, { pid: t.pid, status: t.status });
    for (const i of await ctrImages(ns)) state.images.set(`${ns}/${i.name}`, { digest: i.digest, mediaType: i.mediaType, size: i.size });
  }
  return state;
}

function docState(doc: SnapshotDoc): CtrState {
  const state: CtrState = { namespaces: new Map(), containers: new Map(), tasks: new Map(), images: new Map() };
  for (const ns of doc.namespaces) {
    state.namespaces.set(ns.name, true);
    for (const c of ns.containers) {
      state.containers.set(`${ns.name}/${c.id}`, { image: c.image, runtime: c.runtime });
      if (c.task) state.tasks.set(`${ns.name}/${c.id}`, { pid: c.task.pid, status: c.task.status.toUpperCase() });
    }
    for (const i of ns.images) state.images.set(`${ns.name}/${i.name}`, { digest: i.digest, mediaType: i.mediaType, size: i.size ?? -1 });
  }
  return state;
}

/** Runs the CLI between two ctr reads and checks every list; retried when other people's containers came and went. */
async function jsonMatchingCtr(): Promise<SnapshotDoc> {
  let unseen: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await ctrState();
    const result = await runCli(['--json', '-A', '--interval', '0.5', '-a', SANDBOX_ADDRESS], { env: cleanEnv() });
    const after = await ctrState();
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const doc = JSON.parse(result.stdout) as SnapshotDoc;
    const ours = docState(doc);
    const checks = [
      checkAgainstCtr('namespaces', before.namespaces, ours.namespaces, after.namespaces),
      checkAgainstCtr('containers', before.containers, ours.containers, after.containers),
      checkAgainstCtr('tasks', before.tasks, ours.tasks, after.tasks),
      checkAgainstCtr(
        'images',
        before.images,
        ours.images,
        after.images,
        (a, b) => a.digest === b.digest && a.mediaType === b.mediaType && Math.abs(a.size - b.size) <= sizeTolerance(b.size),
      ),
    ];
    unseen = checks.flatMap((c) => c.unseen);
    if (unseen.length > 0) continue;
    const [namespaces, containers, tasks, images] = checks.map((c) => c.compared);
    assert.ok(namespaces! >= 3 && containers! >= 9 && tasks! >= 8 && images! >= 3, `compared too little: ${checks.map((c) => c.compared)}`);
    return doc;
  }
  assert.fail(`--json listed what ctr never listed: ${unseen.join(', ')}`);
}

describe('--json', () => {
  let doc: SnapshotDoc;
  let reading: Promise<SnapshotDoc> | undefined;
  const container = (ns: string, id: string) => {
    assert.ok(doc, 'no --json document (see the first test)');
    const c = doc.namespaces.find((n) => n.name === ns)?.containers.find((x) => x.id === id);
    assert.ok(c, `${ns}/${id} missing from --json`);
    return c;
  };

  // one CLI run (compared with ctr in the first test) serves every test of the suite
  before(async () => {
    reading = jsonMatchingCtr();
    doc = await reading.catch(() => undefined as unknown as SnapshotDoc);
  });

  test('matches ctr for every namespace, container, task and image', async () => {
    await reading;
    assert.equal(doc.address, SANDBOX_ADDRESS);
    const names = doc.namespaces.map((n) => n.name);
    assert.deepEqual(names, [...names].sort(), 'namespaces sorted');
  });

  test('server version matches ctr version', async () => {
    assert.ok(doc, 'no --json document (see the first test)');
    assert.deepEqual(doc.server, await ctrServerVersion());
  });

  test('the exited task has exitStatus 3 and an exitedAt; running tasks have neither', () => {
    const exited = container('default', 'exited').task;
    assert.ok(exited, 'exited has no task');
    assert.equal(exited.status, 'stopped');
    assert.equal(exited.exitStatus, 3);
    assert.ok(exited.exitedAt && !Number.isNaN(Date.parse(exited.exitedAt)), `exitedAt ${exited.exitedAt}`);
    assert.ok(Date.parse(exited.exitedAt) > Date.parse('2000-01-01'), 'exitedAt is a zero time');
    const idle = container('default', 'idle').task;
    assert.equal(idle?.status, 'running');
    assert.equal(idle?.exitStatus, null);
    assert.equal(idle?.exitedAt, null);
  });

  test('the created container has task null', () => {
    assert.equal(container('default', 'created').task, null);
  });

  test('pod object and friendly names', () => {
    const web = container('k8s.io', 'web-app');
    assert.deepEqual(web.pod, { name: 'web-7d9f8', namespace: 'shop', container: 'nginx' });
    assert.equal(web.name, 'nginx');
    assert.equal(web.labels['io.kubernetes.pod.uid'], '3f1c9a52-8e0b-4d7a-9b61-2c5e4f7a1d90');
    assert.deepEqual(container('k8s.io', 'pause-web').pod, { name: 'web-7d9f8', namespace: 'shop', container: '' });
    assert.equal(container('build', 'builder-1').name, 'builder');
    assert.equal(container('build', 'builder-1').pod, null);
  });

  test('running tasks carry figures; limits of the seeded workloads', () => {
    assert.ok(doc, 'no --json document (see the first test)');
    for (const ns of doc.namespaces) {
      for (const c of ns.containers) {
        if (c.task?.status !== 'running') continue;
        assert.equal(typeof c.task.cpuPercent, 'number', `${ns.name}/${c.id} cpuPercent`);
        assert.ok(c.task.memoryBytes !== null && c.task.memoryBytes > 0, `${ns.name}/${c.id} memoryBytes`);
        assert.ok(c.task.pids !== null && c.task.pids >= 1, `${ns.name}/${c.id} pids`);
      }
    }
    const quarter = container('default', 'cpu-quarter').task;
    assert.equal(quarter?.cpuLimitCores, 0.25);
    assert.ok(quarter?.cpuPercent !== null && quarter!.cpuPercent! > 5, `cpu-quarter at ${quarter?.cpuPercent}`);
    const hog = container('default', 'mem-hog').task;
    assert.equal(hog?.memoryLimitBytes, 256 * MiB);
    assert.ok(hog?.memoryBytes && Math.abs(hog.memoryBytes - 64 * MiB) <= 6.4 * MiB, `mem-hog at ${hog?.memoryBytes}`);
    assert.equal(container('default', 'idle').task?.memoryLimitBytes, null);
  });
});

/** Table rows as [namespace, id, status]; NAME is "name (id)" when the two differ. */
function tableRows(text: string): { ns: string; id: string; status: string; pid: string }[] {
  const lines = text.split('\n').filter(Boolean);
  assert.match(lines[0]!, /^containerd \S+ at /);
  assert.match(lines[1]!, /^NAMESPACE\s+NAME\s+IMAGE\s+STATUS\s+PID\s+CPU%\s+MEM\s+LIMIT\s+PIDS$/);
  return lines.slice(2).map((line) => {
    const cells = line.split(/\s{2,}/);
    assert.ok(cells.length >= 8, `unexpected row: ${line}`);
    const [ns, name, , status, pid] = cells;
    const id = /\(([^()]+)\)$/.exec(name!)?.[1] ?? name!;
    return { ns: ns!, id, status: status!, pid: pid! };
  });
}

/** The table of `args` between two ctr reads (of namespace `only`, or all). */
async function tableMatchingCtr(args: string[], only?: string): Promise<ReturnType<typeof tableRows>> {
  let unseen: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await ctrState(only);
    const result = await runCli(args, { env: cleanEnv() });
    const after = await ctrState(only);
    assert.equal(result.code, 0, result.stderr);
    const rows = tableRows(result.stdout);
    const ours = new Map(rows.map((r) => [`${r.ns}/${r.id}`, true as const]));
    assert.equal(ours.size, rows.length, 'a container has two rows');
    const theirs = (s: CtrState) => new Map([...s.containers.keys()].map((k) => [k, true as const]));
    const check = checkAgainstCtr('table rows', theirs(before), ours, theirs(after));
    if (check.unseen.length > 0) {
      unseen = check.unseen;
      continue;
    }
    assert.ok(check.compared >= (only ? 2 : 9), `only ${check.compared} rows compared`);
    return rows;
  }
  assert.fail(`the table lists what ctr never listed: ${unseen.join(', ')}`);
}

describe('--batch table', () => {
  test('one row per container, with status and pid', async () => {
    const rows = await tableMatchingCtr(['--batch', '-A', '--interval', '0.2', '-a', SANDBOX_ADDRESS]);
    const row = (ns: string, id: string) => rows.find((r) => r.ns === ns && r.id === id);
    assert.equal(row('default', 'exited')?.status, 'stopped(3)');
    assert.equal(row('default', 'created')?.status, 'created');
    assert.equal(row('default', 'created')?.pid, '-');
    assert.equal(row('default', 'idle')?.status, 'running');
    const tasks = await listTasks('default');
    assert.equal(row('default', 'idle')?.pid, String(tasks.get('idle')?.pid));
    assert.ok(row('build', 'builder-1'), 'builder-1 row');
    assert.ok(row('k8s.io', 'web-app'), 'web-app row');
  });

  test('a piped stdout implies batch: the table is printed and the process exits 0', async () => {
    const rows = await tableMatchingCtr(['-n', 'build', '--interval', '0.2', '-a', SANDBOX_ADDRESS], 'build');
    assert.deepEqual([...new Set(rows.map((r) => r.ns))], ['build']);
    assert.deepEqual(rows.map((r) => r.id).sort(), [...(await ctrContainerList('build')).keys()].sort());
  });
});

describe('a reader that goes away', () => {
  test('ctop-ts --json | head: no crash, no stack trace, exit 0', async () => {
    const child = spawn(process.execPath, [CLI, '--json', '-n', 'default', '--interval', '0.2', '-a', SANDBOX_ADDRESS], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy(); // like head exiting before ctop-ts writes
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    assert.equal(stderr, '', 'stderr should stay quiet');
    assert.equal(signal, null);
    assert.equal(code, 0);
  });
});

describe('--help and --version', () => {
  test('--help prints the usage and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await runCli([flag], { env: cleanEnv() });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /^Usage: ctop-ts/m);
      for (const option of ['--address', '--namespace', '--all-namespaces', '--batch', '--json', '--readonly', 'CONTAINERD_ADDRESS']) {
        assert.ok(r.stdout.includes(option), `${flag} does not mention ${option}`);
      }
    }
  });

  test('--version prints the package version and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = await runCli([flag], { env: cleanEnv() });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `ctop-ts ${version}\n`);
    }
  });
});
