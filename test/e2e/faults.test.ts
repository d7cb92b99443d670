// Faults in a real terminal (node-pty + headless xterm): containerd killed and restarted under the running
// UI, startup failures (one clear line, no stack trace), signals and crashes leaving the terminal as it was.
// The first test kills the shared sandbox daemon for a few seconds and always starts it again.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CLI } from '../daemon/support.js';
import { killSandboxDaemon, sandboxUp } from '../helpers/daemon.js';
import { grpcServerWithoutServices } from '../helpers/not-containerd.js';
import {
  SANDBOX_ADDRESS,
  USING_SANDBOX,
  ctr,
  ensureSandbox,
  removeContainer,
  runContainer,
  sleep,
  uniqueId,
} from '../helpers/sandbox.js';
import { KEYS, lineWith, startCtop, type TerminalSession } from '../helpers/terminal.js';

const READY_MS = 30_000;
const CRASH_FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'crashing-monitor.js');

before(async () => {
  await ensureSandbox();
});

async function exitedWithin(s: TerminalSession, ms = 15_000): Promise<{ exitCode: number; signal?: number }> {
  const result = await Promise.race([s.exited, sleep(ms).then(() => null)]);
  assert.ok(result, `the program did not exit within ${ms} ms; screen:\n${s.screen()}`);
  return result;
}

