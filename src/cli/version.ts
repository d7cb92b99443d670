import { readFileSync } from 'node:fs';

/** The version from package.json (dist/src/cli → three levels up). */
export function readVersion(): string {
  const url = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}
