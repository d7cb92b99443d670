// One exec process with a terminal, bridged to a pair of streams: Exec → Wait → Start → ResizePty, input and
// output copied both ways until it exits; afterwards the process is always deleted from the shim (killed
// first if it still runs) and the FIFOs removed — also on errors and on abort.
import type { Readable, Writable } from 'node:stream';
import type { ContainerdClient } from '../../client/api.js';
import { ClientError } from '../../client/errors.js';
import { fifoRoot, type ActionDeps } from '../deps.js';
import { isNotFound } from '../report.js';
import { openFifos } from './fifo.js';
import { newExecId } from './ids.js';

/** The user's side of the session: raw keystrokes in, terminal output out, and the terminal size. */
export interface ExecStreams {
  input: Readable;
  output: Writable;
  size(): { columns: number; rows: number };
  /** calls `listener` on every size change; returns the unsubscribe function */
  onResize?(listener: () => void): () => void;
}

export type ExecResult =
  /** Start failed: the process never ran. `missing` = its executable does not exist in the container */
  | { started: false; missing: boolean; error: ClientError | Error }
  | { started: true; exitStatus: number; /** ms from Start to exit */ ms: number; aborted: boolean };

export interface ExecOptions {
  /** kills the process (SIGKILL) and ends the session */
  signal?: AbortSignal;
  execId?: string;
}

/** What runc says (through containerd 1.6's Tasks.Start, code UNKNOWN) when argv[0] cannot be executed. */
export function isMissingExecutable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as ClientError).detail ?? ''}` : String(error);
  return /no such file or directory|executable file not found|not found in \$PATH|permission denied/i.test(text);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

function aborted(signal: AbortSignal | undefined): Promise<'aborted'> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) return resolve('aborted');
    signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
}

export async function runExec(
  deps: Pick<ActionDeps, 'client' | 'fifoRoot'>,
  namespace: string,
  containerId: string,
  args: string[],
  baseProcess: Record<string, unknown>,
  streams: ExecStreams,
  options: ExecOptions = {},
): Promise<ExecResult> {
  const client = deps.client;
  const execId = options.execId ?? newExecId(args[0]);
  const fifos = await openFifos(fifoRoot(deps), execId, true);
  const cleanups: (() => void)[] = [];
  let registered = false;
  let exited = false;
  let waiting: Promise<{ exitStatus: number } | { error: unknown }> | undefined;
  try {
    const { columns, rows } = streams.size();
    // From here on DeleteProcess runs in `finally` whatever happens (a failed Exec may still have registered it).
    registered = true;
    await client.exec(namespace, {
      containerId,
      execId,
      terminal: true,
      stdin: fifos.stdinPath,
      stdout: fifos.stdoutPath,
      stderr: '',
      process: { ...baseProcess, terminal: true, args, consoleSize: { height: rows, width: columns } },
    });

    const onOutput = (chunk: Buffer) => streams.output.write(chunk);
    fifos.output.on('data', onOutput);
    const outputClosed = new Promise<void>((resolve) => fifos.output.once('close', () => resolve()));

    // Wait before Start, so a process that exits at once is not missed.
    waiting = client.wait(namespace, containerId, execId).then(
      ({ exitStatus }) => ({ exitStatus }),
      (error: unknown) => ({ error }),
    );
    const startedAt = Date.now();
    try {
      await client.startProcess(namespace, containerId, execId);
    } catch (error) {
      exited = true; // never ran: nothing to kill
      return { started: false, missing: isMissingExecutable(error), error: error as Error };
    }

    const resize = () => {
      const size = streams.size();
      client.resizePty(namespace, containerId, execId, size.columns, size.rows).catch(() => undefined);
    };
    resize();
    const unsubscribe = streams.onResize?.(resize);
    if (unsubscribe) cleanups.push(unsubscribe);

    const onInput = () => {
      let chunk: unknown;
      while ((chunk = streams.input.read()) !== null) fifos.input.write(chunk as Buffer | string);
    };
    streams.input.on('readable', onInput);
    // Remove the listener without pausing the stream: a paused stdin would leave the resumed UI deaf.
    cleanups.push(() => streams.input.removeListener('readable', onInput));
    onInput();

    const first = await Promise.race([waiting, aborted(options.signal)]);
    const result =
      first !== 'aborted'
        ? first
        : await client
            .kill(namespace, containerId, 9, { execId })
            .catch(() => undefined)
            .then(() => Promise.race([waiting!, sleep(5000).then(() => ({ error: new Error('exec did not exit after SIGKILL') }))]));
    if ('error' in result) throw result.error;
    exited = true;
    const ms = Date.now() - startedAt;
    // The exit status can arrive before the last output: drain until the shim closes its end (briefly).
    await Promise.race([outputClosed, sleep(300)]);
    return { started: true, exitStatus: result.exitStatus, ms, aborted: first === 'aborted' };
  } finally {
    for (const cleanup of cleanups.reverse()) cleanup();
    if (registered) await removeProcess(client, namespace, containerId, execId, exited, waiting);
    await fifos.close();
  }
}

/** DeleteProcess, killing the process first when it may still run; tolerant of "already gone". */
async function removeProcess(
  client: ContainerdClient,
  namespace: string,
  containerId: string,
  execId: string,
  exited: boolean,
  waiting: Promise<unknown> | undefined,
): Promise<void> {
  if (!exited) {
    await client.kill(namespace, containerId, 9, { execId }).catch(() => undefined);
    if (waiting) await Promise.race([waiting, sleep(5000)]);
  }
  for (let tries = 0; tries < 3; tries++) {
    try {
      await client.deleteProcess(namespace, containerId, execId);
      return;
    } catch (error) {
      if (isNotFound(error)) return;
      // still running (failed precondition) or a hiccup: kill again and retry
      await client.kill(namespace, containerId, 9, { execId }).catch(() => undefined);
      await sleep(200);
    }
  }
}
