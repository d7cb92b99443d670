// Socket addresses as ctr and nerdctl users type them.

export const DEFAULT_ADDRESS = '/run/containerd/containerd.sock';

/** Where containerd's socket usually is, for the "socket missing" message. */
export const KNOWN_SOCKETS = [
  '/run/containerd/containerd.sock',
  '/run/k3s/containerd/containerd.sock',
  '/var/snap/microk8s/common/run/containerd.sock',
  '/run/docker/containerd/containerd.sock',
];

/** Accepts `/path`, `unix:///path` and `unix:/path`; returns the plain socket path. */
export function socketPath(address: string): string {
  const trimmed = address.trim();
  if (trimmed.startsWith('unix://')) return trimmed.slice('unix://'.length);
  if (trimmed.startsWith('unix:')) return trimmed.slice('unix:'.length);
  return trimmed;
}
