// What the UI needs from the outside world, injected as props so the UI never talks to containerd itself.
import type { ImageDetail, ProcessInfo } from '../client/types.js';
import type { PaneId } from '../store/ui.js';

/** The row an action is about. */
export interface ActionTarget {
  pane: PaneId;
  /** the row's store key: `${namespace}/${id}` */
  key: string;
  namespace: string;
  /** container id, or image name for images */
  id: string;
  kind: 'container' | 'task' | 'image';
}

/** Hands the real terminal to a child (a shell) and gives it back to the UI, redrawn, when `run` settles. */
export interface TerminalHandoff {
  suspend<T>(run: () => Promise<T>): Promise<T>;
}

/**
 * Implemented by src/actions. Each method may open a confirmation by setting `ui.dialog` in the store, and
 * reports outcomes through the store's message line. The UI calls them from keys:
 * Ctrl-K kill, Ctrl-D delete, s shell, p pause/resume, r start (all disabled in read-only mode).
 */
export interface UiActions {
  requestKill(target: ActionTarget): void;
  requestDelete(target: ActionTarget): void;
  shell(target: ActionTarget, terminal: TerminalHandoff): void;
  togglePause(target: ActionTarget): void;
  start(target: ActionTarget): void;
}

/** Reads the views load on demand. */
export interface UiLoaders {
  loadImageDetail(namespace: string, name: string): Promise<ImageDetail>;
  listPids(namespace: string, containerId: string): Promise<ProcessInfo[]>;
}
