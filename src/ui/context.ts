// What every component may reach: the store, its view-model, and the injected actions and loaders.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '../store/store.js';
import { createViewModel, type ViewModel } from '../model/view.js';
import type { TerminalHandoff, UiActions, UiLoaders } from './actions.js';

export interface UiServices {
  store: AppStore;
  viewModel: ViewModel;
  actions: UiActions;
  loaders: UiLoaders;
  terminal: TerminalHandoff;
  quit: () => void;
}

export const ServicesContext = createContext<UiServices | null>(null);

export function useServices(): UiServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('UI component rendered outside <App>');
  return services;
}

/** A narrow subscription to the store: the component re-renders only when the selected value changes. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useServices().store, selector);
}

// One view-model per store, so a remount (after a shell) finds its memoised rows again.
const viewModels = new WeakMap<AppStore, ViewModel>();
export function viewModelOf(store: AppStore): ViewModel {
  let vm = viewModels.get(store);
  if (!vm) viewModels.set(store, (vm = createViewModel()));
  return vm;
}
