// The FIFOs of one exec process, in a private directory the shim can open (containerd-api.md §7):
// our ends are opened before Exec/Start so neither side ever blocks.
import { execFile } from 'node:child_process';
import { constants, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface FifoSet {
  dir: string;
  /** paths handed to Tasks.Exec */
  stdinPath: string;
  stdoutPath: string;
  /** '' with a terminal (the pty merges stderr into stdout) */
  stderrPath: string;
  /** we write the user's keystrokes here */
  input: Socket;
  /** the process's output arrives here */
  output: Socket;
  /** stderr without a terminal */
  errorOutput: Socket | null;
  /** closes our ends and removes the directory; safe to call twice */
  close(): Promise<void>;
}

export async function openFifos(root: string, execId: string, terminal: boolean): Promise<FifoSet> {
  const dir = await mkdtemp(join(root, 'ctop-ts-exec-')); // mode 0700
  const sockets: Socket[] = [];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const s of sockets) s.destroy();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const stdinPath = join(dir, `${execId}-stdin`);
    const stdoutPath = join(dir, `${execId}-stdout`);
    const stderrPath = terminal ? '' : join(dir, `${execId}-stderr`);
    // Node has no mkfifo(3); the coreutils command does it.
    await run('mkfifo', ['-m', '0600', stdinPath, stdoutPath, ...(stderrPath ? [stderrPath] : [])]);
    // O_RDWR on a FIFO never blocks and never fails with ENXIO (O_WRONLY would until the shim reads).
    const input = new Socket({ fd: openSync(stdinPath, constants.O_RDWR | constants.O_NONBLOCK), readable: false, writable: true });
    sockets.push(input);
    const readEnd = (path: string) => {
      const socket = new Socket({ fd: openSync(path, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false });
      sockets.push(socket);
      return socket;
    };
    const output = readEnd(stdoutPath);
    const errorOutput = stderrPath ? readEnd(stderrPath) : null;
    for (const s of sockets) s.on('error', () => undefined); // EPIPE/EOF races at the end are not failures
    return { dir, stdinPath, stdoutPath, stderrPath, input, output, errorOutput, close };
  } catch (error) {
    await close();
    throw error;
  }
}
