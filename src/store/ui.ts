// The UI half of the store. It lives in the store (not in React state) so that it survives the UI being
// unmounted for a shell and remounted afterwards.

export type PaneId = 'namespaces' | 'containers' | 'tasks' | 'images' | 'events';
export type SortColumn = 'name' | 'age' | 'status' | 'cpu' | 'memory';

export interface SortState {
  column: SortColumn;
  descending: boolean;
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
  };
}
