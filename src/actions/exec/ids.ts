// Exec ids: valid containerd identifiers ([A-Za-z0-9]+([._-][A-Za-z0-9]+)*, at most 76 characters).
import { randomBytes } from 'node:crypto';

const IDENTIFIER = /^[A-Za-z0-9]+([._-][A-Za-z0-9]+)*$/;

export function isIdentifier(id: string): boolean {
  return id.length <= 76 && IDENTIFIER.test(id);
}

/** "ctop-sh-1f2e3d4c" for /bin/sh: recognisable in `ctr task ps`, unique, always valid. */
export function newExecId(command = 'exec'): string {
  const base = command.slice(command.lastIndexOf('/') + 1).replace(/[^A-Za-z0-9]+/g, '').slice(0, 24) || 'exec';
  return `ctop-${base}-${randomBytes(4).toString('hex')}`;
}
