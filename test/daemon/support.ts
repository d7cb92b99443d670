// Shared by the daemon tests: parsers for ctr's output, a comparison that tolerates other people's
// containers coming and going on the shared sandbox daemon, and how to spawn the built CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ctr, repoRoot } from '../helpers/sandbox.js';

/** for bench/run.ts, which imports it from here */
export { repoRoot };

/** The bundled CLI (scripts/bundle.mjs), what `ctop-ts` runs; the e2e harness starts it too. */
export const CLI = join(repoRoot(), 'dist', 'bundle', 'main.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with piped stdio (so stdout is not a TTY). `command` replaces `node CLI` (e.g. setpriv … node CLI). */
export function runCli(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; command?: string[]; timeoutMs?: number } = {},
): Promise<CliResult> {
  const [file, ...pre] = opts.command ?? [process.execPath, CLI];
  return new Promise((resolve, reject) => {
    const child = spawn(file!, [...pre, ...args], {
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The environment without CONTAINERD_* so a developer's shell settings do not leak into CLI tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['CONTAINERD_ADDRESS'];
  delete env['CONTAINERD_NAMESPACE'];
  return { ...env, ...extra };
}

/** RFC 3339 with up to nanosecond fractions → whole ms since the epoch (truncated, as a Date keeps it). */
export function rfc3339Ms(text: string): number {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  assert.ok(m, `not an RFC 3339 time: ${text}`);
  const whole = Date.parse(`${m[1]}${m[3]}`);
  const nanos = Number((m[2] ?? '').padEnd(9, '0').slice(0, 9));
  return whole + Math.floor(nanos / 1e6);
}

export async function ctrNamespaces(): Promise<string[]> {
  return (await ctr(['namespaces', 'ls', '-q'])).split('\n').map((s) => s.trim()).filter(Boolean).sort();
}

export interface CtrImage {
  name: string;
  mediaType: string;
  digest: string;
  /** SIZE column in bytes (ctr rounds to one decimal of its unit) */
  size: number;
}

const UNIT: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 };

/** `ctr images ls`: REF TYPE DIGEST SIZE(number unit) PLATFORMS LABELS. */
export async function ctrImages(namespace: string): Promise<CtrImage[]> {
  const out = await ctr(['images', 'ls'], { namespace });
  const lines = out.split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
  return lines.map((line) => {
    const [name, mediaType, digest, number, unit] = line.split(/\s+/);
    assert.ok(name && mediaType && digest && number && unit && unit in UNIT, `unexpected ctr images ls line: ${line}`);
    return { name, mediaType, digest, size: Number(number) * UNIT[unit]! };
  });
}

/** Half of the last digit ctr prints for a size of this magnitude (progress.Bytes: %.1f of B/KiB/MiB/…). */
export function sizeTolerance(bytes: number): number {
  let unit = 1;
  while (bytes >= unit * 1024 && unit < 1024 ** 4) unit *= 1024;
  return unit === 1 ? 0 : unit / 20 + 1;
}

/** `ctr containers ls`: CONTAINER IMAGE RUNTIME. */
export async function ctrContainerList(namespace: string): Promise<Map<string, { image: string; runtime: string }>> {
  const out = await ctr(['containers', 'ls'], { namespace });
  const result = new Map<string, { image: string; runtime: string }>();
  for (const line of out.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/).filter(Boolean);
    if (fields.length === 3) result.set(fields[0]!, { image: fields[1]!, runtime: fields[2]! });
    else if (fields.length === 2) result.set(fields[0]!, { image: '', runtime: fields[1]! });
  }
  return result;
}

export async function ctrServerVersion(): Promise<{ version: string; revision: string }> {
  const out = await ctr(['version']);
  const server = out.slice(out.indexOf('Server:'));
  const version = /Version:\s*(\S+)/.exec(server)?.[1];
  const revision = /Revision:\s*(\S+)/.exec(server)?.[1];
  assert.ok(version && revision, `cannot read the server version from:\n${out}`);
  return { version, revision };
}

/** `ctr task ps ID` → pids. */
export async function ctrTaskPids(namespace: string, id: string): Promise<number[]> {
  const out = await ctr(['tasks', 'ps', id], { namespace });
  return out
    .split('\n')
    .slice(1)
    .map((l) => Number(l.trim().split(/\s+/)[0]))
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
}

/** `ctr task metrics ID --format json`: the cgroup stats as JSON (proto field names). */
export async function ctrTaskMetrics(namespace: string, id: string): Promise<CtrMetrics> {
  return JSON.parse(await ctr(['tasks', 'metrics', '--format', 'json', id], { namespace })) as CtrMetrics;
}

export interface CtrMetrics {
  cpu?: { usage?: { total?: number }; usage_usec?: number };
  memory?: { usage?: { usage?: number } | number };
}

export function ctrCpuNs(m: CtrMetrics): number {
  if (m.cpu?.usage?.total !== undefined) return m.cpu.usage.total;
  if (m.cpu?.usage_usec !== undefined) return m.cpu.usage_usec * 1000;
  throw new Error(`no cpu usage in ${JSON.stringify(m)}`);
}

export function ctrMemoryUsage(m: CtrMetrics): number {
  const usage = m.memory?.usage;
  if (typeof usage === 'number') return usage; // cgroup v2
  if (usage?.usage !== undefined) return usage.usage; // cgroup v1
  throw new Error(`no memory usage in ${JSON.stringify(m)}`);
}

/**
 * Checks what ctop-ts saw against two reads of ctr, one before and one after ours, on a daemon other
 * people may be changing meanwhile. Keys whose record ctr reported identically both times must be in
 * ours with the same record (asserted). Keys of ours that ctr listed in neither read are returned
 * (churn: created and removed in between, or a bug; the caller retries and then fails on them).
 */
export function checkAgainstCtr<T>(
  what: string,
  before: Map<string, T>,
  ours: Map<string, T>,
  after: Map<string, T>,
  same: (ours: T, theirs: T) => boolean = isDeepStrictEqual,
): { compared: number; unseen: string[] } {
  let compared = 0;
  for (const [key, record] of before) {
    const later = after.get(key);
    if (later === undefined || !same(later, record)) continue;
    compared++;
    const mine = ours.get(key);
    assert.ok(mine !== undefined, `${what}: ctr lists ${key} but ctop-ts does not`);
    assert.ok(same(mine, record), `${what}: ${key} differs from ctr:\n ctop-ts ${show(mine)}\n ctr     ${show(record)}`);
  }
  return { compared, unseen: [...ours.keys()].filter((k) => !before.has(k) && !after.has(k)) };
}

/** checkAgainstCtr with the reads done here, retried while ours holds keys ctr never listed. Returns how many keys were compared. */
export async function compareWithCtr<T>(
  what: string,
  readCtr: () => Promise<Map<string, T>>,
  readOurs: () => Promise<Map<string, T>>,
  same: (ours: T, theirs: T) => boolean = isDeepStrictEqual,
): Promise<number> {
  let unseen: string[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    const before = await readCtr();
    const ours = await readOurs();
    const after = await readCtr();
    const result = checkAgainstCtr(what, before, ours, after, same);
    if (result.unseen.length === 0) return result.compared;
    unseen = result.unseen;
  }
  assert.fail(`${what}: ctop-ts lists what ctr never listed: ${unseen.join(', ')}`);
}

function show(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}
