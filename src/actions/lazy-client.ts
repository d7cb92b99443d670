// The sync engine replaces its client on every reconnect (SyncEngine.currentClient; null while disconnected).
// Actions take a getter and see it as one ContainerdClient whose calls fail with "not connected" meanwhile.
import type { ContainerdClient } from '../client/api.js';
import { ClientError } from '../client/errors.js';

export type ClientSource = ContainerdClient | (() => ContainerdClient | null);

export function resolveClient(source: ClientSource): ContainerdClient {
  if (typeof source !== 'function') return source;
  const current = () => {
    const client = source();
    if (!client) throw new ClientError('unavailable', 'not connected to containerd (reconnecting)');
    return client;
  };
  return new Proxy({} as ContainerdClient, {
    get(_, prop) {
      if (prop === 'address') return source()?.address ?? '';
      if (prop === 'then') return undefined; // not a thenable
      return (...args: unknown[]) => {
        let client: ContainerdClient;
        try {
          client = current();
        } catch (error) {
          return Promise.reject(error);
        }
        const method = (client as unknown as Record<PropertyKey, unknown>)[prop];
        if (typeof method !== 'function') return Promise.reject(new ClientError('unknown', `client has no ${String(prop)}`));
        return (method as (...a: unknown[]) => unknown).apply(client, args);
      };
    },
  });
}
