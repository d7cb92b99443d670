// What events said changed since the last flush, per namespace. Events are only hints: the flush
// re-reads the named objects from containerd (or the whole namespace when many changed).
import type { ContainerdEvent } from '../client/types.js';

export interface NamespaceChanges {
  containers: Set<string>;
  tasks: Set<string>;
  images: boolean;
}

export class DirtySet {
  namespaces = false;
  readonly byNamespace = new Map<string, NamespaceChanges>();

  get empty(): boolean {
    return !this.namespaces && this.byNamespace.size === 0;
  }

  private of(namespace: string): NamespaceChanges {
    let changes = this.byNamespace.get(namespace);
    if (!changes) {
      changes = { containers: new Set(), tasks: new Set(), images: false };
      this.byNamespace.set(namespace, changes);
    }
    return changes;
  }

  /** Marks what an event names as needing a re-read. */
  note(event: ContainerdEvent): void {
    const [, kind] = event.topic.split('/');
    const containerId = typeof event.payload?.containerId === 'string' ? event.payload.containerId : event.subject;
    switch (kind) {
      case 'containers':
        this.of(event.namespace).containers.add(event.subject);
        this.of(event.namespace).tasks.add(event.subject);
        break;
      case 'tasks':
        if (containerId) this.of(event.namespace).tasks.add(containerId);
        break;
      case 'images':
        this.of(event.namespace).images = true;
        break;
      case 'namespaces':
        this.namespaces = true;
        break;
      default:
        break; // snapshots, content: nothing on screen depends on them
    }
  }

  /** Hands over what was collected and starts afresh. */
  take(): { namespaces: boolean; byNamespace: Map<string, NamespaceChanges> } {
    const taken = { namespaces: this.namespaces, byNamespace: new Map(this.byNamespace) };
    this.namespaces = false;
    this.byNamespace.clear();
    return taken;
  }
}
