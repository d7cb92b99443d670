// Where ctop-ts is installed: the folder of its package.json. Files that ship beside the code (package.json
// itself, themes/) are found from there, because the code runs from two depths below it: tsc's output
// (dist/src/cli/version.js, dist/src/ui/theme/load.js) and the bundle (dist/bundle/*.js, see
// scripts/bundle.mjs), where every module ends up in some chunk and import.meta.url is the chunk's.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OwnPackage {
  /** the folder holding ctop-ts' package.json */
  root: string;
  version: string;
}

let found: OwnPackage | undefined;

function manifestAt(dir: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return undefined; // none here (or not readable JSON): keep walking up
  }
}

/** ctop-ts' own package: the nearest package.json named ctop-ts above this module. */
export function ownPackage(): OwnPackage {
  if (found) return found;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = manifestAt(dir);
    if (manifest?.name === 'ctop-ts') return (found = { root: dir, version: String(manifest.version) });
    if (dirname(dir) === dir) throw new Error(`cannot find the package.json of ctop-ts above ${start}`);
  }
}
