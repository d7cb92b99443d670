// What ctop-ts does once started: parse flags, connect, then print a batch snapshot or run the monitor.
import { connect } from '../client/containerd.js';
import { ClientError } from '../client/errors.js';
import { parseOptions, UsageError, USAGE, type Options } from './options.js';
import { takeSnapshot } from './snapshot.js';
import { renderTable } from './table.js';
import { readVersion } from './version.js';

export interface Io {
  argv: string[];
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

async function runBatch(options: Options, io: Io): Promise<void> {
  const client = await connect(options.address);
  try {
    const doc = await takeSnapshot(client, options.namespace, options.interval);
    await writeAll(io.stdout, options.json ? JSON.stringify(doc, null, 2) + '\n' : renderTable(doc));
  } finally {
    client.close();
  }
}

/** Writes `text`; a reader that went away (`ctop-ts --batch | head -1`) is not an error, anything else is. */
async function writeAll(stream: NodeJS.WriteStream, text: string): Promise<void> {
  let failure: Error | undefined;
  // without a listener, EPIPE would be an unhandled 'error' event: a crash with a stack trace
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') failure ??= error;
  });
  const error = await new Promise<Error | null | undefined>((resolve) => stream.write(text, resolve));
  if (error && (error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  if (failure) throw failure;
}

/** A command line we cannot run: one line, a hint for usage errors, exit code 2. */
function badCommandLine(io: Io, error: unknown): number {
  io.stderr.write(`ctop-ts: ${(error as Error).message}\n${error instanceof UsageError ? 'Try ctop-ts --help.\n' : ''}`);
  return 2;
}

/** Returns the process exit code; never throws. */
export async function main(io: Io): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(io.argv, io.env, Boolean(io.stdout.isTTY));
  } catch (error) {
    return badCommandLine(io, error);
  }
  if (options.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`ctop-ts ${readVersion()}\n`);
    return 0;
  }
  try {
    if (options.batch) await runBatch(options, io);
    else {
      // React's development build checks every render; a monitor that redraws each second wants the lean one
      io.env.NODE_ENV ??= 'production';
      const { runMonitor } = await import('./monitor.js');
      await runMonitor(options, io);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return badCommandLine(io, error);
    const message = error instanceof ClientError ? error.message : `unexpected error: ${(error as Error)?.message ?? error}`;
    io.stderr.write(`ctop-ts: ${message}\n`);
    if (options.debug) io.stderr.write(`${error instanceof ClientError ? error.detail ?? '' : (error as Error)?.stack ?? ''}\n`);
    return 1;
  }
}
