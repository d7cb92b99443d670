import { ownPackage } from '../package-root.js';

/** The version from ctop-ts' package.json. */
export function readVersion(): string {
  return ownPackage().version;
}
