// Containers.List replies are decoded a batch of containers at a time (src/client/containerd.ts,
// convertContainerList), so that each batch's decoded messages die young.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { convertContainerList } from '../../src/client/containerd.js';
import { Container, ListContainersResponse } from '../../src/gen/services/containers/v1/containers.js';

const reply = (count: number): Uint8Array =>
  ListContainersResponse.encode({
    containers: Array.from({ length: count }, (_, i) => Container.fromPartial({ id: `c-${i}`, image: 'busybox', labels: { n: String(i) } })),
  }).finish();

test('every container of a reply, in order, converted in batches of 100', () => {
  const batches: number[] = [];
  const ids = convertContainerList(reply(250), (batch) => {
    batches.push(batch.length);
    return batch.map((c) => `${c.id}:${c.labels['n']}`);
  });
  assert.deepEqual(batches, [100, 100, 50]);
  assert.deepEqual(ids, Array.from({ length: 250 }, (_, i) => `c-${i}:${i}`));
});

test('an empty reply and one with exactly a batch', () => {
  assert.deepEqual(convertContainerList(reply(0), (batch) => batch.map((c) => c.id)), []);
  const batches: number[] = [];
  convertContainerList(reply(100), (batch) => (batches.push(batch.length), []));
  assert.deepEqual(batches, [100]);
});

test('a field the client does not know is skipped, before and after the containers', () => {
  const unknown = (w: BinaryWriter) => w.uint32((7 << 3) | 2).string('future').uint32((8 << 3) | 0).uint64(42n);
  const writer = unknown(new BinaryWriter());
  ListContainersResponse.encode({ containers: [Container.fromPartial({ id: 'a' }), Container.fromPartial({ id: 'b' })] }, writer);
  const bytes = unknown(writer).finish();
  assert.deepEqual(convertContainerList(bytes, (batch) => batch.map((c) => c.id)), ['a', 'b']);
});
