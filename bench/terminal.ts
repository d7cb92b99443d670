// Terminal figures of the real CLI: it runs under node-pty at 120x40 (TERM=xterm-256color); every byte it
// writes is counted and fed to a headless xterm. A frame is one synchronized update (Ink wraps each write in
// CSI ?2026h … CSI ?2026l), so frame boundaries are exact. CPU and RSS are read from /proc/<pid>.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';
import { sleep } from '../test/helpers/sandbox.js';
import { cpuOver } from './cpu.js';
import { median } from './util.js';

export const COLUMNS = 120;
export const ROWS = 40;
const FRAME_END = '\x1b[?2026l';
/** the second CPU window starts this long after the monitor: past the first periodic resync (at 30 s for small namespaces; see resyncDelay). V8's memory reducer shrinks the heap grown at start-up ~30 s in: before the window for small heaps, inside it at 5,000 containers (32-40 s in; README) */
const STEADY_AFTER_MS = 32_000;

export interface TerminalOptions {
  /** the command that starts the monitor on `namespace` (e.g. node dist/bundle/main.js -a SOCK -n NS) */
  command: string[];
  /** text on screen once the list is drawn (a container id of the namespace) */
  ready: string;
  /** text on screen once the whole list is in (the title's final count: the first rows may come before it) */
  whole: string;
  /** starts measured for the first frame, after one more that fills an empty compile cache (not counted) */
  launches: number;
  idleSeconds: number;
  /** a second CPU window, from 32 s after start (see STEADY_AFTER_MS) */
  steadySeconds: number;
  keypresses: number;
  /** containerd and its shims (see daemonPids) */
  daemonPids: () => number[];
}

export interface TerminalResult {
  /** spawn → the first frame that shows the list (median over launches) */
  firstFrameMs: number;
  /** each launch's, in order */
  firstFramesMs: number[];
  /** the same for the first start, with Node's compile cache empty (as after installing) */
  coldFirstFrameMs: number;
  /** spawn → the first byte written (median over launches): start-up before any drawing */
  firstOutputMs: number;
  /** spawn → the frame that shows the whole list (median over launches) */
  wholeListMs: number;
  /** bytes of a whole-screen repaint at 120x40 (the frame after a resize from 121 columns) */
  fullFrameBytes: number;
  /** frames written while idle, and their median size */
  idleFrames: number;
  tickBytes: number;
  idleBytesPerSecond: number;
  /** % of one core over the idle window, for each of two monitors running side by side */
  cpuPercents: number[];
  /** % of one core over the steady window (see TerminalOptions.steadySeconds), for each monitor */
  steadyCpuPercents: number[];
  rssMiB: number;
  /** `j`/`k` written → the end of the next frame (median) */
  keyMs: number;
  /** % of one core containerd and its shims used, with no monitor running (before the first start) and while two watched (the steady window) */
  daemonCpuPercents: { none: number; twoMonitors: number };
}

interface Frame {
  at: number;
  /** bytes written since the previous frame ended */
  bytes: number;
}

/** One run of the monitor under a pty, with its output split into frames and mirrored in an xterm. */
class Session {
  readonly started = performance.now();
  readonly frames: Frame[] = [];
  firstOutputAt = NaN;
  private readonly child: pty.IPty;
  // reading `buffer` is a proposed API in @xterm/headless 6
  private readonly screen = new xterm.Terminal({ cols: COLUMNS, rows: ROWS, allowProposedApi: true });
  private pending = 0;
  private tail = '';
  /** called with a frame's end time once the xterm has parsed it */
  private watcher: ((at: number) => void) | null = null;
  private exited: Promise<void>;

