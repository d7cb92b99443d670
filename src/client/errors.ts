// Turns gRPC and socket failures into words a user can act on.

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
