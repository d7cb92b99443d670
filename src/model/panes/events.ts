// Events pane: the event log, newest first (the store keeps it in that order).
import type { ContainerdEvent } from '../../client/types.js';
import { formatTime } from '../format.js';
import { textCell } from '../cells.js';
import { inScope } from '../scope.js';
import type { Column, Row } from '../table.js';

export const EVENT_COLUMNS: readonly Column[] = [
  { id: 'time', title: 'TIME', align: 'left', width: 8, priority: 9 },
  { id: 'namespace', title: 'NAMESPACE', align: 'left', width: 'flex', grow: 1, priority: 6 },
  { id: 'topic', title: 'TOPIC', align: 'left', width: 'flex', grow: 2, priority: 10 },
  { id: 'subject', title: 'SUBJECT', align: 'left', width: 'flex', grow: 3, priority: 8 },
];

function eventRow(event: ContainerdEvent, key: string): Row {
  return {
    key,
    kind: 'event',
    namespace: event.namespace,
    id: key,
    labels: {},
    cells: {
      time: { text: formatTime(event.timestamp) },
      namespace: textCell(event.namespace),
      topic: textCell(event.topic),
      subject: textCell(event.subject),
    },
    sort: { name: event.topic, age: -event.timestamp.getTime(), status: '', cpu: null, memory: null },
  };
}

export interface EventRows {
  rows(events: readonly ContainerdEvent[], namespace: string | null): Row[];
  /** the event behind a row key, while the store still holds it */
  eventOf(key: string): ContainerdEvent | undefined;
}

/** Events have no id of their own: each event object gets one row (and key) for as long as it is kept. */
export function createEventRows(): EventRows {
  const rowOfEvent = new WeakMap<ContainerdEvent, Row>();
  let eventOfKey = new Map<string, ContainerdEvent>();
  let next = 0;
  return {
    rows(events, namespace) {
      const out: Row[] = [];
      eventOfKey = new Map();
      for (const event of events) {
        let row = rowOfEvent.get(event);
        if (!row) {
          row = eventRow(event, `event-${next++}`);
          rowOfEvent.set(event, row);
        }
        eventOfKey.set(row.key, event);
        if (inScope(namespace, event.namespace)) out.push(row);
      }
      return out;
    },
    eventOf: (key) => eventOfKey.get(key),
  };
}
