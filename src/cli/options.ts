// Command-line flags and environment, named as ctr and nerdctl users expect.
import { parseArgs } from 'node:util';
import { DEFAULT_ADDRESS } from '../client/address.js';

export interface Options {
  address: string;
  /** null = all namespaces */
  namespace: string | null;
  batch: boolean;
  json: boolean;
  /** seconds between the two metric samples of batch mode */
  interval: number;
  /** seconds between metric refreshes in the UI */
  refresh: number;
  readonly: boolean;
  theme: string | undefined;
  shell: string | undefined;
  debug: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE = `ctop-ts: a terminal UI for containerd

Usage: ctop-ts [flags]

  -a, --address PATH      containerd socket, path or unix:// URL
                          (env CONTAINERD_ADDRESS; default ${DEFAULT_ADDRESS})
  -n, --namespace NS      namespace to show (env CONTAINERD_NAMESPACE; default "default")
  -A, --all-namespaces    show every namespace
      --batch             print a plain table once and exit (implied when stdout is not a terminal)
      --json              with --batch: print a JSON document instead of a table
      --interval SECONDS  batch: seconds between the two metric samples (default 1)
      --refresh SECONDS   UI: seconds between metric refreshes (default 1)
      --readonly          refuse every action that changes containerd (kill, delete, start, pause, exec)
      --theme NAME        default, light or mono (env CTOP_THEME; NO_COLOR forces mono)
      --shell PATH        shell to exec into containers (default: /bin/bash, then /bin/sh)
      --debug             print details of errors
  -h, --help              this help
  -v, --version           print the version
`;

export class UsageError extends Error {}

function seconds(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${name} takes a positive number of seconds, not "${text}"`);
  return value;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv, stdoutIsTty: boolean): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        address: { type: 'string', short: 'a' },
        namespace: { type: 'string', short: 'n' },
        'all-namespaces': { type: 'boolean', short: 'A' },
        batch: { type: 'boolean' },
        json: { type: 'boolean' },
        interval: { type: 'string' },
        refresh: { type: 'string' },
        readonly: { type: 'boolean' },
        theme: { type: 'string' },
        shell: { type: 'string' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  return {
    address: v.address || env.CONTAINERD_ADDRESS || DEFAULT_ADDRESS,
    namespace: v['all-namespaces'] ? null : v.namespace || env.CONTAINERD_NAMESPACE || 'default',
    batch: Boolean(v.batch || v.json) || !stdoutIsTty,
    json: Boolean(v.json),
    interval: seconds('interval', v.interval, 1),
    refresh: seconds('refresh', v.refresh, 1),
    readonly: Boolean(v.readonly),
    theme: v.theme,
    shell: v.shell,
    debug: Boolean(v.debug),
    help: Boolean(v.help),
    version: Boolean(v.version),
  };
}