  constructor(command: string[], extraEnv: Record<string, string>) {
    const [file, ...args] = command;
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', ...extraEnv };
    for (const key of ['CONTAINERD_ADDRESS', 'CONTAINERD_NAMESPACE', 'NO_COLOR', 'CTOP_THEME']) delete env[key];
    this.child = pty.spawn(file!, args, { name: 'xterm-256color', cols: COLUMNS, rows: ROWS, cwd: process.cwd(), env: env as Record<string, string> });
    this.exited = new Promise((resolve) => this.child.onExit(() => resolve()));
    this.child.onData((data) => this.receive(data));
  }

  get pid(): number {
    return this.child.pid;
  }

  private receive(data: string): void {
    if (Number.isNaN(this.firstOutputAt)) this.firstOutputAt = performance.now();
    this.pending += Buffer.byteLength(data);
    // the marker may be split between chunks: keep the tail that could start one
    const text = this.tail + data;
    let from = 0;
    let end: number;
    while ((end = text.indexOf(FRAME_END, from)) !== -1) {
      from = end + FRAME_END.length;
      // bytes of this chunk after the marker belong to the next frame
      const after = Buffer.byteLength(text.slice(from));
      this.frames.push({ at: performance.now(), bytes: this.pending - after });
      this.pending = after;
    }
    this.tail = text.slice(Math.max(from, text.length - FRAME_END.length + 1));
    // judge the screen only where a frame ended: half a synchronized update is not what a terminal shows
    const ended = from > 0 ? this.frames.at(-1)!.at : null;
    this.screen.write(data, () => {
      if (ended !== null) this.watcher?.(ended);
    });
  }

  /** Resolves with the time the frame that first put `text` on screen ended. */
  waitFor(text: string, timeoutMs = 20_000): Promise<number> {
    const last = this.frames.at(-1);
    if (last && this.screenText().includes(text)) return Promise.resolve(last.at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.watcher = null;
        reject(new Error(`"${text}" not on screen after ${timeoutMs} ms:\n${this.screenText()}`));
      }, timeoutMs);
      void this.exited.then(() => reject(new Error(`${this.child.process} exited:\n${this.screenText()}`)));
      this.watcher = (at) => {
        if (!this.screenText().includes(text)) return;
        this.watcher = null;
        clearTimeout(timer);
        resolve(at);
      };
    });
  }

  /** Resolves with the time the next frame after now ends. */
  async nextFrame(timeoutMs = 5000): Promise<number> {
    const count = this.frames.length;
    const deadline = performance.now() + timeoutMs;
    while (this.frames.length === count) {
      if (performance.now() > deadline) throw new Error('no frame');
      await sleep(1);
    }
    return this.frames[count]!.at;
  }

  screenText(): string {
    const buffer = this.screen.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  write(data: string): void {
    this.child.write(data);
  }

  resize(columns: number, rows: number): void {
    this.child.resize(columns, rows);
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await this.exited;
    clearTimeout(timer);
    this.screen.dispose();
  }
}

function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