/** The node process under the wrapping bash (wrapInShell), found through /proc. */
function nodeUnder(shellPid: number): number {
  const children = readFileSync(`/proc/${shellPid}/task/${shellPid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  const node = children.find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
    } catch {
      return false;
    }
  });
  assert.ok(node, `no node process under bash ${shellPid} (children: ${children.join(' ')})`);
  return node;
}

/** Non-empty screen lines. */
const linesOf = (screen: string) => screen.split('\n').filter((l) => l.trim() !== '');

/** A startup failure on a terminal: exits non-zero, never took over the screen, said one line and no stack. */
async function startupFailure(args: string[], options: Parameters<typeof startCtop>[1] = {}): Promise<string[]> {
  const s = await startCtop(args, { ...options, waitForStart: false });
  try {
    const { exitCode } = await exitedWithin(s);
    await s.flush();
    // what was written, as lines (the screen would wrap a long line over several rows)
    const lines = s
      .rawOutput()
      .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '');
    assert.notEqual(exitCode, 0, `exit code 0; screen:\n${s.screen()}`);
    assert.equal(exitCode, 1);
    assert.ok(!s.rawOutput().includes('\x1b[?1049h'), 'the alternate screen was never entered');
    assert.deepEqual(s.terminalState(), { alternateScreen: false, cursorVisible: true });
    return lines;
  } finally {
    await s.close();
  }
}

function assertNoStack(lines: string[]): void {
  for (const line of lines) {
    assert.doesNotMatch(line, /^\s+at |\.js:\d+|node:internal|Error:/, `stack trace or raw error: ${line}`);
  }
}

describe('containerd killed and restarted while the UI runs', () => {
  before(() => assert.ok(USING_SANDBOX, 'kills the sandbox daemon of scripts/sandbox.sh (CTOP_TEST_ADDRESS must be unset)'));
  after(() => sandboxUp());

  it('shows disconnected and stale, keeps the rows, reconnects, and shows a container made afterwards', async () => {
    const id = uniqueId('faults');
    const s = await startCtop(['-n', 'default']);
    try {
      await s.waitFor((t) => t.includes('● connected') && t.includes('mem-hog'), READY_MS);
      await killSandboxDaemon();
      const down = await s.waitFor(/disconnected, retrying in \d+s · data is stale/, 10_000);
      const header = lineWith(down, 'data is stale')!;
      assert.match(header, /^containers \d+ │ running \d+ │ images \d+ │ ✖ disconnected/, header);
      assert.ok(down.includes('mem-hog') && down.includes('idle'), `rows kept while disconnected:\n${down}`);
      await sandboxUp();
      const up = await s.waitFor('● connected', READY_MS);
      assert.ok(!up.includes('data is stale'), up);
      await runContainer('default', id, ['sleep', '600']);
      await s.waitFor(id.slice(0, 20), 15_000);
      await s.press(':', 'q', KEYS.enter);
      assert.equal((await exitedWithin(s)).exitCode, 0);
    } finally {
      await s.close();
      await sandboxUp();
      await removeContainer('default', id).catch(() => undefined);
    }
  });
});

describe('startup failures are one clear line', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ctop-faults-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing socket names the path and the usual socket locations', async () => {
    const path = join(dir, 'nothing-here.sock');
    const lines = await startupFailure(['-a', path]);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0]!, /^ctop-ts: containerd socket not found at /);
    assert.ok(lines[0]!.includes(path), lines[0]);
    assertNoStack(lines);
    assert.match(lines[0]!, /other usual places: \/run\/containerd\/containerd\.sock/);
    assert.match(lines[0]!, /-a\/--address|CONTAINERD_ADDRESS/);
  });

  it('--debug adds the details', async () => {
    const path = join(dir, 'nothing-here.sock');
    const lines = await startupFailure(['-a', path, '--debug']);
    assert.ok(lines.length >= 2, `expected details after the message:\n${lines.join('\n')}`);
    assert.match(lines[0]!, /^ctop-ts: containerd socket not found at /);
    assert.match(lines.slice(1).join('\n'), /ENOENT/);
  });

  it('a gRPC server that is not containerd: one line, the screen never taken (its first lists are asked before the version answers)', async () => {
    const path = join(dir, 'grpc.sock');
    const server = await grpcServerWithoutServices(path);
    try {
      const lines = await startupFailure(['-a', path]);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0]!, /^ctop-ts: .*not containerd/);
      assert.ok(lines[0]!.includes(path), lines[0]);
      assertNoStack(lines);
    } finally {
      server.close();
    }
  });

  it('a socket the user may not open says how to get access (run as nobody)', async () => {
    const asNobody = ['setpriv', '--reuid', 'nobody', '--regid', 'nogroup', '--clear-groups'];
    const probe = spawnSync(asNobody[0]!, [...asNobody.slice(1), process.execPath, CLI, '--version'], { encoding: 'utf8' });
    assert.equal(probe.status, 0, `nobody cannot run the built CLI (is dist/ or node_modules/ unreadable?): ${probe.stderr}`);
    assert.equal(readFileSync('/proc/self/status', 'utf8').match(/^Uid:\s+(\d+)/m)?.[1], '0', 'the test runs as root');
    const lines = await startupFailure(['-a', SANDBOX_ADDRESS], { prefix: asNobody, env: { HOME: dir } });
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0]!, /^ctop-ts: permission denied opening /);
    assert.ok(lines[0]!.includes(SANDBOX_ADDRESS), lines[0]);
    assert.match(lines[0]!, /sudo|root/);
    assert.match(lines[0]!, /group/);
    assertNoStack(lines);
  });
});

describe('signals and crashes leave the terminal as it was', () => {
  const ways: { name: string; end: (s: TerminalSession) => Promise<void> | void; exitCode: number }[] = [
    { name: 'the Ctrl-C key', end: (s) => s.press(KEYS.ctrlC), exitCode: 0 },
    { name: 'SIGINT', end: (s) => void process.kill(nodeUnder(s.pid), 'SIGINT'), exitCode: 130 },
    { name: 'SIGTERM', end: (s) => void process.kill(nodeUnder(s.pid), 'SIGTERM'), exitCode: 143 },
    { name: 'SIGHUP', end: (s) => void process.kill(nodeUnder(s.pid), 'SIGHUP'), exitCode: 129 },
  ];
  for (const way of ways) {
    it(`${way.name} ends the monitor and restores the terminal (alternate screen off, cursor on, same stty)`, async () => {
      const s = await startCtop(['-n', 'default'], { wrapInShell: true });
      try {
        await s.waitFor((t) => t.includes('● connected') && t.includes('mem-hog'), READY_MS);
        assert.equal(s.terminalState().alternateScreen, true);
        assert.equal(s.terminalState().cursorVisible, false, 'the monitor hides the cursor while it runs');
        await way.end(s);
        const { exitCode } = await exitedWithin(s);
        await s.flush();
        assert.equal(exitCode, way.exitCode, `exit code; screen:\n${s.screen()}`);
        assert.deepEqual(s.terminalState(), { alternateScreen: false, cursorVisible: true });
        const { before, after } = s.stty();
        assert.ok(before && after, 'stty -g recorded before and after');
        assert.equal(after, before, 'tty modes restored');
        const screen = s.screen();
        assert.ok(!screen.includes('● connected') && !screen.includes('mem-hog'), `the UI's frame was painted on the normal screen:\n${screen}`);
        assertNoStack(linesOf(screen));
      } finally {
        await s.close();
      }
    });
  }

  for (const kind of ['exception', 'rejection'] as const) {
    it(`an uncaught ${kind} restores the terminal and is logged to the file the message names`, async () => {
      const state = mkdtempSync(join(tmpdir(), 'ctop-crash-'));
      const s = await startCtop(['-n', 'default'], { wrapInShell: true, entry: CRASH_FIXTURE, env: { XDG_STATE_HOME: state, CRASH_KIND: kind } });
      try {
        await s.waitFor((t) => t.includes('● connected') && t.includes('mem-hog'), READY_MS);
        process.kill(nodeUnder(s.pid), 'SIGUSR2');
        const { exitCode } = await exitedWithin(s);
        await s.flush();
        assert.equal(exitCode, 70, `exit code; screen:\n${s.screen()}`);
        assert.deepEqual(s.terminalState(), { alternateScreen: false, cursorVisible: true });
        const { before, after } = s.stty();
        assert.ok(before && after, 'stty -g recorded before and after');
        assert.equal(after, before, 'tty modes restored');
        const screen = s.screen();
        assert.ok(!screen.includes('● connected') && !screen.includes('mem-hog'), `the UI's frame was painted on the normal screen:\n${screen}`);
        const text = linesOf(screen).join('');
        const log = join(state, 'ctop-ts', 'crash.log');
        assert.match(text, /ctop-ts: unexpected error: injected by the crash fixture/);
        assert.ok(text.includes(`(details in ${log})`), `the message names the log file:\n${s.screen()}`);
        assert.ok(existsSync(log), `${log} written`);
        const logged = readFileSync(log, 'utf8');
        assert.match(logged, /Error: injected by the crash fixture\n\s+at /, 'the stack is in the log');
        assert.doesNotMatch(s.screen(), /^\s+at /m, 'but not on the screen');
      } finally {
        await s.close();
        rmSync(state, { recursive: true, force: true });
      }
    });
  }
});

