// Makes sure the terminal is given back as it was on every way out: normal exit, Ctrl-C, SIGTERM,
// SIGHUP (a dropped SSH session) and crashes. Crashes are logged to a file the message names.
import { appendFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Leave the alternate screen, show the cursor, reset styles, disable mouse/bracketed paste modes. */
export const RESTORE_SEQUENCE = '\x1b[?1049l\x1b[?25h\x1b[0m';

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'ctop-ts');
}

export function logCrash(error: unknown, env: NodeJS.ProcessEnv = process.env): string | null {
  try {
    const dir = stateDir(env);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'crash.log');
    const text = error instanceof Error ? error.stack ?? error.message : String(error);
    appendFileSync(file, `${new Date().toISOString()} ${text}\n`);
    return file;
  } catch {
    return null;
  }
}

export interface TerminalGuard {
  /** restores the terminal (idempotent) */
  restore(): void;
  /**
   * A synchronous teardown run first by restore(): unmounting the UI, so that it leaves the alternate
   * screen itself. Otherwise its exit hook would repaint its last frame after we left the alternate
   * screen, clearing the normal screen (and the crash message) on the way out.
   */
  setTeardown(teardown: (() => void) | null): void;
  dispose(): void;
}

/**
 * Installs handlers that restore the terminal and end the process. `onSignal` gets a chance to
 * shut down cleanly (unmount the UI, stop the engine) before the process exits.
 */
export function guardTerminal(
  stdin: NodeJS.ReadStream,
  stdout: NodeJS.WriteStream,
  stderr: NodeJS.WriteStream,
  onShutdown: () => Promise<void>,
): TerminalGuard {
  let restored = false;
  let teardown: (() => void) | null = null;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      teardown?.();
    } catch {
      // the UI may be what failed; the sequence below restores the terminal anyway
    }
    try {
      if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
    } catch {
      // stdin may already be gone (SIGHUP)
    }
    if (stdout.isTTY && stdout.writable) stdout.write(RESTORE_SEQUENCE);
  };
  const exitAfterShutdown = (code: number) => {
    const timer = setTimeout(() => {
      restore();
      process.exit(code);
    }, 1000);
    void onShutdown()
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer);
        restore();
        process.exit(code);
      });
  };
  const onSigint = () => exitAfterShutdown(130);
  const onSigterm = () => exitAfterShutdown(143);
  const onSighup = () => exitAfterShutdown(129);
  const onCrash = (error: unknown) => {
    restore();
    const file = logCrash(error);
    stderr.write(`ctop-ts: unexpected error: ${(error as Error)?.message ?? error}${file ? ` (details in ${file})` : ''}\n`);
    process.exit(70);
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  process.on('SIGHUP', onSighup);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('exit', restore);
  return {
    restore,
    setTeardown(next) {
      teardown = next;
    },
    dispose() {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      process.off('SIGHUP', onSighup);
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
      process.off('exit', restore);
    },
  };
}