export async function measureTerminal(options: TerminalOptions): Promise<TerminalResult> {
  const firstFrames: number[] = [];
  const firstOutputs: number[] = [];
  const wholeLists: number[] = [];
  // every start shares one compile cache, empty at first: the first start is measured apart (cold), the
  // others start as they would after any earlier run
  const cache = mkdtempSync(join(tmpdir(), 'ctop-bench-cache-'));
  /** starts the monitor and waits for the list on screen; the session keeps running */
  const start = async () => {
    const session = new Session(options.command, { NODE_COMPILE_CACHE: cache });
    try {
      const shown = (await session.waitFor(options.ready)) - session.started;
      const firstOutput = session.firstOutputAt - session.started;
      const whole = (await session.waitFor(options.whole)) - session.started;
      return { session, shown, firstOutput, whole };
    } catch (error) {
      await session.stop();
      throw error;
    }
  };
  try {
    const { percent: daemonAlone } = await cpuOver(options.daemonPids(), options.idleSeconds);
    const cold = await start();
    await cold.session.stop();
    const measured = async () => {
      const started = await start();
      firstFrames.push(started.shown);
      firstOutputs.push(started.firstOutput);
      wholeLists.push(started.whole);
      return started.session;
    };
    for (let i = 1; i < options.launches; i++) await (await measured()).stop();
    // the last start stays up with a second monitor beside it: two processes' idle CPU in the same minute
    const main = await measured();
    const beside = await start().then(({ session }) => session, async (error: unknown) => {
      await main.stop();
      throw error;
    });
    try {
      const [measuredMain, measuredBeside] = await Promise.all([watch(main, options, true), watch(beside, options, false)]);
      return {
        firstFrameMs: median(firstFrames),
        firstFramesMs: firstFrames,
        coldFirstFrameMs: cold.shown,
        firstOutputMs: median(firstOutputs),
        wholeListMs: median(wholeLists),
        ...measuredMain.screen!,
        cpuPercents: [measuredMain.cpuPercent, measuredBeside.cpuPercent],
        steadyCpuPercents: [measuredMain.steadyCpuPercent, measuredBeside.steadyCpuPercent],
        daemonCpuPercents: { none: daemonAlone, twoMonitors: measuredMain.daemonWatchedPercent! },
      };
    } finally {
      await Promise.all([main.stop(), beside.stop()]);
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

interface Watched {
  cpuPercent: number;
  steadyCpuPercent: number;
  /** containerd's and its shims' over the steady window, for the monitor that was also sent keys */
  daemonWatchedPercent?: number;
  /** what the terminal got, for the monitor that was also sent keys */
  screen?: Pick<TerminalResult, 'fullFrameBytes' | 'idleFrames' | 'tickBytes' | 'idleBytesPerSecond' | 'rssMiB' | 'keyMs'>;
}

/** A running monitor's idle and steady windows; with `interactive`, also its bytes, keys and repaint. */
async function watch(session: Session, options: TerminalOptions, interactive: boolean): Promise<Watched> {
  await sleep(2000); // let the first metrics polls land
  // idle: nobody types, the namespace does not change. The engine's full resync (every 30 s) falls
  // outside a window of up to ~25 s that starts here.
  const fromFrame = session.frames.length;
  const { percent: cpuPercent, seconds } = await cpuOver([session.pid], options.idleSeconds);
  let screen: Watched['screen'];
  if (interactive) {
    const rss = rssMiB(session.pid);
    const idle = session.frames.slice(fromFrame);
    const idleBytes = idle.reduce((sum, f) => sum + f.bytes, 0);

    // keypresses: down and up alternately, spaced so that each lands after the previous frame settled
    const keyTimes: number[] = [];
    for (let i = 0; i < options.keypresses; i++) {
      await sleep(150 + (i % 5) * 20);
      const sent = performance.now();
      const frame = session.nextFrame();
      session.write(i % 2 ? 'k' : 'j');
      keyTimes.push((await frame) - sent);
    }

    // a whole-screen repaint: Ink erases and redraws everything when the terminal gets narrower
    session.resize(COLUMNS + 1, ROWS);
    await sleep(300);
    const repaint = session.frames.length;
    session.resize(COLUMNS, ROWS);
    await session.nextFrame();
    await sleep(300);
    screen = {
      fullFrameBytes: Math.max(...session.frames.slice(repaint).map((f) => f.bytes)),
      idleFrames: idle.length,
      tickBytes: median(idle.map((f) => f.bytes)) || 0,
      idleBytesPerSecond: idleBytes / seconds,
      rssMiB: rss,
      keyMs: median(keyTimes),
    };
  }

  await sleep(Math.max(0, session.started + STEADY_AFTER_MS - performance.now()));
  // the daemon's share over the same window, while both monitors poll it (measured beside the first)
  const [{ percent: steadyCpuPercent }, daemon] = await Promise.all([
    cpuOver([session.pid], options.steadySeconds),
    interactive ? cpuOver(options.daemonPids(), options.steadySeconds) : null,
  ]);
  return { cpuPercent, steadyCpuPercent, screen, daemonWatchedPercent: daemon?.percent };
}