describe('what is on screen goes away', () => {
  /** Starts the monitor on `default` filtered to one container id. */
  async function openOn(id: string): Promise<TerminalSession> {
    const s = await startCtop(['-n', 'default']);
    try {
      await s.waitFor((t) => t.includes('● connected') && t.includes(id), READY_MS);
      await s.press('/');
      await s.type(id);
      await s.press(KEYS.enter);
      await s.waitFor((t) => /containers\(default\)\[1\]/.test(t) || t.includes('[1/'), 10_000);
      return s;
    } catch (error) {
      await s.close();
      throw error;
    }
  }

  it('a container removed with ctr while described: a message, back on the table, no crash', async () => {
    const id = uniqueId('described');
    await runContainer('default', id, ['sleep', '600']);
    const s = await openOn(id).catch(async (error) => {
      await removeContainer('default', id);
      throw error;
    });
    try {
      await s.press('d');
      await s.waitFor(/describe\(/, 10_000);
      await removeContainer('default', id);
      const screen = await s.waitFor(`container default/${id} was removed`, 15_000);
      assert.match(screen, /containers\(default\)/, `back on the table:\n${screen}`);
      assert.doesNotMatch(screen, /no longer known to containerd/);
      await s.press('?');
      await s.waitFor(/help/i, 5000);
      await s.press(KEYS.escape, ':', 'q', KEYS.enter);
      assert.equal((await exitedWithin(s)).exitCode, 0, 'quit normally, no crash');
    } finally {
      await s.close();
      await removeContainer('default', id).catch(() => undefined);
    }
  });

  it('a task that exits while the kill dialog is open: the dialog still works and says so on the message line', async () => {
    const id = uniqueId('killdlg');
    await runContainer('default', id, ['sleep', '600']);
    const s = await openOn(id).catch(async (error) => {
      await removeContainer('default', id);
      throw error;
    });
    const row = (t: string) => t.split('\n').find((l) => l.startsWith(id.slice(0, 12))) ?? ''; // its table row
    try {
      await s.waitFor((t) => row(t).includes('running'), 10_000);
      await s.press(KEYS.ctrlK);
      await s.waitFor(`Kill default/${id}?`, 10_000);
      await ctr(['tasks', 'kill', '-s', 'SIGKILL', id]);
      const exited = await s.waitFor((t) => row(t).includes('stopped'), 15_000);
      assert.ok(exited.includes(`Kill default/${id}?`), `the dialog is still open:\n${exited}`);
      await s.press(KEYS.enter); // confirm SIGTERM for a task that is gone
      const screen = await s.waitFor(/process already finished/, 15_000);
      assert.ok(!screen.includes('Kill default/'), `dialog closed:\n${screen}`);
      assert.match(lineWith(screen, 'process already finished')!, new RegExp(`SIGTERM to default/${id} failed`));
      assert.match(screen, /containers\(default\)/);
      await s.press(':', 'q', KEYS.enter);
      assert.equal((await exitedWithin(s)).exitCode, 0, 'quit normally, no crash');
    } finally {
      await s.close();
      await removeContainer('default', id).catch(() => undefined);
    }
  });
});
