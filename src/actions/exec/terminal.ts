// The user's real terminal as ExecStreams: raw mode while the shell runs, keystrokes read with a
// `readable` listener (removed afterwards, stdin never paused, so the resumed UI still hears keys), the
// size from stdout, and SIGTERM/SIGHUP/SIGINT turned into "end the session cleanly, then die as asked".
import type { Readable, Writable } from 'node:stream';
import type { ExecStreams } from './session.js';

export interface TerminalInput extends Readable {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
  ref?(): unknown;
  unref?(): unknown;
}

export interface TerminalOutput extends Writable {
  columns?: number;
  rows?: number;
}

const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

/**
 * Runs `session` with the terminal bridged. The UI must have let go of the terminal first (left the
 * alternate screen, raw mode off, its stdin listener removed: Ink 7's suspendTerminal does all three).
 */
export async function withTerminal<T>(
  stdin: TerminalInput,
  stdout: TerminalOutput,
  session: (streams: ExecStreams, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let caught: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    caught = signal;
    controller.abort();
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  const wasRaw = Boolean(stdin.isRaw);
  if (stdin.isTTY) stdin.setRawMode?.(true);
  stdin.ref?.();
  const streams: ExecStreams = {
    input: stdin,
    output: stdout,
    size: () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 }),
    onResize(listener) {
      stdout.on('resize', listener);
      return () => stdout.removeListener('resize', listener);
    },
  };
  try {
    return await session(streams, controller.signal);
  } finally {
    if (stdin.isTTY) stdin.setRawMode?.(wasRaw);
    stdin.unref?.();
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    // The exec is deleted by now; die the way the signal asked (unless someone else handles it).
    if (caught && process.listenerCount(caught) === 0) process.kill(process.pid, caught);
  }
}
