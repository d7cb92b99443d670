// A container on screen was removed (by someone else, or by us): the view about it closes, the selection
// moves to its neighbour, and the message line says what happened, instead of a view of nothing.
import { useEffect } from 'react';
import type { ViewModel } from '../model/view.js';
import { idOfKey } from '../store/state.js';
import type { AppState, AppStore } from '../store/store.js';
import type { UiState } from '../store/ui.js';

/** How long a message naming the container counts as already explaining its removal (e.g. our own delete). */
const EXPLAINED_MS = 5000;

/** The ui patch and message for a store update that removed containers on screen; null when none was. */
export function removalPatch(vm: ViewModel, prev: AppState, next: AppState): { ui: Partial<UiState>; message: string | null } | null {
  if (prev.containers === next.containers) return null;
  const removed = (key: string | undefined) =>
    key !== undefined && prev.containers[key] !== undefined && next.containers[key] === undefined;
  const ui = next.ui;
  const patch: Partial<UiState> = {};
  let gone: string | null = null;
  const target = ui.overlay?.target;
  if (target && (target.kind === 'container' || target.kind === 'task') && removed(target.key)) {
    patch.overlay = null;
    gone = target.key;
  }
  const pane = ui.pane;
  const selected = ui.selected[pane];
  if ((pane === 'containers' || pane === 'tasks') && removed(selected)) {
    // keep the cursor where it was: the row that took the removed one's place
    const before = vm.paneView({ ...prev, ui }).rows;
    const after = vm.paneView(next).rows;
    const index = before.findIndex((r) => r.key === selected);
    const neighbour = after[Math.min(Math.max(0, index), after.length - 1)];
    if (neighbour) patch.selected = { ...ui.selected, [pane]: neighbour.key };
    gone ??= selected!;
  }
  if (gone === null) return null;
  const id = idOfKey(gone);
  const explained = next.message !== null && next.message.text.includes(id) && Date.now() - next.message.at < EXPLAINED_MS;
  return { ui: patch, message: explained ? null : `container ${gone} was removed${patch.overlay === null ? ' (view closed)' : ''}` };
}

/** Applies removalPatch after every store update that removed containers. */
export function useFollowRemovals(store: AppStore, vm: ViewModel): void {
  useEffect(
    () =>
      store.subscribe((next, prev) => {
        const result = removalPatch(vm, prev, next);
        if (!result) return;
        // after the current update has reached every listener
        queueMicrotask(() => {
          if (store.getState().ui !== next.ui) return; // the user moved on meanwhile
          store.setState((s) => ({
            ui: { ...s.ui, ...result.ui },
            ...(result.message ? { message: { text: result.message, level: 'info' as const, at: Date.now() } } : {}),
          }));
        });
      }),
    [store, vm],
  );
}
