// Actions end to end: the built CLI in a real pseudo-terminal drives containerd, and every test checks what
// containerd then says with ctr (never only the screen): kill (cancel, confirm), delete (stopped, running
// with force), pause/resume, start, a shell in the container and back, --readonly, and an error raced by ctr.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
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
  type TaskStatus,
} from '../helpers/sandbox.js';
import { KEYS, firstColumn, startCtop, tableRows, type TerminalSession } from '../helpers/terminal.js';

/** Our containers live here, apart from the seeded workloads and from the monitor tests. */
const NS = 'ctop-e2e-actions';
const READY_MS = 30_000;
/** actions go through containerd (and a SIGTERM'd shell loop sleeps up to 1 s): wide */
const ACTION_MS = 20_000;

let stateHome: string;
const made = new Set<string>();

before(async () => {
  await ensureSandbox();
  await ensureImage(NS);
  // `r` writes the started task's output under $XDG_STATE_HOME/ctop-ts/logs: keep it out of $HOME
  stateHome = mkdtempSync(join(tmpdir(), 'ctop-e2e-state-'));
});

after(async () => {
  for (const id of made) await removeContainer(NS, id).catch(() => undefined);
  rmSync(stateHome, { recursive: true, force: true });
});

/** Polls ctr until `check` holds; the failure names the last value. */
async function eventually<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = ACTION_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

const statusOf = (id: string) => () => taskStatus(NS, id);
const is = (status: TaskStatus | null) => (s: TaskStatus | null) => s === status;

/** A running container of ours; by default its init exits 7 on SIGTERM (busybox sh traps it between sleeps). */
async function runningBox(prefix: string, args = ['sh', '-c', 'trap "exit 7" TERM; while :; do sleep 1; done']): Promise<string> {
  const id = uniqueId(prefix);
  made.add(id);
  await runContainer(NS, id, args);
  await eventually(`${id} running`, statusOf(id), is('RUNNING'));
  return id;
}

/** Starts ctop-ts on NS and filters the table down to `id` (so the selection is that row). */
async function openOn(id: string, args: string[] = []): Promise<TerminalSession> {
  const s = await startCtop(['-n', NS, ...args], { env: { XDG_STATE_HOME: stateHome } });
  try {
    await s.waitFor((t) => t.includes('● connected') && tableRows(t).some((r) => r.startsWith(id)), READY_MS);
    await s.press('/');
    await s.type(id);
    await s.press(KEYS.enter);
    await s.waitFor((t) => firstColumn(t).join() === id && s.highlighted().some((l) => l.startsWith(id)));
  } catch (error) {
    await s.close();
    throw error;
  }
  return s;
}

/** The message line: the last line of the screen. */
const messageLine = (screen: string): string => screen.split('\n').at(-1) ?? '';

/** The dialog box is on screen while its bottom hint is. */
const DIALOG = 'y/enter confirm · n/esc cancel';

/** Number of processes in the container's task (`ctr task ps`). */
async function processCount(id: string): Promise<number> {
  const out = await ctr(['tasks', 'ps', id], { namespace: NS });
  return out.trim().split('\n').slice(1).filter((l) => l.trim()).length;
}

