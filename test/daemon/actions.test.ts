// The action layer against the sandbox daemon: each action's effect is checked in containerd (ctr), and
// its outcome on the store's message line.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { deleteContainer, deleteImage, deleteTask } from '../../src/actions/delete.js';
import { requestDelete, requestKill } from '../../src/actions/dialogs.js';
import { killTask } from '../../src/actions/kill.js';
import { togglePause } from '../../src/actions/pause.js';
import { startTask, taskLogPath } from '../../src/actions/start.js';
import { createActions } from '../../src/actions/index.js';
import { keyOf } from '../../src/store/state.js';
import { ACTIONS_NS, actionEnv, waitFor, waitMessage, type ActionEnv } from '../helpers/actions.js';
import {
  DEMO_IMAGE,
  ctr,
  ensureImage,
  ensureSandbox,
  listContainers,
  removeContainer,
  runContainer,
  sleep,
  taskStatus,
  uniqueId,
} from '../helpers/sandbox.js';

const ns = ACTIONS_NS;
const target = (id: string, kind = 'container') => ({ kind, namespace: ns, id });

async function snapshotKeys(): Promise<string[]> {
  const out = await ctr(['snapshots', 'ls'], { namespace: ns });
  return out.split('\n').slice(1).map((l) => l.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

async function imageNames(): Promise<string[]> {
  return (await ctr(['images', 'ls', '-q'], { namespace: ns })).split('\n').filter(Boolean);
}

/** A container whose task ran `sh -c script` and has stopped. */
async function stoppedContainer(prefix: string, script = 'exit 0'): Promise<string> {
  const id = uniqueId(prefix);
  await runContainer(ns, id, ['sh', '-c', script]);
  await waitFor(`${id} stopped`, async () => (await taskStatus(ns, id)) === 'STOPPED');
  return id;
}

async function runningContainer(prefix: string, args = ['sleep', '2147483647']): Promise<string> {
  const id = uniqueId(prefix);
  await runContainer(ns, id, args);
  await waitFor(`${id} running`, async () => (await taskStatus(ns, id)) === 'RUNNING');
  return id;
}

let env: ActionEnv;
const cleanup: string[] = [];

before(async () => {
  await ensureSandbox();
  await ensureImage(ns);
  env = await actionEnv({ exitNoticeMs: 700, stopTimeoutMs: 10_000 });
});

after(async () => {
  for (const id of cleanup) await removeContainer(ns, id).catch(() => undefined);
  env?.close();
});

describe('kill', () => {
  it('SIGTERM stops a task that handles it, and its exit status reaches the message line', async () => {
    const id = await runningContainer('kill-term', ['sh', '-c', 'trap "exit 7" TERM; sleep 2147483647 & wait']);
    cleanup.push(id);
    const outcome = await killTask(env.deps, target(id));
    assert.equal(outcome.ok, true);
    assert.match(outcome.message, /^sent SIGTERM to ctop-actions-test\/kill-term/);
    assert.equal(await outcome.exited, 7);
    assert.equal(await taskStatus(ns, id), 'STOPPED');
    assert.match(env.store.getState().message?.text ?? '', /exited with status 7 after SIGTERM/);
  });

  it('KILL reports 137 (SIGKILL)', async () => {
    const id = await runningContainer('kill-kill');
    cleanup.push(id);
    const outcome = await killTask(env.deps, target(id), { signal: 'SIGKILL' });
    assert.match(outcome.message, /sent SIGKILL/);
    assert.equal(await outcome.exited, 137);
    await waitMessage(env.store, /exited with status 137 \(SIGKILL\) after SIGKILL/);
    assert.equal(await taskStatus(ns, id), 'STOPPED');
  });

  it('"all" reaches the children an init without handlers shields', async () => {
    // sh as pid 1 ignores TERM (no handler); its two children die only when every process is signalled.
    const id = await runningContainer('kill-all', ['sh', '-c', 'sleep 2147483647 & sleep 2147483647 & wait']);
    cleanup.push(id);
    const first = await killTask(env.deps, target(id), { signal: 'TERM' });
    assert.equal(first.ok, true);
    await waitMessage(env.store, /still running .* after SIGTERM/, 5000);
    assert.equal(await taskStatus(ns, id), 'RUNNING');
    const all = await killTask(env.deps, target(id), { signal: 'TERM', all: true });
    assert.match(all.message, /sent SIGTERM to .* \(all processes\)/);
    assert.equal(await all.exited, 0);
    assert.equal(await taskStatus(ns, id), 'STOPPED');
  });

  it('an unknown signal and a stopped task become messages', async () => {
    const bad = await killTask(env.deps, target('whatever'), { signal: 'BOGUS' });
    assert.equal(bad.ok, false);
    assert.match(bad.message, /unknown signal "BOGUS"/);
    const id = await stoppedContainer('kill-stopped');
    cleanup.push(id);
    const outcome = await killTask(env.deps, target(id));
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, /SIGTERM to .* failed: .*not found/);
    assert.equal(outcome.exited, undefined);
  });

  it('the dialog offers the signals and kills with the chosen one', async () => {
    const id = await runningContainer('kill-dialog');
    cleanup.push(id);
    assert.equal(requestKill(env.deps, target(id)), true);
    const dialog = env.store.getState().ui.dialog;
    assert.ok(dialog);
    assert.deepEqual(dialog.choices.map((c) => c.value), ['TERM', 'KILL', 'INT', 'HUP', 'QUIT', 'USR1', 'USR2']);
    assert.equal(dialog.option?.checked, false);
    env.store.setState((s) => ({ ui: { ...s.ui, dialog: null } })); // what the UI does before confirming
    dialog.onConfirm({ choice: 'KILL', option: true });
    await waitMessage(env.store, /exited with status 137/);
    assert.equal(await taskStatus(ns, id), 'STOPPED');
  });
});

describe('delete', () => {
  it('removes a stopped container: task, snapshot and container', async () => {
    const id = await stoppedContainer('del-stopped');
    cleanup.push(id);
    assert.ok((await snapshotKeys()).includes(id), 'ctr run made a snapshot keyed by the id');
    const outcome = await deleteContainer(env.deps, target(id));
    assert.equal(outcome.ok, true, outcome.message);
    assert.match(outcome.message, /deleted ctop-actions-test\/del-stopped.* \(task, snapshot, container\)/);
    assert.equal(await taskStatus(ns, id), null);
    assert.ok(!(await listContainers(ns)).includes(id));
    assert.ok(!(await snapshotKeys()).includes(id));
  });

  it('refuses a running container without force and leaves it running', async () => {
    const id = await runningContainer('del-refuse');
    cleanup.push(id);
    const outcome = await deleteContainer(env.deps, target(id));
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, /is running: kill it first, or delete with force/);
    assert.equal(await taskStatus(ns, id), 'RUNNING');
    assert.ok((await listContainers(ns)).includes(id));
  });

  it('force-deletes a running container (SIGKILL, wait, then the same)', async () => {
    const id = await runningContainer('del-force');
    cleanup.push(id);
    const outcome = await deleteContainer(env.deps, target(id), { force: true });
    assert.equal(outcome.ok, true, outcome.message);
    assert.match(outcome.message, /\(killed task, snapshot, container\)/);
    assert.equal(await taskStatus(ns, id), null);
    assert.ok(!(await listContainers(ns)).includes(id));
    assert.ok(!(await snapshotKeys()).includes(id));
  });

  it('force-deletes a paused container', async () => {
    const id = await runningContainer('del-paused');
    cleanup.push(id);
    await ctr(['tasks', 'pause', id], { namespace: ns });
    const outcome = await deleteContainer(env.deps, target(id), { force: true });
    assert.equal(outcome.ok, true, outcome.message);
    assert.ok(!(await listContainers(ns)).includes(id));
  });

  it('deletes a stopped task alone; the container stays', async () => {
    const id = await stoppedContainer('del-task', 'exit 4');
    cleanup.push(id);
    const outcome = await deleteTask(env.deps, target(id, 'task'));
    assert.equal(outcome.ok, true, outcome.message);
    assert.match(outcome.message, /deleted task .*, exit status 4/);
    assert.equal(await taskStatus(ns, id), null);
    assert.ok((await listContainers(ns)).includes(id));
    assert.ok((await snapshotKeys()).includes(id));
  });

  it('deleting twice gives a "not found" message, not a throw', async () => {
    const id = await stoppedContainer('del-twice');
    cleanup.push(id);
    assert.equal((await deleteContainer(env.deps, target(id))).ok, true);
    const again = await deleteContainer(env.deps, target(id));
    assert.equal(again.ok, false);
    assert.match(again.message, /^delete ctop-actions-test\/del-twice\S* failed: not found/);
    assert.equal(env.store.getState().message?.level, 'error');
    const task = await deleteTask(env.deps, target(id, 'task'));
    assert.match(task.message, /not found/);
  });

  it('deletes an image; the dialog warns about containers still using it', async () => {
    const image = `docker.io/library/ctop-throwaway:${uniqueId('img')}`;
    const user = uniqueId('img-user');
    await ctr(['images', 'tag', DEMO_IMAGE, image], { namespace: ns });
    try {
      await ctr(['containers', 'create', image, user], { namespace: ns });
      cleanup.push(user);
      // the store knows what the sync engine would have read
      const containers = await env.client.containers(ns);
      env.store.setState({ containers: Object.fromEntries(containers.map((c) => [keyOf(c.namespace, c.id), c])) });
      assert.equal(requestDelete(env.deps, { kind: 'image', namespace: ns, id: image }), true);
      const dialog = env.store.getState().ui.dialog;
      assert.ok(dialog);
      assert.ok(dialog.body.some((line) => line.includes('still use it') && line.includes(user)), dialog.body.join('\n'));
      env.store.setState((s) => ({ ui: { ...s.ui, dialog: null } }));
      dialog.onConfirm({ choice: null, option: false });
      await waitMessage(env.store, /deleted image .*ctop-throwaway.*containers still naming it/);
      assert.ok(!(await imageNames()).includes(image));
      assert.ok((await imageNames()).includes(DEMO_IMAGE), 'the original stays');
      const twice = await deleteImage(env.deps, { kind: 'image', namespace: ns, id: image });
      assert.match(twice.message, /not found/);
    } finally {
      env.store.setState({ containers: {} });
      await ctr(['images', 'rm', image], { namespace: ns }).catch(() => undefined);
    }
  });
});

