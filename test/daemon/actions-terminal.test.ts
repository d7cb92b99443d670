// The exec bridge on a real terminal: the CLI side runs under node-pty (fixtures/shell-session.ts) and a
// "person" types into it. Checks raw mode, the size and SIGWINCH resizes reaching the container's tty, the
// exit status, stdin left as the UI needs it, and that a SIGTERM to ctop-ts still deletes the exec.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import * as pty from 'node-pty';
import { connect, type GrpcContainerdClient } from '../../src/client/containerd.js';
import { ACTIONS_NS, waitFor } from '../helpers/actions.js';
import { SANDBOX_ADDRESS, ensureImage, ensureSandbox, removeContainer, runContainer, sleep, taskStatus, uniqueId } from '../helpers/sandbox.js';

const ns = ACTIONS_NS;
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

let client: GrpcContainerdClient;
let box: string;
let fifoRoot: string;

before(async () => {
  await ensureSandbox();
  await ensureImage(ns);
  client = await connect(SANDBOX_ADDRESS);
  fifoRoot = mkdtempSync(join(tmpdir(), 'ctop-actions-pty-'));
  box = uniqueId('exec-pty');
  await runContainer(ns, box, ['sleep', '2147483647']);
  await waitFor('box running', async () => (await taskStatus(ns, box)) === 'RUNNING');
});

after(async () => {
  await removeContainer(ns, box).catch(() => undefined);
  client?.close();
  rmSync(fifoRoot, { recursive: true, force: true });
});

function spawnSession(cols: number, rows: number, fixture = 'shell-session.js') {
  const term = pty.spawn(process.execPath, [join(fixtures, fixture), SANDBOX_ADDRESS, ns, box, fifoRoot], {
    name: 'xterm-256color',
    cols,
    rows,
    env: process.env as Record<string, string>,
  });
  let output = '';
  term.onData((d) => (output += d));
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => term.onExit(resolve));
  return { term, exited, output: () => output };
}

async function execPids(): Promise<string[]> {
  return (await client.listPids(ns, box)).flatMap((p) => (p.execId ? [p.execId] : []));
}

describe('exec on a real terminal (node-pty)', () => {
  it('bridges keystrokes in raw mode, follows SIGWINCH, returns the exit status and hands stdin back', async () => {
    const s = spawnSession(120, 30);
    try {
      await waitFor('READY', () => s.output().includes('READY'));
      await waitFor('shell prompt', () => /\/ # /.test(s.output()), 15_000);
      s.term.write('stty size\r');
      await waitFor('first size', () => /30 120/.test(s.output()));
      s.term.resize(100, 33); // SIGWINCH to the CLI side → ResizePty
      await sleep(300);
      // Ctrl-C in raw mode goes to the container's shell (it cancels the line), not to ctop-ts
      s.term.write('sleep 1000\r');
      await sleep(200);
      s.term.write('\x03');
      s.term.write('stty size; exit 4\r');
      await waitFor('OUTCOME', () => s.output().includes('OUTCOME '), 15_000);
      const line = s.output().slice(s.output().indexOf('OUTCOME ') + 8).split('\r\n')[0]!;
      const outcome = JSON.parse(line);
      assert.match(s.output(), /33 100/);
      assert.equal(outcome.exitStatus, 4, line);
      assert.equal(outcome.shell, '/bin/sh');
      assert.equal(outcome.suspended, 1);
      assert.match(outcome.storeMessage, /exited with status 4/);
      assert.equal(outcome.isRaw, false, 'raw mode restored');
      assert.equal(outcome.readableListeners, 0, 'our stdin listener removed');
      assert.equal(outcome.paused, false, 'stdin not paused (a remounted UI must still hear keys)');
      assert.equal((await s.exited).exitCode, 0);
      assert.deepEqual(await execPids(), []);
    } finally {
      s.term.kill();
    }
  });

  it('SIGTERM to ctop-ts during a shell: the exec is killed and deleted, then ctop-ts dies of SIGTERM', async () => {
    const s = spawnSession(80, 24);
    try {
      await waitFor('shell prompt', () => /\/ # /.test(s.output()), 15_000);
      assert.equal((await execPids()).length, 1);
      s.term.kill('SIGTERM');
      const exit = await s.exited;
      assert.equal(exit.signal, 15, JSON.stringify(exit));
      assert.deepEqual(await execPids(), []);
      assert.deepEqual(readdirSync(fifoRoot), []);
    } finally {
      s.term.kill('SIGKILL');
    }
  });

  it('inside Ink 7: suspendTerminal hands the tty to the shell and the app hears keys again afterwards', async () => {
    const s = spawnSession(90, 25, 'ink-shell.js');
    try {
      await waitFor('app drawn', () => s.output().includes('COUNT=0'), 15_000);
      s.term.write('x');
      await waitFor('COUNT=1', () => s.output().includes('COUNT=1'));
      const before = s.output().length;
      s.term.write('s');
      await waitFor('shell prompt', () => /\/ # /.test(s.output().slice(before)), 15_000);
      assert.ok(s.output().slice(before).includes('\x1b[?1049l'), 'left the alternate screen');
      s.term.write('stty size; exit 6\r');
      await waitFor('message', () => /MSG=shell \/bin\/sh in \S+ exited with status 6/.test(s.output()), 15_000);
      assert.match(s.output().slice(before), /25 90/);
      assert.ok(s.output().slice(before).includes('\x1b[?1049h'), 'back on the alternate screen');
      s.term.write('x');
      await waitFor('COUNT=2 (keys reach Ink again)', () => s.output().includes('COUNT=2'));
      s.term.write('q');
      assert.equal((await s.exited).exitCode, 0);
      assert.deepEqual(await execPids(), []);
    } finally {
      s.term.kill('SIGKILL');
    }
  });
});
