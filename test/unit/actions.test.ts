// The action layer without a daemon: signals, messages from containerd errors, dialogs, paths, readonly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerdClient } from '../../src/client/api.js';
import { ClientError } from '../../src/client/errors.js';
import type { ContainerInfo, TaskInfo } from '../../src/client/types.js';
import { createActions } from '../../src/actions/index.js';
import { stateDir } from '../../src/actions/deps.js';
import { describeExit } from '../../src/actions/kill.js';
import { parseSignal } from '../../src/actions/signals.js';
import { taskLogPath } from '../../src/actions/start.js';
import { isMissingExecutable } from '../../src/actions/exec/session.js';
import { keyOf } from '../../src/store/state.js';
import { createAppStore } from '../../src/store/store.js';
import { sleep } from '../helpers/sandbox.js';

function task(id: string, status: TaskInfo['status']): TaskInfo {
  return { namespace: 'default', containerId: id, pid: 42, status, exitStatus: null, exitedAt: null };
}

function container(id: string, image = 'docker.io/library/x:1'): ContainerInfo {
  return {
    namespace: 'default', id, name: id, image, runtime: 'io.containerd.runc.v2', snapshotter: 'overlayfs', snapshotKey: id,
    labels: {}, createdAt: null, updatedAt: null, pod: null, isSandbox: false,
    limits: { cpuCores: null, memoryBytes: null, pids: null }, spec: null,
  };
}

/** A client whose every call rejects with `error` unless overridden; records calls. */
function fakeClient(overrides: Partial<ContainerdClient>, error: unknown = new ClientError('unknown', 'unexpected call')) {
  const calls: string[] = [];
  const client = new Proxy(overrides, {
    get(target, prop: string) {
      if (prop in target) {
        return (...args: unknown[]) => {
          calls.push(prop);
          return (target as Record<string, (...a: unknown[]) => unknown>)[prop]!(...args);
        };
      }
      return async () => {
        calls.push(prop);
        throw error;
      };
    },
  }) as unknown as ContainerdClient;
  return { client, calls };
}

const t = (id: string, kind = 'container') => ({ kind, namespace: 'default', id });

describe('signals and exit statuses', () => {
  it('parses names, SIG names and numbers', () => {
    assert.deepEqual(parseSignal('term'), { name: 'TERM', number: 15 });
    assert.deepEqual(parseSignal('SIGKILL'), { name: 'KILL', number: 9 });
    assert.deepEqual(parseSignal('10'), { name: 'USR1', number: 10 });
    assert.equal(parseSignal('SIGWINCH'), null);
    assert.equal(parseSignal('99'), null);
  });

  it('names the signal behind 128+n', () => {
    assert.equal(describeExit(137), '137 (SIGKILL)');
    assert.equal(describeExit(143), '143 (SIGTERM)');
    assert.equal(describeExit(3), '3');
    assert.equal(describeExit(255), '255');
  });
});

describe('paths', () => {
  it('logs go under $XDG_STATE_HOME, else ~/.local/state', () => {
    assert.equal(taskLogPath({ env: { XDG_STATE_HOME: '/s', HOME: '/h' } }, 'k8s.io', 'web'), '/s/ctop-ts/logs/k8s.io/web.log');
    assert.equal(taskLogPath({ env: { HOME: '/h' } }, 'default', 'a'), '/h/.local/state/ctop-ts/logs/default/a.log');
    assert.equal(stateDir({ stateDir: '/x', env: {} }), '/x');
  });
});