describe('pause, resume, start', () => {
  it('toggles a running task to PAUSED and back to RUNNING', async () => {
    const id = await runningContainer('pause');
    cleanup.push(id);
    assert.match((await togglePause(env.deps, target(id))).message, /^paused /);
    assert.equal(await taskStatus(ns, id), 'PAUSED');
    assert.match((await togglePause(env.deps, target(id))).message, /^resumed /);
    assert.equal(await taskStatus(ns, id), 'RUNNING');
  });

  it('refuses to pause a stopped task', async () => {
    const id = await stoppedContainer('pause-stopped');
    cleanup.push(id);
    const outcome = await togglePause(env.deps, target(id));
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, /is stopped: only a running task can be paused/);
  });

  it('starts a created container; its output goes to the log file', async () => {
    const id = uniqueId('start');
    await ctr(['containers', 'create', DEMO_IMAGE, id, '--', 'sh', '-c', 'echo hello-from-$HOSTNAME-start; echo to-stderr >&2; sleep 2147483647'], {
      namespace: ns,
    });
    cleanup.push(id);
    const outcome = await startTask(env.deps, target(id));
    assert.equal(outcome.ok, true, outcome.message);
    assert.equal(await taskStatus(ns, id), 'RUNNING');
    const log = taskLogPath(env.deps, ns, id);
    assert.ok(log.startsWith(env.dir), log);
    assert.ok(outcome.message.includes(log));
    const text = await waitFor('log output', () => {
      const content = existsSync(log) ? readFileSync(log, 'utf8') : '';
      return content.includes('to-stderr') ? content : '';
    });
    assert.match(text, /hello-from-.*-start/);
    const again = await startTask(env.deps, target(id));
    assert.match(again.message, /is already running/);
  });

  it('restarts a stopped container (the old task is deleted first)', async () => {
    // first run exits 3; a second run (same snapshot) finds its marker and keeps running
    const id = await stoppedContainer('restart', 'if [ -e /ran ]; then exec sleep 2147483647; fi; touch /ran; exit 3');
    cleanup.push(id);
    const outcome = await startTask(env.deps, target(id));
    assert.equal(outcome.ok, true, outcome.message);
    assert.equal(await taskStatus(ns, id), 'RUNNING');
  });

  it('start of a missing container is a message', async () => {
    const outcome = await startTask(env.deps, target('no-such-container'));
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, /start .* failed: not found/);
  });
});

