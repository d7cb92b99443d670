// Protobuf timestamps and values to plain ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plain, timestampMs, toDate } from '../../src/client/convert.js';

const YEAR_ONE = { seconds: -62_135_596_800n, nanos: 0 }; // 0001-01-01T00:00:00Z, Go's zero time

test('a year-1 or absent timestamp is null', () => {
  assert.equal(toDate(YEAR_ONE), null);
  assert.equal(timestampMs(YEAR_ONE), null);
  assert.equal(toDate(undefined), null);
  assert.equal(timestampMs(undefined), null);
});

test('toDate keeps whole milliseconds, truncated like the RFC 3339 text', () => {
  assert.equal(toDate({ seconds: 1_764_597_795n, nanos: 378_493_257 })?.toISOString(), '2025-12-01T14:03:15.378Z');
  // 0.999999 ms must not round up into the next millisecond
  assert.equal(toDate({ seconds: 1_764_597_795n, nanos: 378_999_999 })?.toISOString(), '2025-12-01T14:03:15.378Z');
  assert.equal(toDate({ seconds: 1_764_597_795n, nanos: 999_999_999 })?.toISOString(), '2025-12-01T14:03:15.999Z');
});

test('timestampMs keeps sub-millisecond precision for rates', () => {
  assert.equal(timestampMs({ seconds: 1_000n, nanos: 250_500_000 }), 1_000_250.5);
});

test('plain: bigints become numbers, timestamps ISO strings, buffers and $type dropped', () => {
  assert.deepEqual(
    plain({ $type: 'x.Y', pid: 12n, exitedAt: { seconds: 1_764_597_795n, nanos: 5_000_000 }, never: YEAR_ONE, blob: Buffer.from('a'), list: [1n, 'a'] }),
    { pid: 12, exitedAt: '2025-12-01T14:03:15.005Z', never: null, list: [1, 'a'] },
  );
});
