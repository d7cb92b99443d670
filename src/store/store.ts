// The zustand vanilla store: no React here, so the sync engine and actions write to it directly.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DataState } from './state.js';
import { initialUiState, type UiState } from './ui.js';

export type AppState = DataState & {
  ui: UiState;
  /**
   * Keys of the container and task rows the table draws: their figures are polled on every tick, the
   * others' less often (see SyncEngine.pollMetrics). Not in `ui`, whose changes stand for the user's.
   */
  onScreen: readonly string[];
};
export type AppStore = StoreApi<AppState>;

export const HISTORY_SAMPLES = 180; // three minutes at the default 1 s refresh
export const EVENT_LIMIT = 500;

export function initialDataState(address: string, watched: string[]): DataState {
  return {
    connection: { status: 'connecting', address, server: null, error: null, retryAt: null, syncedAt: null },
    watched,
    namespaces: {},
    listed: {},
    containers: {},
    tasks: {},
    images: {},
    samples: {},
    figures: {},
    history: {},
    metricsTick: 0,
    events: [],
    message: null,
  };
}

/** Whether what the screen shows is still being listed (its counts so far are provisional). */
export function listingOnScreen(s: AppState): boolean {
  return s.ui.namespace === null ? s.connection.syncedAt === null : !s.listed[s.ui.namespace];
}

export function createAppStore(address: string, watched: string[], ui: Partial<UiState> = {}): AppStore {
  return createStore<AppState>()(() => ({
    ...initialDataState(address, watched),
    ui: { ...initialUiState(), ...ui },
    onScreen: [],
  }));
}

export function setMessage(store: AppStore, text: string, level: 'info' | 'error' = 'info'): void {
  store.setState({ message: { text, level, at: Date.now() } });
}