describe('--readonly', () => {
  it('refuses every mutating action in the action layer, and containerd is unchanged', async () => {
    const running = await runningContainer('ro-running');
    const stopped = await stoppedContainer('ro-stopped');
    const created = uniqueId('ro-created');
    await ctr(['containers', 'create', DEMO_IMAGE, created], { namespace: ns });
    cleanup.push(running, stopped, created);
    const ro = await actionEnv({}, true); // store.ui.readonly, as --readonly sets it
    const ro2 = await actionEnv({ readonly: true }); // or the deps flag
    try {
      for (const e of [ro, ro2]) {
        const actions = createActions(e.deps);
        assert.equal(actions.readonly, true);
        const attempts = [
          await actions.kill(target(running), { signal: 'KILL' }),
          await actions.remove(target(running), { force: true }),
          await actions.remove(target(stopped)),
          await actions.remove(target(stopped, 'task')),
          await actions.remove({ kind: 'image', namespace: ns, id: DEMO_IMAGE }),
          await actions.start(target(created)),
          await actions.togglePause(target(running)),
          await actions.pause(target(running)),
          await actions.resume(target(running)),
          await actions.shell(target(running), { suspend: () => assert.fail('must not suspend the UI') }),
        ];
        for (const a of attempts) {
          assert.equal(a.ok, false, a.message);
          assert.match(a.message, /^read-only mode: not going to .*--readonly/);
        }
        assert.equal(actions.requestKill(target(running)), false);
        assert.equal(actions.requestDelete(target(running)), false);
        assert.equal(e.store.getState().ui.dialog, null);
        assert.equal(e.store.getState().message?.level, 'error');
      }
      await sleep(200);
      assert.equal(await taskStatus(ns, running), 'RUNNING');
      assert.equal(await taskStatus(ns, stopped), 'STOPPED');
      assert.equal(await taskStatus(ns, created), null);
      const containers = await listContainers(ns);
      for (const id of [running, stopped, created]) assert.ok(containers.includes(id));
      assert.ok((await imageNames()).includes(DEMO_IMAGE));
    } finally {
      ro.close();
      ro2.close();
    }
  });
});
