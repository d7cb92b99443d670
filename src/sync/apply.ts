// Pure reducers from what containerd returned to the next store state. They keep unchanged objects
// identical, so selectors (and the rows derived from them) see no change where nothing changed.
import type { ContainerdEvent, ContainerInfo, ImageInfo, NamespaceInfo, TaskInfo, TaskMetrics } from '../client/types.js';
import { computeFigures, Series, tooSoonForRates, withRatesOf, type TaskFigures } from '../model/metrics.js';
import type { DataState } from '../store/state.js';
import { keyOf, namespaceOfKey } from '../store/state.js';
import { EVENT_LIMIT, HISTORY_SAMPLES } from '../store/store.js';

type Keyed<T> = Record<string, T>;

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

const time = (d: Date | null) => d?.getTime() ?? null;

// containerd bumps updated_at on every change of a container or image, so comparing it is enough
// (and far cheaper than comparing specs of thousands of containers).
export const sameContainer = (a: ContainerInfo, b: ContainerInfo) =>
  time(a.updatedAt) === time(b.updatedAt) && time(a.createdAt) === time(b.createdAt);
export const sameImage = (a: ImageInfo, b: ImageInfo) =>
  a.digest === b.digest && a.size === b.size && time(a.updatedAt) === time(b.updatedAt);
export const sameTask = (a: TaskInfo, b: TaskInfo) =>
  a.pid === b.pid && a.status === b.status && a.exitStatus === b.exitStatus && time(a.exitedAt) === time(b.exitedAt);

/** Replaces the entries of one namespace in a keyed map, reusing entries that did not change. */
export function replaceNamespace<T>(
  map: Keyed<T>,
  namespace: string,
  items: T[],
  idOf: (item: T) => string,
  same: (a: T, b: T) => boolean,
): Keyed<T> {
  return replaceNamespaces(map, new Map([[namespace, items]]), idOf, same);
}

/**
 * Replaces the entries of several namespaces at once: the rest of the map is copied once, not once per
 * namespace (a first sync of ten namespaces beside one of 5,000 containers copied those 5,000 ten times).
 */
export function replaceNamespaces<T>(
  map: Keyed<T>,
  lists: ReadonlyMap<string, T[]>,
  idOf: (item: T) => string,
  same: (a: T, b: T) => boolean,
): Keyed<T> {
  const next: Keyed<T> = {};
  let changed = false;
  for (const key in map) {
    if (!lists.has(namespaceOfKey(key))) next[key] = map[key]!;
  }
  for (const [namespace, items] of lists) {
    for (const item of items) {
      const key = keyOf(namespace, idOf(item));
      const old = map[key];
      if (old !== undefined && same(old, item)) next[key] = old;
      else {
        next[key] = item;
        changed = true;
      }
    }
  }
  if (!changed && Object.keys(next).length === Object.keys(map).length) return map;
  return next;
}

export function upsert<T>(map: Keyed<T>, key: string, item: T, same: (a: T, b: T) => boolean): Keyed<T> {
  if (map[key] !== undefined && same(map[key], item)) return map;
  return { ...map, [key]: item };
}

export function remove<T>(map: Keyed<T>, key: string): Keyed<T> {
  if (!(key in map)) return map;
  const next = { ...map };
  delete next[key];
  return next;
}

/** Drops every entry of a namespace (it was deleted). */
export function dropNamespace<T>(map: Keyed<T>, namespace: string): Keyed<T> {
  const prefix = `${namespace}/`;
  if (!Object.keys(map).some((k) => k.startsWith(prefix))) return map;
  return Object.fromEntries(Object.entries(map).filter(([k]) => !k.startsWith(prefix)));
}

export interface NamespaceLists {
  containers: ContainerInfo[];
  tasks: TaskInfo[];
  images: ImageInfo[];
}

export function applyNamespaceLists(state: DataState, namespace: string, lists: NamespaceLists): Partial<DataState> {
  return applyManyNamespaceLists(state, new Map([[namespace, lists]]));
}

/** The lists of several namespaces in one update (see replaceNamespaces). */
export function applyManyNamespaceLists(state: DataState, byNamespace: ReadonlyMap<string, NamespaceLists>): Partial<DataState> {
  const pick = <K extends keyof NamespaceLists>(kind: K) => new Map([...byNamespace].map(([ns, lists]) => [ns, lists[kind]]));
  const newlyListed = [...byNamespace.keys()].filter((ns) => !state.listed[ns]);
  return {
    listed: newlyListed.length ? { ...state.listed, ...Object.fromEntries(newlyListed.map((ns) => [ns, true as const])) } : state.listed,
    containers: replaceNamespaces(state.containers, pick('containers'), (c) => c.id, sameContainer),
    tasks: replaceNamespaces(state.tasks, pick('tasks'), (t) => t.containerId, sameTask),
    images: replaceNamespaces(state.images, pick('images'), (i) => i.name, sameImage),
  };
}

/**
 * The first containers of a namespace whose whole list is still arriving, with its tasks: something to
 * draw meanwhile. The namespace is not marked listed (its counts stay provisional) and its images wait.
 */
export function applyFirstContainers(state: DataState, namespace: string, containers: ContainerInfo[], tasks: TaskInfo[]): Partial<DataState> {
  return {
    containers: replaceNamespace(state.containers, namespace, containers, (c) => c.id, sameContainer),
    tasks: replaceNamespace(state.tasks, namespace, tasks, (t) => t.containerId, sameTask),
  };
}

