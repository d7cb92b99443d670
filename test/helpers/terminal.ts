// End-to-end harness: runs the built CLI (the bundle, dist/bundle/main.js, as users run it) in a real
// pseudo-terminal (node-pty) and mirrors everything it writes in a headless xterm, so tests can read the
// screen as a person would see it, type keys, resize, and check what the terminal looks like after the
// program has gone.
//
//   const s = await startCtop(['-n', 'default']);       // -a SANDBOX_ADDRESS is added unless given
//   try { await s.waitFor('cpu-quarter'); await s.press(':', 'q', KEYS.enter); await s.exited; }
//   finally { await s.close(); }
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';
import { CLI } from '../daemon/support.js';
import { SANDBOX_ADDRESS, sleep } from './sandbox.js';

/** Raw bytes of keys as a terminal in normal cursor-key mode sends them (also for the Ink harness). */
export const KEYS = {
  enter: '\r',
  escape: '\x1b',
  backspace: '\x7f',
  tab: '\t',
  space: ' ',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[H',
  end: '\x1b[F',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  ctrlB: '\x02',
  ctrlC: '\x03',
  ctrlD: '\x04',
  ctrlF: '\x06',
  ctrlK: '\x0b',
  ctrlS: '\x13',
  ctrlU: '\x15',
  /** Ctrl + a lower-case letter */
  ctrl: (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 96),
} as const;

export type ScreenMatch = string | RegExp | ((screen: string) => boolean);

export interface TerminalState {
  /** the alternate screen buffer is active */
  alternateScreen: boolean;
  /** the last cursor show/hide the program wrote was "show" (or it wrote neither) */
  cursorVisible: boolean;
}

export interface SttyState {
  /** `stty -g` before the CLI started and after it exited (only with wrapInShell; else null) */
  before: string | null;
  after: string | null;
}

export interface TerminalSession {
  /** pid of the process in the pty (bash when wrapInShell, else node) */
  readonly pid: number;
  /** visible screen text as parsed so far, rows joined by '\n', each right-trimmed */
  screen(): string;
  /** resolves once the xterm has parsed everything the program wrote so far */
  flush(): Promise<void>;
  /** visible lines drawn highlighted (first cell inverse or on a non-default background): the selection */
  highlighted(): string[];
  /** writes raw bytes, one write per key, with a small pause between */
  press(...keys: string[]): Promise<void>;
  /** types text as separate key presses */
  type(text: string): Promise<void>;
  /**
   * resolves with the screen once it matches, judged only between frames (never half way through a
   * synchronized update); rejects after timeoutMs (default 10 s) showing the screen
   */
  waitFor(match: ScreenMatch, timeoutMs?: number): Promise<string>;
  /** everything the program wrote so far */
  rawOutput(): string;
  /** bytes the program wrote so far */
  bytesWritten(): number;
  resize(cols: number, rows: number): void;
  /** signals the process in the pty (default SIGTERM) */
  kill(signal?: string): void;
  readonly exited: Promise<{ exitCode: number; signal?: number }>;
  /** what the terminal looks like now (after exit: alternate screen left, cursor visible?) */
  terminalState(): TerminalState;
  /** stty settings around the CLI (wrapInShell only); read after `exited` */
  stty(): SttyState;
  /** kills whatever is left of the process group, disposes the xterm, removes temp files */
  close(): Promise<void>;
}

export interface StartOptions {
  cols?: number;
  rows?: number;
  /** added to a clean environment (TERM=xterm-256color, no CONTAINERD_*, NO_COLOR, CTOP_THEME) */
  env?: NodeJS.ProcessEnv;
  /** run `bash -c 'stty -g > F1; node CLI …; stty -g > F2'` so stty() can compare the tty modes */
  wrapInShell?: boolean;
  /** wait for the first frame (the alternate screen) before resolving; default true */
  waitForStart?: boolean;
  /** a script to run instead of the CLI (e.g. a test fixture that runs the monitor); same args */
  entry?: string;
  /** a command that runs node, e.g. ['setpriv', '--reuid', 'nobody', …] to run the CLI as another user */
  prefix?: string[];
}

const SYNC_BEGIN = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';

const live = new Set<number>();
process.on('exit', () => {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function hasAddress(args: string[]): boolean {
  return args.some((a) => a === '-a' || a === '--address' || a.startsWith('--address='));
}

/** Starts the CLI in a pty; `-a SANDBOX_ADDRESS` is prepended unless args name an address. */
export async function startCtop(args: string[], options: StartOptions = {}): Promise<TerminalSession> {
  const cols = options.cols ?? 120;
  const rows = options.rows ?? 40;
  const cliArgs = hasAddress(args) ? args : ['-a', SANDBOX_ADDRESS, ...args];
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', COLORTERM: 'truecolor' };
  for (const key of ['CONTAINERD_ADDRESS', 'CONTAINERD_NAMESPACE', 'NO_COLOR', 'FORCE_COLOR', 'CTOP_THEME', 'CI']) delete env[key];
  Object.assign(env, options.env ?? {});

  let dir: string | null = null;
  const command = [...(options.prefix ?? []), process.execPath, options.entry ?? CLI, ...cliArgs];
  let file = command[0]!;
  let argv = command.slice(1);
  if (options.wrapInShell) {
    dir = mkdtempSync(join(tmpdir(), 'ctop-e2e-tty-'));
    const node = command.map(shellQuote).join(' ');
    const f1 = shellQuote(join(dir, 'before'));
    const f2 = shellQuote(join(dir, 'after'));
    file = '/bin/bash';
    argv = ['-c', `stty -g > ${f1}; ${node}; rc=$?; stty -g > ${f2}; exit $rc`];
  }

  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  const child = pty.spawn(file, argv, { name: 'xterm-256color', cols, rows, cwd: process.cwd(), env: env as Record<string, string> });
  live.add(child.pid);
  let raw = '';
  let bytes = 0;
  /** inside a synchronized update (CSI ?2026h … CSI ?2026l): the screen is half drawn, a real terminal shows
   * the previous frame until the end; waitFor does not judge such a screen */
  let midFrame = false;
  let syncTail = '';
  /** resolves when the xterm has parsed everything received so far */
  let parsed: Promise<void> = Promise.resolve();
  const listeners = new Set<() => void>();
  child.onData((data) => {
    raw += data;
    bytes += Buffer.byteLength(data);
    const text = syncTail + data;
    const begin = text.lastIndexOf(SYNC_BEGIN);
    const end = text.lastIndexOf(SYNC_END);
    if (begin !== -1 || end !== -1) midFrame = begin > end;
    syncTail = text.slice(-(SYNC_BEGIN.length - 1));
    parsed = new Promise<void>((resolve) => term.write(data, resolve)).then(() => {
      for (const l of listeners) l();
    });
  });
  let done = false;
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => {
    child.onExit((e) => {
      done = true;
      live.delete(child.pid);
      resolve(e.signal ? { exitCode: e.exitCode, signal: e.signal } : { exitCode: e.exitCode });
    });
  });

  // up to the terminal's width: after a narrowing xterm keeps the cells beyond it (for a widening back),
  // which a person does not see
  const screenNow = (): string => {
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y++) lines.push(buf.getLine(buf.viewportY + y)?.translateToString(true, 0, term.cols) ?? '');
    return lines.join('\n');
  };
  const flush = async (): Promise<void> => {
    // output may arrive while we wait: loop until the latest write has been parsed
    for (let p = parsed; ; p = parsed) {
      await p;
      if (p === parsed) return;
    }
  };
  const test = (match: ScreenMatch, text: string): boolean =>
    typeof match === 'string' ? text.includes(match) : match instanceof RegExp ? match.test(text) : match(text);

  const session: TerminalSession = {
    pid: child.pid,
    screen: screenNow,
    flush,
    highlighted() {
      const buf = term.buffer.active;
      const out: string[] = [];
      for (let y = 0; y < term.rows; y++) {
        const line = buf.getLine(buf.viewportY + y);
        const cell = line?.getCell(0);
        if (line && cell && (cell.isInverse() || !cell.isBgDefault())) out.push(line.translateToString(true, 0, term.cols));
      }
      return out;
    },
    async press(...keys: string[]) {
      for (const key of keys) {
        if (done) throw new Error(`press(${JSON.stringify(key)}): the program has exited\n${screenNow()}`);
        child.write(key);
        await sleep(40);
      }
    },
    async type(text: string) {
      await session.press(...Array.from(text));
    },
    async waitFor(match: ScreenMatch, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await flush();
        const text = screenNow();
        if ((!midFrame || done) && test(match, text)) return text;
        if (Date.now() > deadline) {
          const what = typeof match === 'function' ? 'condition' : String(match);
          throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${done ? ' (program exited)' : ''}; screen:\n${text}`);
        }
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            listeners.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, 50);
          listeners.add(wake);
        });
      }
    },
    rawOutput: () => raw,
    bytesWritten: () => bytes,
    resize(c: number, r: number) {
      term.resize(c, r);
      if (!done) child.resize(c, r);
    },
    kill(signal = 'SIGTERM') {
      if (!done) child.kill(signal);
    },
    exited,
    terminalState() {
      const show = raw.lastIndexOf('\x1b[?25h');
      const hide = raw.lastIndexOf('\x1b[?25l');
      return { alternateScreen: term.buffer.active.type === 'alternate', cursorVisible: show >= hide };
    },
    stty() {
      const read = (name: string): string | null => {
        if (!dir) return null;
        try {
          return readFileSync(join(dir, name), 'utf8').trim();
        } catch {
          return null;
        }
      };
      return { before: read('before'), after: read('after') };
    },
    async close() {
      if (!done) {
        try {
          process.kill(-child.pid, 'SIGKILL'); // the pty's session: the CLI and anything it started
        } catch {
          child.kill('SIGKILL');
        }
        await Promise.race([exited, sleep(3000)]);
      }
      live.delete(child.pid);
      await flush().catch(() => undefined);
      term.dispose();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };

  if (options.waitForStart ?? true) {
    try {
      await session.waitFor(() => term.buffer.active.type === 'alternate' || done, 20_000);
    } catch (error) {
      await session.close();
      throw error;
    }
  }
  return session;
}

/** Lines of `screen` that contain `text` (handy in assertion messages). */
export function linesWith(screen: string, text: string): string[] {
  return screen.split('\n').filter((l) => l.includes(text));
}

/** The row on screen containing `text`, or undefined. */
export function lineWith(screen: string, text: string): string | undefined {
  return screen.split('\n').find((l) => l.includes(text));
}

/**
 * The rows of the table on a monitor screen: the lines between the column header (under the title line
 * with the pane name) and the footer (`<enter>open …`), empty ones dropped.
 */
export function tableRows(screen: string): string[] {
  const lines = screen.split('\n');
  const title = lines.findIndex((l) => /─ \S+\(.*\)/.test(l));
  if (title < 0) return [];
  const rows: string[] = [];
  for (const line of lines.slice(title + 2)) {
    if (line.startsWith('<')) break;
    if (line.trim()) rows.push(line);
  }
  return rows;
}

/** The first column of each table row (the NAME column, or NAMESPACE with -A). */
export function firstColumn(screen: string): string[] {
  return tableRows(screen).map((l) => l.split(/\s+/)[0]!);
}
