// The sandbox of scripts/sandbox.sh: seeded workloads, their limits, and the helpers' own round trip.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import {
  DEMO_IMAGE,
  SANDBOX_ADDRESS,
  SEEDED_WORKLOADS,
  USING_SANDBOX,
  containerInfo,
  ctr,
  ensureSandbox,
  listContainers,
  listTasks,
  removeContainer,
  runContainer,
  sleep,
  taskStatus,
  uniqueId,
} from '../helpers/sandbox.js';

const seededOnly = USING_SANDBOX ? false : `CTOP_TEST_ADDRESS=${SANDBOX_ADDRESS} is not the seeded sandbox`;
const namespaces = [...new Set(SEEDED_WORKLOADS.map((w) => w.namespace))];

/** First existing cgroup file among the v1 controller path and the v2 unified path. */
function cgroupFile(cgroupsPath: string, v1: [string, string], v2: string): string | undefined {
  const candidates = [`/sys/fs/cgroup/${v1[0]}${cgroupsPath}/${v1[1]}`, `/sys/fs/cgroup${cgroupsPath}/${v2}`];
  return candidates.find((f) => existsSync(f));
}

before(async () => {
  await ensureSandbox();
});

describe('sandbox: seeded workloads', { skip: seededOnly }, () => {
  for (const ns of namespaces) {
    it(`namespace ${ns} has its containers with the expected task status`, async () => {
      const [containers, tasks] = await Promise.all([listContainers(ns), listTasks(ns)]);
      for (const w of SEEDED_WORKLOADS.filter((x) => x.namespace === ns)) {
        assert.ok(containers.includes(w.id), `${ns}/${w.id} missing; have ${containers.join(', ')}`);
        assert.equal(tasks.get(w.id)?.status ?? null, w.status, `${ns}/${w.id} task status`);
        if (w.status === 'RUNNING') assert.ok((tasks.get(w.id)?.pid ?? 0) > 0, `${ns}/${w.id} has a pid`);
        const info = await containerInfo(ns, w.id);
        assert.equal(info.Image, DEMO_IMAGE);
        for (const [k, v] of Object.entries(w.labels)) assert.equal(info.Labels?.[k], v, `${ns}/${w.id} label ${k}`);
      }
    });

    it(`namespace ${ns} has ${DEMO_IMAGE}`, async () => {
      const names = (await ctr(['images', 'ls', '-q'], { namespace: ns })).split('\n');
      assert.ok(names.includes(DEMO_IMAGE));
    });
  }

  it('cpu-quarter is capped at 25000/100000 µs', async () => {
    const spec = (await containerInfo('default', 'cpu-quarter')).Spec;
    assert.equal(spec.linux?.resources?.cpu?.quota, 25000);
    assert.equal(spec.linux?.resources?.cpu?.period, 100000);
    const path = spec.linux?.cgroupsPath ?? '';
    const file = cgroupFile(path, ['cpu', 'cpu.cfs_quota_us'], 'cpu.max');
    assert.ok(file, `no cgroup cpu file for ${path}`);
    if (file.endsWith('cpu.max')) {
      assert.equal(readFileSync(file, 'utf8').trim(), '25000 100000');
    } else {
      assert.equal(readFileSync(file, 'utf8').trim(), '25000');
      assert.equal(readFileSync(file.replace('cpu.cfs_quota_us', 'cpu.cfs_period_us'), 'utf8').trim(), '100000');
    }
  });

  it('mem-hog holds ~64 MiB under a 256 MiB limit', async () => {
    const spec = (await containerInfo('default', 'mem-hog')).Spec;
    assert.equal(spec.linux?.resources?.memory?.limit, 268435456);
    const path = spec.linux?.cgroupsPath ?? '';
    const file = cgroupFile(path, ['memory', 'memory.usage_in_bytes'], 'memory.current');
    assert.ok(file, `no cgroup memory file for ${path}`);
    const usage = Number(readFileSync(file, 'utf8').trim());
    const MiB = 1 << 20;
    assert.ok(usage >= 64 * MiB && usage < 80 * MiB, `mem-hog usage ${(usage / MiB).toFixed(1)} MiB`);
  });

  it('the k8s.io pod: sandbox and app container share the pod labels', async () => {
    const sandbox = await containerInfo('k8s.io', 'pause-web');
    const app = await containerInfo('k8s.io', 'web-app');
    for (const k of ['io.kubernetes.pod.name', 'io.kubernetes.pod.namespace', 'io.kubernetes.pod.uid']) {
      assert.ok(sandbox.Labels?.[k], k);
      assert.equal(app.Labels?.[k], sandbox.Labels?.[k], k);
    }
    assert.equal(app.Spec.annotations?.['io.kubernetes.cri.sandbox-id'], 'pause-web');
    assert.equal(sandbox.Spec.annotations?.['io.kubernetes.cri.container-type'], 'sandbox');
  });
});

describe('sandbox helpers', () => {
  it('uniqueId gives distinct valid ids', () => {
    const a = uniqueId('my test/ID');
    const b = uniqueId('my test/ID');
    assert.notEqual(a, b);
    for (const id of [a, b, uniqueId('x'.repeat(200)), uniqueId('--')]) {
      assert.match(id, /^[A-Za-z0-9]+([._-][A-Za-z0-9]+)*$/);
      assert.ok(id.length <= 76, id);
    }
  });

  it('runContainer / removeContainer round trip, tolerant of already-gone', async () => {
    const id = uniqueId('helper-rt');
    try {
      await runContainer('default', id, ['sleep', '300']);
      assert.equal(await taskStatus('default', id), 'RUNNING');
    } finally {
      await removeContainer('default', id);
    }
    assert.equal(await taskStatus('default', id), null);
    assert.ok(!(await listContainers('default')).includes(id));
    await removeContainer('default', id); // already gone: no error
  });

  it('removeContainer handles a stopped task and a container without task', async () => {
    const stopped = uniqueId('helper-stopped');
    const bare = uniqueId('helper-bare');
    try {
      await runContainer('default', stopped, ['true']);
      for (let i = 0; i < 100 && (await taskStatus('default', stopped)) !== 'STOPPED'; i++) {
        await sleep(50);
      }
      assert.equal(await taskStatus('default', stopped), 'STOPPED');
      await ctr(['containers', 'create', DEMO_IMAGE, bare]);
    } finally {
      await removeContainer('default', stopped);
      await removeContainer('default', bare);
    }
    const left = await listContainers('default');
    assert.ok(!left.includes(stopped) && !left.includes(bare));
  });

  it('ctr rejects with stderr', async () => {
    await assert.rejects(ctr(['tasks', 'kill', 'no-such-container']), /not found/);
  });
});
