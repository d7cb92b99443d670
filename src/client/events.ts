// Decodes event envelopes into typed, plain events. Importing the event modules registers their types.
import '../gen/events/container.js';
import '../gen/events/content.js';
import '../gen/events/image.js';
import '../gen/events/namespace.js';
import '../gen/events/snapshot.js';
import '../gen/events/task.js';
import type { Envelope } from '../gen/types/event.js';
import { messageTypeRegistry } from '../gen/typeRegistry.js';
import { plain, toDate } from './convert.js';
import type { ContainerdEvent } from './types.js';

const SUBJECT_FIELDS = ['containerId', 'id', 'name', 'key', 'digest', 'sandboxId'];

export function decodeEnvelope(envelope: Envelope): ContainerdEvent {
  let payload: Record<string, unknown> | null = null;
  const any = envelope.event;
  if (any) {
    const type = messageTypeRegistry.get(any.typeUrl.slice(any.typeUrl.lastIndexOf('/') + 1));
    if (type) payload = plain(type.decode(any.value)) as Record<string, unknown>;
  }
  const subjectField = SUBJECT_FIELDS.find((f) => typeof payload?.[f] === 'string' && payload[f] !== '');
  return {
    timestamp: toDate(envelope.timestamp) ?? new Date(),
    namespace: envelope.namespace,
    topic: envelope.topic,
    subject: subjectField ? String(payload![subjectField]) : '',
    payload,
  };
}
