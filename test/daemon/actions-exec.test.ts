// Exec into a shell through the native FIFO bridge, driven with fake terminal streams, checked in containerd:
// the size reaches the container's tty, the exit status comes back, and no exec process or FIFO is left.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { readdirSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { execShell } from '../../src/actions/exec/shell.js';
import { runExec, type ExecStreams } from '../../src/actions/exec/session.js';
import { isIdentifier, newExecId } from '../../src/actions/exec/ids.js';
import { ACTIONS_NS, actionEnv, waitFor, waitMessage, type ActionEnv } from '../helpers/actions.js';
import { ctr, ensureImage, ensureSandbox, removeContainer, runContainer, sleep, taskStatus, uniqueId } from '../helpers/sandbox.js';

const ns = ACTIONS_NS;
const target = (id: string) => ({ kind: 'container', namespace: ns, id });

interface FakeTerminal {
  streams: ExecStreams;
  /** everything the "terminal" received */
  text(): string;
  type(text: string): void;
  resize(columns: number, rows: number): void;
}

function fakeTerminal(columns: number, rows: number): FakeTerminal {
  const input = new PassThrough();
  const output = new PassThrough();
  let received = '';
  output.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
  const size = { columns, rows };
  const events = new EventEmitter();
  return {
    streams: {
      input,
      output,
      size: () => ({ ...size }),
      onResize(listener) {
        events.on('resize', listener);
        return () => events.off('resize', listener);
      },
    },
    text: () => received,
    type: (text) => input.write(text),
    resize(c, r) {
      size.columns = c;
      size.rows = r;
      events.emit('resize');
    },
  };
}

/** Exec processes of the container that containerd still knows (ListPids entries with ProcessDetails). */
async function execPids(env: ActionEnv, id: string): Promise<string[]> {
  return (await env.client.listPids(ns, id)).flatMap((p) => (p.execId ? [p.execId] : []));
}

let env: ActionEnv;
let box: string; // a running container for the exec tests
const cleanup: string[] = [];

before(async () => {
  await ensureSandbox();
  await ensureImage(ns);
  env = await actionEnv();
  box = uniqueId('exec-box');
  await runContainer(ns, box, ['sleep', '2147483647']);
  cleanup.push(box);
  await waitFor('box running', async () => (await taskStatus(ns, box)) === 'RUNNING');
});

after(async () => {
  for (const id of cleanup) await removeContainer(ns, id).catch(() => undefined);
  env?.close();
});

