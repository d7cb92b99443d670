// The UI half of the store. It lives in the store (not in React state) so that it survives the UI being
// unmounted for a shell and remounted afterwards.

export type PaneId = 'namespaces' | 'containers' | 'tasks' | 'images' | 'events';
export type SortColumn = 'name' | 'age' | 'status' | 'cpu' | 'memory';

export interface SortState {
  column: SortColumn;
  descending: boolean;
}

export type RowKind = 'namespace' | 'container' | 'task' | 'image' | 'event';

/** Which row a view or an action is about. `key` is the row's key in its pane (see src/model/table.ts). */
export interface RowRef {
  pane: PaneId;
  key: string;
  kind: RowKind;
  namespace: string;
  /** container id, image name, namespace name, or the event's row key */
  id: string;
}

/** A full-body view drawn instead of the table; Esc returns to the table. */
export interface Overlay {
  kind: 'describe' | 'detail' | 'help';
  target: RowRef | null;
}

export interface Prompt {
  kind: 'command' | 'filter';
  text: string;
}

export interface DialogChoice {
  label: string;
  value: string;
}

/**
 * A confirmation dialog drawn over the table. The actions layer fills it; the UI owns the keys while it is
 * open (←/→ or ↑/↓ pick a choice, space toggles the option, y/Enter confirms, n/Esc cancels) and clears
 * the slot before calling onConfirm / onCancel.
 */
export interface DialogState {
  title: string;
  body: string[];
  /** e.g. signals; empty for a plain yes/no */
  choices: DialogChoice[];
  choiceIndex: number;
  /** a checkbox such as "all processes" */
  option: { label: string; checked: boolean } | null;
  /** drawn in the theme's critical colour */
  danger: boolean;
  onConfirm: (result: { choice: string | null; option: boolean }) => void;
  onCancel?: () => void;
}

export interface UiState {
  pane: PaneId;
  /** the namespace on screen; null = all namespaces */
  namespace: string | null;
  /** selected row key per pane */
  selected: Partial<Record<PaneId, string>>;
  filter: Partial<Record<PaneId, string>>;
  sort: Partial<Record<PaneId, SortState>>;
  showSandboxes: boolean;
  readonly: boolean;
  overlay: Overlay | null;
  prompt: Prompt | null;
  dialog: DialogState | null;
  /** the sync engine's refresh interval, shown in the header */
  refreshMs: number;
}

export function initialUiState(): UiState {
  return {
    pane: 'containers',
    namespace: 'default',
    selected: {},
    filter: {},
    sort: {},
    showSandboxes: false,
    readonly: false,
    overlay: null,
    prompt: null,
    dialog: null,
    refreshMs: 1000,
  };
}