describe('actions in a real terminal', () => {
  it('Ctrl-K opens a dialog naming the container; n and Esc cancel; y sends SIGTERM and shows the exit status', async () => {
    const id = await runningBox('kill');
    const s = await openOn(id);
    try {
      // over the describe text first: the dialog's margins must hide what is below them
      await s.press('d');
      await s.waitFor(/^Labels:/m);
      await s.press(KEYS.ctrlK);
      let screen = await s.waitFor(DIALOG);
      const box = screen.split('\n').filter((l) => /[│╭╰]/.test(l));
      assert.ok(box.length >= 8, screen);
      for (const l of box.filter((b) => b.includes('│'))) assert.match(l, /│ [^│]*│/, `a margin shows through:\n${screen}`);
      await s.press('n');
      await s.waitFor((t) => !t.includes(DIALOG));
      await s.press('q');
      await s.waitFor((t) => firstColumn(t).join() === id);

      await s.press(KEYS.ctrlK);
      screen = await s.waitFor(DIALOG);
      assert.match(screen, new RegExp(`Kill ${NS}/${id}\\?`));
      assert.match(screen, /\[SIGTERM \(15\)\]/);
      await s.press('n');
      await s.waitFor((t) => !t.includes(DIALOG));
      assert.equal(await taskStatus(NS, id), 'RUNNING', 'n cancelled');

      await s.press(KEYS.ctrlK);
      await s.waitFor(DIALOG);
      await s.press(KEYS.escape);
      await s.waitFor((t) => !t.includes(DIALOG));
      await sleep(300);
      assert.equal(await taskStatus(NS, id), 'RUNNING', 'Esc cancelled');

      await s.press(KEYS.ctrlK);
      await s.waitFor(DIALOG);
      await s.press('y');
      screen = await s.waitFor((t) => /exited with status 7 after SIGTERM/.test(messageLine(t)), ACTION_MS);
      assert.match(messageLine(screen), new RegExp(`${NS}/${id} exited with status 7`));
      await eventually(`${id} stopped`, statusOf(id), is('STOPPED'));
      await s.waitFor((t) => tableRows(t).some((r) => r.startsWith(id) && / stopped /.test(r)));
    } finally {
      await s.close();
    }
  });

  it('Ctrl-D on a stopped container, y: the container and its snapshot are gone', async () => {
    const id = uniqueId('del-stopped');
    made.add(id);
    await runContainer(NS, id, ['true']);
    await eventually(`${id} stopped`, statusOf(id), is('STOPPED'));
    assert.match(await ctr(['snapshots', 'ls'], { namespace: NS }), new RegExp(`^${id}\\s`, 'm'));
    const s = await openOn(id);
    try {
      await s.waitFor((t) => tableRows(t).some((r) => r.startsWith(id) && / stopped /.test(r)));
      await s.press(KEYS.ctrlD);
      const screen = await s.waitFor(DIALOG);
      assert.match(screen, new RegExp(`Delete container ${NS}/${id}\\?`));
      assert.doesNotMatch(screen, /force/, 'nothing to force on a stopped task');
      await s.press('y');
      await s.waitFor((t) => messageLine(t).includes(`deleted ${NS}/${id} (task, snapshot, container)`), ACTION_MS);
      assert.ok(!(await listContainers(NS)).includes(id), 'ctr c ls');
      assert.doesNotMatch(await ctr(['snapshots', 'ls'], { namespace: NS }), new RegExp(`^${id}\\s`, 'm'), 'ctr snapshots ls');
      await s.waitFor((t) => !tableRows(t).some((r) => r.startsWith(id)));
    } finally {
      await s.close();
    }
  });

  it('Ctrl-D on a running container is refused without force, and with force kills and removes it', async () => {
    const id = await runningBox('del-running');
    const s = await openOn(id);
    try {
      await s.press(KEYS.ctrlD);
      let screen = await s.waitFor(DIALOG);
      assert.match(screen, /\[ \] force: kill the running task first/);
      await s.press('y');
      screen = await s.waitFor((t) => !t.includes(DIALOG) && messageLine(t).includes(id), ACTION_MS);
      await sleep(300);
      assert.equal(await taskStatus(NS, id), 'RUNNING', `refused without force: ${messageLine(screen)}`);
      assert.ok((await listContainers(NS)).includes(id));

      await s.press(KEYS.ctrlD);
      await s.waitFor(DIALOG);
      await s.press(' ');
      await s.waitFor(/\[x\] force: kill the running task first/);
      await s.press('y');
      await s.waitFor((t) => messageLine(t).includes(`deleted ${NS}/${id} (killed task, snapshot, container)`), ACTION_MS);
      assert.ok(!(await listContainers(NS)).includes(id), 'ctr c ls');
      assert.equal(await taskStatus(NS, id), null, 'ctr t ls');
      assert.doesNotMatch(await ctr(['snapshots', 'ls'], { namespace: NS }), new RegExp(`^${id}\\s`, 'm'));
    } finally {
      await s.close();
    }
  });

  it('p pauses and p again resumes', async () => {
    const id = await runningBox('pause');
    const s = await openOn(id);
    try {
      await s.press('p');
      await eventually(`${id} paused`, statusOf(id), is('PAUSED'));
      await s.waitFor((t) => tableRows(t).some((r) => r.startsWith(id) && / paused /.test(r)) && messageLine(t).includes(`paused ${NS}/${id}`));
      await s.press('p');
      await eventually(`${id} running again`, statusOf(id), is('RUNNING'));
      await s.waitFor((t) => tableRows(t).some((r) => r.startsWith(id) && / running /.test(r)) && messageLine(t).includes(`resumed ${NS}/${id}`));
    } finally {
      await s.close();
    }
  });

  it('r starts a created container', async () => {
    const id = uniqueId('start');
    made.add(id);
    await ctr(['containers', 'create', DEMO_IMAGE, id, 'sleep', '2147483647'], { namespace: NS });
    assert.equal(await taskStatus(NS, id), null);
    const s = await openOn(id);
    try {
      await s.waitFor((t) => tableRows(t).some((r) => r.startsWith(id) && / created /.test(r)));
      await s.press('r');
      const screen = await s.waitFor((t) => messageLine(t).includes(`started ${NS}/${id} (pid `), ACTION_MS);
      const pid = Number(/\(pid (\d+)/.exec(messageLine(screen))![1]);
      const task = await eventually(`${id} running`, statusOf(id), is('RUNNING'));
      assert.equal(task, 'RUNNING');
      assert.match(await ctr(['tasks', 'ls'], { namespace: NS }), new RegExp(`^${id}\\s+${pid}\\s+RUNNING`, 'm'));
      await s.waitFor((t) => tableRows(t).some((r) => r.startsWith(id) && / running /.test(r)));
    } finally {
      await s.close();
    }
  });

  it('s opens a shell on the pty (its size, arithmetic), exit returns to the same pane, filter and selection; no exec is left', async () => {
    const tag = uniqueId('sh');
    const a = `${tag}-a`;
    const b = `${tag}-b`;
    for (const id of [a, b]) {
      made.add(id);
      await runContainer(NS, id, ['sleep', '2147483647']);
    }
    await eventually(`${b} running`, statusOf(b), is('RUNNING'));
    const s = await startCtop(['-n', NS], { cols: 120, rows: 40, env: { XDG_STATE_HOME: stateHome } });
    try {
      await s.waitFor((t) => t.includes('● connected') && tableRows(t).some((r) => r.startsWith(b)), READY_MS);
      await s.press(':', 't', KEYS.enter);
      await s.waitFor((t) => t.includes(`tasks(${NS})`));
      await s.press('/');
      await s.type(tag);
      await s.press(KEYS.enter);
      await s.waitFor((t) => firstColumn(t).join() === `${a},${b}`);
      await s.press('j');
      await s.waitFor(() => s.highlighted().some((l) => l.startsWith(b)));
      const titleBefore = (await s.waitFor(`</${tag}>`)).split('\n')[2];
      assert.equal(await processCount(b), 1);

      await s.press('s');
      await s.waitFor((t) => !s.terminalState().alternateScreen && /\/ # $/m.test(t), ACTION_MS);
      assert.equal(await processCount(b), 2, 'the shell runs as an exec in the container');
      await s.type('stty size');
      await s.press(KEYS.enter);
      await s.waitFor(/^40 120$/m);
      await s.type('echo hi-$((40+2))');
      await s.press(KEYS.enter);
      await s.waitFor(/^hi-42$/m);
      await s.type('exit');
      await s.press(KEYS.enter);

      const screen = await s.waitFor((t) => s.terminalState().alternateScreen && t.includes(`tasks(${NS})`), ACTION_MS);
      assert.equal(screen.split('\n')[2], titleBefore, 'same pane and filter');
      assert.deepEqual(firstColumn(screen), [a, b]);
      await s.waitFor(() => s.highlighted().some((l) => l.startsWith(b)));
      assert.ok(!s.highlighted().some((l) => l.startsWith(a)), 'selection unchanged');
      await s.waitFor((t) => /exited with status 0/.test(messageLine(t)), ACTION_MS);
      await eventually(`no exec left in ${b}`, () => processCount(b), (n) => n === 1);
      // keys reach the UI again
      await s.press('k');
      await s.waitFor(() => s.highlighted().some((l) => l.startsWith(a)));
    } finally {
      await s.close();
    }
  });

  it('--readonly: every action key says so and containerd is unchanged', async () => {
    const id = await runningBox('readonly', ['sleep', '2147483647']);
    const s = await openOn(id, ['--readonly']);
    try {
      for (const [key, name] of [
        [KEYS.ctrlK, 'ctrl-k'],
        [KEYS.ctrlD, 'ctrl-d'],
        ['s', 's'],
        ['p', 'p'],
        ['r', 'r'],
      ] as const) {
        await s.press(key);
        const screen = await s.waitFor((t) => messageLine(t).includes(`read-only mode: ${name} is disabled`));
        assert.ok(!screen.includes(DIALOG), `${name}: no dialog`);
        assert.ok(s.terminalState().alternateScreen, `${name}: no shell`);
      }
      await sleep(500);
      assert.equal(await taskStatus(NS, id), 'RUNNING');
      assert.ok((await listContainers(NS)).includes(id));
      assert.equal(await processCount(id), 1, 'no exec');
    } finally {
      await s.close();
    }
  });

  it('an action on something ctr deleted meanwhile becomes a message, not a crash', async () => {
    const id = uniqueId('gone');
    made.add(id);
    await runContainer(NS, id, ['true']);
    await eventually(`${id} stopped`, statusOf(id), is('STOPPED'));
    const s = await openOn(id);
    try {
      await s.press(KEYS.ctrlD);
      await s.waitFor(DIALOG);
      await removeContainer(NS, id); // behind the dialog's back
      await s.press('y');
      const screen = await s.waitFor((t) => !t.includes(DIALOG) && /not found/.test(messageLine(t)), ACTION_MS);
      assert.match(messageLine(screen), new RegExp(`${NS}/${id}`));
      // still alive and answering keys
      await s.press(':', 'n', 's', KEYS.enter);
      await s.waitFor((t) => t.includes('namespaces('));
      await s.press(':', 'q', KEYS.enter);
      assert.equal((await s.exited).exitCode, 0);
    } finally {
      await s.close();
    }
  });
});