describe('exec shell', () => {
  it('runs a shell at the terminal size, follows resizes, returns the exit status and leaves nothing behind', async () => {
    const term = fakeTerminal(132, 40);
    const running = execShell(env.deps, target(box), term.streams);
    term.type('stty size; echo done-$((1+2))\n');
    await waitFor('first stty output', () => term.text().includes('done-3'));
    assert.match(term.text(), /\r\n40 132\r\n/);
    assert.equal((await execPids(env, box)).length, 1, 'the exec runs while the shell is open');
    term.resize(100, 50);
    await sleep(300); // ResizePty is asynchronous
    term.type('stty size; exit 5\n');
    const outcome = await running;
    assert.match(term.text(), /\r\n50 100\r\n/);
    assert.equal(outcome.ok, true, outcome.message);
    assert.equal(outcome.exitStatus, 5);
    // the demo image has no bash: /bin/sh is the fallback
    assert.deepEqual(outcome.tried, ['/bin/bash', '/bin/sh']);
    assert.equal(outcome.shell, '/bin/sh');
    assert.match(outcome.message, /shell \/bin\/sh in ctop-actions-test\/exec-box\S* exited with status 5 \(no \/bin\/bash\)/);
    assert.equal(env.store.getState().message?.text, outcome.message);
    assert.deepEqual(await execPids(env, box), [], 'no exec left in the shim');
    assert.deepEqual(readdirSync(env.dir).filter((f) => f.startsWith('ctop-ts-exec-')), [], 'FIFO dirs removed');
    assert.equal(await taskStatus(ns, box), 'RUNNING', 'the container itself is untouched');
  });

  it('ctr task ps shows no exec process afterwards', async () => {
    const term = fakeTerminal(80, 24);
    term.type('exit 0\n');
    const outcome = await execShell(env.deps, target(box), term.streams);
    assert.equal(outcome.exitStatus, 0);
    const ps = await ctr(['tasks', 'ps', box], { namespace: ns });
    const rows = ps.trim().split('\n').slice(1);
    assert.equal(rows.length, 1, ps); // only the init process
    assert.doesNotMatch(ps, /ctop-/);
  });

  it('--shell PATH is the only shell tried', async () => {
    const only = await actionEnv({ shell: '/bin/sh' });
    try {
      const term = fakeTerminal(80, 24);
      term.type('exit 3\n');
      const outcome = await execShell(only.deps, target(box), term.streams);
      assert.deepEqual(outcome.tried, ['/bin/sh']);
      assert.equal(outcome.exitStatus, 3);
      assert.doesNotMatch(outcome.message, /no \/bin\/bash/);
    } finally {
      only.close();
    }
  });

  it('a shell that does not exist gives a clear message, and no exec is left', async () => {
    const missing = await actionEnv({ shell: '/no/such/shell' });
    try {
      const outcome = await execShell(missing.deps, target(box), fakeTerminal(80, 24).streams);
      assert.equal(outcome.ok, false);
      assert.match(outcome.message, /no shell in .*: tried \/no\/such\/shell \(check --shell\)/);
      assert.deepEqual(await execPids(missing, box), []);
    } finally {
      missing.close();
    }
  });

  it('missing shells on containerd 1.6: Tasks.Start fails (runc "no such file or directory"), Wait returns at once', async () => {
    const term = fakeTerminal(80, 24);
    const result = await runExec(env.deps, ns, box, ['/bin/bash'], { cwd: '/', env: ['PATH=/bin'], user: { uid: 0, gid: 0 } }, term.streams);
    assert.equal(result.started, false);
    assert.ok(!result.started && result.missing);
    assert.ok(!result.started && /no such file or directory/.test(result.error.message), String(!result.started && result.error.message));
    assert.deepEqual(await execPids(env, box), []);
  });

  it('an abort (ctop-ts interrupted) kills and deletes the exec', async () => {
    const term = fakeTerminal(80, 24);
    const controller = new AbortController();
    const running = execShell(env.deps, target(box), term.streams, { signal: controller.signal });
    term.type('echo ready-$((2*3)); sleep 1000\n');
    await waitFor('shell ready', () => term.text().includes('ready-6'));
    assert.equal((await execPids(env, box)).length, 1);
    controller.abort();
    const outcome = await running;
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, /was killed/);
    assert.equal(outcome.exitStatus, 137);
    assert.deepEqual(await execPids(env, box), []);
    assert.deepEqual(readdirSync(env.dir).filter((f) => f.startsWith('ctop-ts-exec-')), []);
  });

  it('a stopped container, one without a task, and a missing one get clear messages', async () => {
    const stopped = uniqueId('exec-stopped');
    await runContainer(ns, stopped, ['sh', '-c', 'exit 0']);
    cleanup.push(stopped);
    await waitFor('stopped', async () => (await taskStatus(ns, stopped)) === 'STOPPED');
    const created = uniqueId('exec-created');
    await ctr(['containers', 'create', 'docker.io/library/ctop-demo:latest', created], { namespace: ns });
    cleanup.push(created);

    const a = await execShell(env.deps, target(stopped), fakeTerminal(80, 24).streams);
    assert.equal(a.ok, false);
    assert.match(a.message, /is stopped: a shell needs a running container \(start it first\)/);
    const b = await execShell(env.deps, target(created), fakeTerminal(80, 24).streams);
    assert.match(b.message, /has no task: a shell needs a running container/);
    const c = await execShell(env.deps, target('no-such-box'), fakeTerminal(80, 24).streams);
    assert.match(c.message, /shell in .* failed: not found/);
    await waitMessage(env.store, /not found/);
    // below the checks: Exec itself fails on a stopped task; the FIFOs still go
    await assert.rejects(runExec(env.deps, ns, stopped, ['/bin/sh'], { cwd: '/' }, fakeTerminal(80, 24).streams));
    assert.deepEqual(readdirSync(env.dir).filter((f) => f.startsWith('ctop-ts-exec-')), []);
  });

  it('a paused container is refused with a hint', async () => {
    await ctr(['tasks', 'pause', box], { namespace: ns });
    try {
      const outcome = await execShell(env.deps, target(box), fakeTerminal(80, 24).streams);
      assert.match(outcome.message, /is paused: resume it to open a shell/);
    } finally {
      await ctr(['tasks', 'resume', box], { namespace: ns });
    }
  });
});

describe('exec ids', () => {
  it('are valid containerd identifiers', () => {
    for (const cmd of ['/bin/bash', '/bin/sh', '', '/usr/bin/my weird shell!!', 'x'.repeat(200)]) {
      const id = newExecId(cmd);
      assert.ok(isIdentifier(id), id);
    }
    assert.equal(isIdentifier('a--b'), false);
    assert.equal(isIdentifier('x'.repeat(77)), false);
  });
});