export function applyNamespaces(state: DataState, namespaces: NamespaceInfo[]): Partial<DataState> {
  const names = new Set(namespaces.map((n) => n.name));
  let next: Partial<DataState> = {
    namespaces: replaceNamespaceMap(state.namespaces, namespaces),
  };
  for (const gone of Object.keys(state.namespaces).filter((n) => !names.has(n))) {
    next = { ...next, ...forgetNamespace({ ...state, ...next } as DataState, gone) };
  }
  return next;
}

function replaceNamespaceMap(map: Keyed<NamespaceInfo>, namespaces: NamespaceInfo[]): Keyed<NamespaceInfo> {
  const next: Keyed<NamespaceInfo> = {};
  for (const n of namespaces) next[n.name] = map[n.name] && sameJson(map[n.name], n) ? map[n.name]! : n;
  const same = Object.keys(next).length === Object.keys(map).length && Object.entries(next).every(([k, v]) => map[k] === v);
  return same ? map : next;
}

export function forgetNamespace(state: DataState, namespace: string): Partial<DataState> {
  return {
    namespaces: remove(state.namespaces, namespace),
    listed: remove(state.listed, namespace),
    containers: dropNamespace(state.containers, namespace),
    tasks: dropNamespace(state.tasks, namespace),
    images: dropNamespace(state.images, namespace),
    samples: dropNamespace(state.samples, namespace),
    figures: dropNamespace(state.figures, namespace),
    history: dropNamespace(state.history, namespace),
  };
}

/** A container is gone: forget its task and metrics too. */
export function forgetContainer(state: DataState, key: string): Partial<DataState> {
  return {
    containers: remove(state.containers, key),
    ...forgetTask(state, key),
  };
}

export function forgetTask(state: DataState, key: string): Partial<DataState> {
  return {
    tasks: remove(state.tasks, key),
    samples: remove(state.samples, key),
    figures: remove(state.figures, key),
    history: remove(state.history, key),
  };
}

function sameFigures(a: TaskFigures | undefined, b: TaskFigures): boolean {
  if (!a) return false;
  for (const k in b) if (a[k as keyof TaskFigures] !== b[k as keyof TaskFigures]) return false;
  return true;
}

/**
 * One metrics poll of some namespaces, in one update: new figures from the previous sample, history rings
 * pushed in place. Tasks asked for without a sample this time lose their figures (they stopped): every
 * task of a namespace polled whole, only the containers `asked` for in one polled for some of its tasks
 * (the others keep theirs, as other namespaces do).
 */
export function applyMetrics(
  state: DataState,
  polled: ReadonlyMap<string, TaskMetrics[]>,
  asked?: ReadonlyMap<string, readonly string[]>,
): Partial<DataState> {
  // Index loops and for-in, no Object.entries or for-of: this runs every tick over every task with figures,
  // in the baseline code the monitor runs (src/cli/v8-idle.ts), where those allocate per step.
  const askedKeys = new Set<string>();
  asked?.forEach((ids, namespace) => {
    for (let i = 0; i < ids.length; i++) askedKeys.add(keyOf(namespace, ids[i]!));
  });
  // a key is `namespace/id`: its namespace found among those polled by comparing in place, not by slicing
  // every key (namespaceOfKey)
  const namespaces = [...polled.keys()];
  const polledNamespaceOf = (key: string) => {
    for (let i = 0; i < namespaces.length; i++) {
      const ns = namespaces[i]!;
      if (key[ns.length] === '/' && key.startsWith(ns)) return ns;
    }
    return undefined;
  };
  const wasPolled = (key: string) => {
    const namespace = polledNamespaceOf(key);
    return namespace !== undefined && (!asked?.has(namespace) || askedKeys.has(key));
  };
  const unpolled = <T>(keyed: Keyed<T>): Keyed<T> => {
    const next: Keyed<T> = {};
    for (const key in keyed) if (!wasPolled(key)) next[key] = keyed[key]!;
    return next;
  };
  const nextSamples = unpolled(state.samples);
  const nextFigures = unpolled(state.figures);
  const nextHistory = unpolled(state.history);
  polled.forEach((samples, namespace) => {
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i]!;
      const key = keyOf(namespace, sample.containerId);
      const previous = state.samples[key];
      const limits = state.containers[key]?.limits;
      // a sample too soon after the last one updates what it holds, not the rates: those wait to be
      // measured against the last sample over a long enough window, and the history for that
      const soon = tooSoonForRates(sample, previous);
      const figures = soon ? withRatesOf(computeFigures(sample, undefined, limits), state.figures[key]) : computeFigures(sample, previous, limits);
      nextSamples[key] = soon ? previous! : sample;
      nextFigures[key] = sameFigures(state.figures[key], figures) ? state.figures[key]! : figures;
      const history = state.history[key] ?? { cpuPercent: new Series(HISTORY_SAMPLES), memoryBytes: new Series(HISTORY_SAMPLES) };
      if (!soon) {
        if (figures.cpuPercent !== null) history.cpuPercent.push(figures.cpuPercent);
        history.memoryBytes.push(figures.memoryBytes);
      }
      nextHistory[key] = history;
    }
  });
  return { samples: nextSamples, figures: nextFigures, history: nextHistory, metricsTick: state.metricsTick + 1 };
}

export function appendEvents(state: DataState, events: ContainerdEvent[]): Partial<DataState> {
  if (events.length === 0) return {};
  const newestFirst = [...events].reverse();
  return { events: [...newestFirst, ...state.events].slice(0, EVENT_LIMIT) };
}
