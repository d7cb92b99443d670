// How gRPC statuses become ClientError kinds (the daemon tests see the real ones; these pin the wording).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { toClientError } from '../../src/client/errors.js';

const exhausted = (details: string) => toClientError({ code: status.RESOURCE_EXHAUSTED, details }, '/run/c.sock', 'Containers.List');

test('a message over a gRPC size limit is too-large, from either side', () => {
  // containerd (grpc-go) refusing to send, and grpc-js refusing to receive
  const containerd = 'grpc: trying to send message larger than max (18351192 vs. 16777216)';
  const grpcJs = 'Received message larger than max (18351192 vs 16777216)';
  for (const details of [containerd, grpcJs]) {
    const error = exhausted(details);
    assert.equal(error.kind, 'too-large', details);
    assert.equal(error.detail, details);
    assert.match(error.message, /^Containers\.List: .*size limit/);
  }
});

test('other resource exhaustion stays unknown', () => {
  assert.equal(exhausted('quota exceeded').kind, 'unknown');
});