describe('containerd errors become messages', () => {
  it('failed precondition, unknown and unavailable never throw', async () => {
    for (const [error, pattern] of [
      [new ClientError('failed-precondition', 'Tasks.Pause: x', 'cannot pause: failed precondition'), /pause\/resume default\/a failed: not possible now \(cannot pause\)/],
      [new ClientError('unavailable', 'containerd at /s is not answering'), /failed: containerd at \/s is not answering/],
      [new Error('boom'), /failed: boom/],
    ] as const) {
      const store = createAppStore('/s', ['default']);
      const { client } = fakeClient({ task: async () => task('a', 'running') }, error);
      const outcome = await createActions({ client, store }).togglePause(t('a'));
      assert.equal(outcome.ok, false);
      assert.match(outcome.message, pattern);
      assert.equal(store.getState().message?.level, 'error');
    }
  });

  it('a missing executable is recognised in runc words', () => {
    assert.ok(isMissingExecutable(new Error('OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown')));
    assert.ok(isMissingExecutable(new Error('exec: "zsh": executable file not found in $PATH: unknown')));
    assert.ok(!isMissingExecutable(new Error('container is paused')));
  });
});

describe('dialogs', () => {
  it('kill: refuses a stopped task without a dialog', () => {
    const store = createAppStore('/s', ['default']);
    store.setState({ tasks: { [keyOf('default', 'a')]: task('a', 'stopped') } });
    const { client, calls } = fakeClient({});
    assert.equal(createActions({ client, store }).requestKill(t('a')), false);
    assert.equal(store.getState().ui.dialog, null);
    assert.match(store.getState().message?.text ?? '', /is stopped: nothing to kill/);
    assert.deepEqual(calls, []);
  });

  it('delete: a running container gets the force option, and confirming without it is refused', async () => {
    const store = createAppStore('/s', ['default']);
    store.setState({ tasks: { [keyOf('default', 'a')]: task('a', 'running') } });
    const { client, calls } = fakeClient({ container: async () => container('a'), task: async () => task('a', 'running') });
    assert.equal(createActions({ client, store }).requestDelete(t('a')), true);
    const dialog = store.getState().ui.dialog!;
    assert.equal(dialog.danger, true);
    assert.match(dialog.option?.label ?? '', /force/);
    assert.ok(dialog.body.some((l) => /running/.test(l)));
    dialog.onConfirm({ choice: null, option: false });
    await sleep(10);
    assert.match(store.getState().message?.text ?? '', /is running: kill it first, or delete with force/);
    assert.ok(!calls.includes('kill') && !calls.includes('deleteContainer'));
  });

  it('delete: a stopped container has no force option; task rows delete only the task', async () => {
    const store = createAppStore('/s', ['default']);
    store.setState({ tasks: { [keyOf('default', 'a')]: task('a', 'stopped') } });
    const { client, calls } = fakeClient({
      task: async () => ({ ...task('a', 'stopped'), exitStatus: 2 }),
      deleteTask: async () => ({ exitStatus: 2 }),
    });
    const actions = createActions({ client, store });
    actions.requestDelete(t('a', 'task'));
    const dialog = store.getState().ui.dialog!;
    assert.equal(dialog.option, null);
    assert.match(dialog.title, /Delete task default\/a/);
    dialog.onConfirm({ choice: null, option: false });
    await sleep(10);
    assert.equal(store.getState().message?.text, 'deleted task default/a, exit status 2');
    assert.deepEqual(calls, ['task', 'deleteTask']);
  });

  it('image: no warning when nothing uses it', () => {
    const store = createAppStore('/s', ['default']);
    store.setState({ containers: { [keyOf('default', 'a')]: container('a', 'other:1') } });
    const { client } = fakeClient({});
    createActions({ client, store }).requestDelete({ kind: 'image', namespace: 'default', id: 'docker.io/library/x:1' });
    const dialog = store.getState().ui.dialog!;
    assert.equal(dialog.body.length, 1);
    assert.equal(dialog.danger, false);
  });
});

describe('client getter', () => {
  it('follows the engine\'s current client and says "not connected" while there is none', async () => {
    const store = createAppStore('/s', ['default']);
    let current: ContainerdClient | null = null;
    const actions = createActions({ client: () => current, store });
    const offline = await actions.togglePause(t('a'));
    assert.match(offline.message, /failed: not connected to containerd/);
    current = fakeClient({ task: async () => task('a', 'running'), pause: async () => undefined }).client;
    const online = await actions.togglePause(t('a'));
    assert.equal(online.message, 'paused default/a');
  });
});
