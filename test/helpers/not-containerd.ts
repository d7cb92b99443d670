// A gRPC server on a unix socket that serves none of containerd's services: what a socket that "answers
// gRPC but is not containerd" looks like, for the startup-failure tests (client and terminal).
import { Server, ServerCredentials } from '@grpc/grpc-js';

/** Serves gRPC at `path` with no services; call close() when done. */
export async function grpcServerWithoutServices(path: string): Promise<{ close(): void }> {
  const server = new Server();
  await new Promise<void>((resolve, reject) =>
    server.bindAsync(`unix://${path}`, ServerCredentials.createInsecure(), (error) => (error ? reject(error) : resolve())),
  );
  return { close: () => server.forceShutdown() };
}
