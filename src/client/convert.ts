// Conversions from protobuf values to plain ones.
import type { Timestamp } from '../gen/google/protobuf/timestamp.js';

/** ms since the epoch with sub-ms precision; null for absent or year-1 ("zero") timestamps. */
export function timestampMs(ts: Timestamp | undefined): number | null {
  if (!ts || ts.seconds <= 0n) return null;
  return Number(ts.seconds) * 1000 + ts.nanos / 1e6;
}

/** The timestamp truncated to whole ms, as ctr's RFC 3339 text would be (no float rounding into the next ms). */
export function toDate(ts: Timestamp | undefined): Date | null {
  if (!ts || ts.seconds <= 0n) return null;
  return new Date(Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6));
}

/** Plain JSON-able copy of a decoded message: bigints become numbers, $type and Buffers dropped. */
export function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return undefined;
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const seconds = (value as Timestamp).seconds;
    if (typeof seconds === 'bigint' && 'nanos' in value) return toDate(value as Timestamp)?.toISOString() ?? null;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$type') continue;
      const converted = plain(v);
      if (converted !== undefined) out[k] = converted;
    }
    return out;
  }
  return value;
}
