// Turns gRPC and socket failures into words a user can act on.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { constants as fsConstants, promises as fs } from 'node:fs';
import { KNOWN_SOCKETS } from './address.js';

export type ClientErrorKind =
  | 'socket-missing' // nothing at the path
  | 'permission-denied' // the socket exists but we may not open it
  | 'not-containerd' // something answered, but not containerd's gRPC API
  | 'unavailable' // the daemon went away or is restarting
  | 'not-found'
  | 'already-exists'
  | 'failed-precondition'
  | 'unimplemented' // the server is too old for this RPC
  | 'deadline'
  | 'too-large' // a message passed a gRPC size limit (containerd's send limit or our receive limit)
  | 'unknown';

export class ClientError extends Error {
  constructor(
    readonly kind: ClientErrorKind,
    message: string,
    /** the raw cause, for --debug */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}


interface GrpcLikeError {
  code?: number;
  details?: string;
  message?: string;
}

function isGrpcError(error: unknown): error is GrpcLikeError {
  return typeof error === 'object' && error !== null && typeof (error as GrpcLikeError).code === 'number';
}

/** Checks the socket path before dialling, so the user gets the real reason instead of a gRPC timeout. */
export async function checkSocket(path: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES') throw permissionDenied(path);
    const others = KNOWN_SOCKETS.filter((p) => p !== path).join(', ');
    throw new ClientError(
      'socket-missing',
      `containerd socket not found at ${path} (is containerd running? other usual places: ${others}; choose one with -a/--address or CONTAINERD_ADDRESS)`,
      String(error),
    );
  }
  if (!stat.isSocket()) {
    throw new ClientError('not-containerd', `${path} is not a socket, so it cannot be containerd's API (choose the socket with -a/--address)`);
  }
  try {
    await fs.access(path, fsConstants.R_OK | fsConstants.W_OK);
  } catch (error) {
    throw permissionDenied(path, String(error));
  }
}

function permissionDenied(path: string, detail?: string): ClientError {
  return new ClientError(
    'permission-denied',
    `permission denied opening ${path}: run ctop-ts as root (sudo) or as a member of the socket's group`,
    detail,
  );
}

/** Maps any failure of a call to a ClientError with words a user can act on. */
export function toClientError(error: unknown, path: string, what: string): ClientError {
  if (error instanceof ClientError) return error;
  if (!isGrpcError(error)) return new ClientError('unknown', `${what}: ${String((error as Error)?.message ?? error)}`);
  const details = error.details ?? error.message ?? '';
  switch (error.code) {
    case GrpcStatus.UNAVAILABLE:
      if (/EACCES/.test(details)) return permissionDenied(path, details);
      if (/ENOENT/.test(details)) return new ClientError('socket-missing', `containerd socket not found at ${path}`, details);
      if (/ECONNREFUSED|ECONNRESET|closed|ENOTSOCK/i.test(details) || details === '') {
        return new ClientError('unavailable', `containerd at ${path} is not answering (daemon stopped or restarting)`, details);
      }
      if (/protocol|http2|frame/i.test(details)) return notContainerd(path, details);
      return new ClientError('unavailable', `containerd at ${path} is not answering: ${details}`, details);
    case GrpcStatus.DEADLINE_EXCEEDED:
      return new ClientError('deadline', `${what}: containerd at ${path} did not answer in time`, details);
    case GrpcStatus.NOT_FOUND:
      return new ClientError('not-found', `${what}: ${details}`, details);
    case GrpcStatus.ALREADY_EXISTS:
      return new ClientError('already-exists', `${what}: ${details}`, details);
    case GrpcStatus.FAILED_PRECONDITION:
      return new ClientError('failed-precondition', `${what}: ${details}`, details);
    case GrpcStatus.UNIMPLEMENTED:
      return new ClientError('unimplemented', `${what}: this containerd does not support it (${details})`, details);
    case GrpcStatus.PERMISSION_DENIED:
      return permissionDenied(path, details);
    case GrpcStatus.RESOURCE_EXHAUSTED:
      // containerd (grpc-go): "grpc: trying to send message larger than max (18351192 vs. 16777216)";
      // grpc-js receiving: "Received message larger than max (…)". Other exhaustion (quotas) stays unknown.
      if (/larger than max/i.test(details)) {
        return new ClientError('too-large', `${what}: the reply is larger than gRPC's message size limit (${details})`, details);
      }
      return new ClientError('unknown', `${what}: ${details}`, details);
    case GrpcStatus.INTERNAL:
      if (/protocol|http2|frame|Received RST/i.test(details)) return notContainerd(path, details);
      return new ClientError('unknown', `${what}: ${details}`, details);
    default:
      return new ClientError('unknown', `${what}: ${details}`, details);
  }
}

function notContainerd(path: string, detail: string): ClientError {
  return new ClientError('not-containerd', `${path} does not speak containerd's gRPC API`, detail);
}
