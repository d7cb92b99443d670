// The gRPC plumbing: one channel to the socket, typed unary and server-streaming calls built from the
// generated service definitions, the namespace header and a deadline on every call.
import { Client, credentials, Metadata, type ClientReadableStream } from '@grpc/grpc-js';
import { toClientError } from './errors.js';

/** The part of a generated `XxxService` method definition a client call needs. */
export interface MethodDefinition<Req, Res> {
  path: string;
  requestSerialize: (value: Req) => Buffer;
  responseDeserialize: (value: Buffer) => Res;
}

const NAMESPACE_HEADER = 'containerd-namespace';
/** containerd's own limit; grpc-js would stop at 4 MiB and big container lists (full OCI specs) exceed it */
const MAX_MESSAGE_BYTES = 16 << 20;

export class Rpc {
  private readonly client: Client;

  constructor(
    readonly socketPath: string,
    private readonly timeoutMs: number,
  ) {
    this.client = new Client(`unix://${socketPath}`, credentials.createInsecure(), {
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
      // HTTP/2's default window is 64 KiB: a reply of thousands of containers (~3 KB each) then waits for a
      // window update from us every 64 KiB, and at start-up our event loop is busy loading the UI between
      // them. A window as large as the largest message lets containerd send a whole reply at once.
      'grpc-node.flow_control_window': MAX_MESSAGE_BYTES,
      // reconnect quickly after a daemon restart; the sync engine does its own backoff
      'grpc.initial_reconnect_backoff_ms': 200,
      'grpc.max_reconnect_backoff_ms': 2000,
    });
  }

  private metadata(namespace: string | undefined): Metadata {
    const md = new Metadata();
    if (namespace) md.set(NAMESPACE_HEADER, namespace);
    return md;
  }

  unary<Req, Res>(
    method: MethodDefinition<Req, Res>,
    request: Req,
    namespace?: string,
    options: { timeoutMs?: number | null } = {},
  ): Promise<Res> {
    const timeout = options.timeoutMs === undefined ? this.timeoutMs : options.timeoutMs;
    const deadline = timeout === null ? Infinity : Date.now() + timeout;
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        this.metadata(namespace),
        { deadline },
        (error, response) => {
          if (error || response === undefined) reject(toClientError(error, this.socketPath, describe(method.path)));
          else resolve(response);
        },
      );
    });
  }

  /**
   * A server stream as an async iterable; errors surface as ClientErrors; abort cancels the call.
   * The deadline covers the whole stream (`timeoutMs: null` for endless ones such as events).
   */
  async *stream<Req, Res>(
    method: MethodDefinition<Req, Res>,
    request: Req,
    namespace?: string,
    options: { signal?: AbortSignal; timeoutMs?: number | null } = {},
  ): AsyncIterable<Res> {
    const { signal } = options;
    const timeout = options.timeoutMs === undefined ? this.timeoutMs : options.timeoutMs;
    const call: ClientReadableStream<Res> = this.client.makeServerStreamRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      request,
      this.metadata(namespace),
      { deadline: timeout === null ? Infinity : Date.now() + timeout },
    );
    const cancel = () => call.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      for await (const message of call) yield message as Res;
    } catch (error) {
      if (signal?.aborted) return;
      throw toClientError(error, this.socketPath, describe(method.path));
    } finally {
      signal?.removeEventListener('abort', cancel);
      call.cancel();
    }
  }

  /**
   * Resolves once the channel is connected (the calls made before are then on their way), when connecting
   * failed (those calls report it), or after `timeoutMs`, whichever comes first.
   */
  connected(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => this.client.waitForReady(Date.now() + timeoutMs, () => resolve()));
  }

  close(): void {
    this.client.close();
  }
}

/** "/containerd.services.tasks.v1.Tasks/Metrics" → "Tasks.Metrics" */
function describe(path: string): string {
  const [service = '', method = ''] = path.slice(1).split('/');
  return `${service.slice(service.lastIndexOf('.') + 1)}.${method}`;
}
