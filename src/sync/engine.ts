// The sync engine: keeps the store a faithful copy of containerd. A supervisor loop connects (and
// reconnects with backoff); each session subscribes to events first, lists the namespaces and what is
// needed of them, then applies events incrementally (coalesced), polls metrics of the namespaces on
// screen, and resyncs periodically. A namespace's containers, tasks and images are listed when first
// needed (on screen, or counted by the namespaces pane), not all at start.
import type { ContainerdClient } from '../client/api.js';
import { ClientError } from '../client/errors.js';
import type { ContainerdEvent, ContainerInfo, NamespaceInfo } from '../client/types.js';
import { hasProcess } from '../model/metrics.js';
import { idOfKey, keyOf, namespaceOfKey } from '../store/state.js';
import type { AppState, AppStore } from '../store/store.js';
import {
  appendEvents,
  applyFirstContainers,
  applyMetrics,
  applyManyNamespaceLists,
  applyNamespaceLists,
  applyNamespaces,
  forgetContainer,
  forgetTask,
  replaceNamespace,
  sameContainer,
  sameImage,
  sameTask,
  upsert,
  type NamespaceLists,
} from './apply.js';
import { backoffDelay, resyncDelay, sleep } from './backoff.js';
import { DirtySet, type NamespaceChanges } from './dirty.js';

export interface SyncOptions {
  store: AppStore;
  connect: () => Promise<ContainerdClient>;
  refreshMs: number;
  /** how often the namespace on screen is re-listed to heal missed events (at least; see resyncDelay) */
  resyncMs?: number;
  /** events arriving within this window are applied together */
  coalesceMs?: number;
  /** how many rows the first frame shows (100 when unknown): see readNamespace */
  firstScreenRows?: number;
}

/** More changed objects than this in one namespace are cheaper to re-list than to fetch one by one. */
const RELIST_THRESHOLD = 20;

/** firstScreenRows when the terminal's height is unknown */
const FIRST_SCREEN_ROWS = 100;

/** Rows that come into view are polled this long after, so that a burst of scrolling asks once. */
const NEW_ROWS_POLL_MS = 150;

type Patch = Partial<AppState>;

/** For a read of one object: not found is null, not a failure. */
function nullIfNotFound(error: unknown): null {
  if (error instanceof ClientError && error.kind === 'not-found') return null;
  throw error;
}

export class SyncEngine {
  private readonly stopController = new AbortController();
  private client: ContainerdClient | null = null;
  private readonly dirty = new DirtySet();
  private pendingEvents: ContainerdEvent[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private metricsTimer: NodeJS.Timeout | null = null;
  /** when the next metrics poll of the rows on screen runs (performance.now()) */
  private nextPollAt = 0;
  private newRowsTimer: NodeJS.Timeout | null = null;
  /** rows that came into view since the last poll of new rows (see pollNewRowsSoon) */
  private readonly newRows = new Set<string>();
  private resyncTimer: NodeJS.Timeout | null = null;
  /** one read-modify-write at a time, so flushes, polls and resyncs never interleave */
  private queue: Promise<void> = Promise.resolve();
  private running: Promise<void> | null = null;
  private unsubscribeUi: (() => void) | null = null;
  /** how long the last full sync took to list what is on screen (paces the resync) */
  private screenSyncMs = 0;

  constructor(private readonly options: SyncOptions) {}

  private get store(): AppStore {
    return this.options.store;
  }

  start(): void {
    if (this.running) return;
    // what is on screen decides which metrics are polled: poll at once when the namespace changes, or the
    // rows start to be sorted by figures; poll rows that come into view soon
    const initial = this.store.getState();
    let { namespace, pane } = initial.ui;
    let { onScreen } = initial;
    let byFigures = sortsByFigures(initial);
    this.unsubscribeUi = this.store.subscribe((state) => {
      if (state.ui.pane !== pane) {
        pane = state.ui.pane;
        this.listWhatIsNeeded();
      }
      if (state.ui.namespace !== namespace) {
        namespace = state.ui.namespace;
        this.store.setState({ watched: this.watched(state) });
        this.listWhatIsNeeded();
        this.pollMetricsSoon(0);
      }
      if (sortsByFigures(state) !== byFigures) {
        byFigures = !byFigures;
        if (byFigures) this.pollMetricsSoon(0);
      }
      if (state.onScreen !== onScreen) {
        const before = new Set(onScreen);
        onScreen = state.onScreen;
        this.pollNewRowsSoon(onScreen.filter((key) => !before.has(key)));
      }
    });
    this.running = this.supervise();
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    this.unsubscribeUi?.();
    this.endSession();
    await this.running;
  }

  /** The client of the current session, for actions; null while disconnected. */
  get currentClient(): ContainerdClient | null {
    return this.client;
  }

  private async supervise(): Promise<void> {
    const stopped = this.stopController.signal;
    let attempt = 0;
    while (!stopped.aborted) {
      const session = new AbortController();
      const stopSession = () => session.abort();
      stopped.addEventListener('abort', stopSession, { once: true });
      try {
        const client = await this.options.connect();
        this.client = client;
        // asked alongside the first lists rather than before them: the first frame waits for the lists only
        const version = client.version();
        version.catch(() => undefined); // a failure surfaces where it is awaited, after the lists
        const events = this.consumeEvents(client, session.signal);
        // awaited below, unless the first list fails: then the stream breaks too, and must not
        // surface as an unhandled rejection (the terminal guard would take it for a crash)
        events.catch(() => undefined);
        await this.enqueue(() => this.fullSync(client));
        const server = await version;
        attempt = 0;
        this.patchConnection({ status: 'connected', server, error: null, retryAt: null });
        this.scheduleResync();
        this.pollMetricsSoon(0);
        await events;
        if (!stopped.aborted) throw new ClientError('unavailable', 'the event stream from containerd ended');
      } catch (error) {
        if (stopped.aborted) break;
        attempt++;
        const delay = backoffDelay(attempt);
        const message = error instanceof ClientError ? error.message : String((error as Error)?.message ?? error);
        this.patchConnection({ status: 'disconnected', error: message, retryAt: Date.now() + delay });
        session.abort(); // end this session's event stream now, not after the backoff
        this.endSession();
        await sleep(delay, stopped);
        if (!stopped.aborted) this.patchConnection({ status: 'connecting', retryAt: null });
      } finally {
        stopped.removeEventListener('abort', stopSession);
        session.abort();
      }
    }
    this.endSession();
  }

  private endSession(): void {
    for (const timer of [this.flushTimer, this.metricsTimer, this.newRowsTimer, this.resyncTimer]) if (timer) clearTimeout(timer);
    this.flushTimer = this.metricsTimer = this.newRowsTimer = this.resyncTimer = null;
    this.newRows.clear();
    this.client?.close();
    this.client = null;
  }

  private patchConnection(patch: Partial<AppState['connection']>): void {
    this.store.setState((s) => ({ connection: { ...s.connection, ...patch } }));
  }

  /** Runs store updates one after another; a failure is reported, never thrown into the loop. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private watched(state: AppState = this.store.getState()): string[] {
    return state.ui.namespace === null ? Object.keys(state.namespaces).sort() : [state.ui.namespace];
  }

  /** Whether a namespace's lists must be in the store: it is on screen, or the namespaces pane counts it. */
  private needsLists(state: AppState, namespace: string): boolean {
    return state.ui.namespace === null || state.ui.pane === 'namespaces' || state.ui.namespace === namespace;
  }

  /** Lists the namespaces that became needed (see needsLists) and are not listed yet. */
  private listWhatIsNeeded(): void {
    const client = this.client;
    if (!client) return; // the next session's full sync lists them
    void this.enqueue(async () => {
      const state = this.store.getState();
      const missing = Object.values(state.namespaces).filter((n) => !state.listed[n.name] && this.needsLists(state, n.name));
      if (missing.length > 0 && this.client === client) await this.listInto(client, missing, null);
    }).catch((error) => this.report(error));
  }

  private async consumeEvents(client: ContainerdClient, signal: AbortSignal): Promise<void> {
    for await (const event of client.subscribe({ signal })) {
      this.pendingEvents.push(event);
      this.dirty.note(event);
      this.flushTimer ??= setTimeout(() => {
        this.flushTimer = null;
        void this.enqueue(() => this.flush(client)).catch((error) => this.report(error));
      }, this.options.coalesceMs ?? 50);
    }
  }

  /**
   * Reads a namespace's lists. The first read of the namespace on screen (at start, or after `:ns`) puts a
   * screenful of containers in the store while the rest arrive: the first ones of the stream, with their
   * tasks asked one by one, together. Its task and image lists are asked only after that: Tasks.List asks
   * every shim in turn (~1.5 ms of containerd's CPU each; at start, with 100 running tasks, it answered
   * 230-330 ms after it was sent), and containerd serves the first screen's requests sooner without it.
   */
  private async readNamespace(client: ContainerdClient, namespace: string, knownSizes: Map<string, number | null>): Promise<NamespaceLists> {
    const state = this.store.getState();
    // image sizes need content-store reads: only for digests not seen before
    const listImages = () => client.images(namespace, { sizes: true, knownSizes });
    if (state.ui.namespace !== namespace || state.listed[namespace]) {
      const [containers, tasks, imageList] = await Promise.all([client.containers(namespace), client.tasks(namespace), listImages()]);
      return { containers, tasks, images: imageList };
    }
    let firstScreenDone!: () => void;
    const firstScreen = new Promise<void>((resolve) => (firstScreenDone = resolve));
    const show = (first: ContainerInfo[]) => this.showFirstContainers(client, namespace, first).finally(firstScreenDone);
    const containers = client.containers(namespace, { preview: { count: this.options.firstScreenRows ?? FIRST_SCREEN_ROWS, show } });
    // a list shorter than a screen ends the stream before that: it is the whole list, shown with its tasks
    containers.then(firstScreenDone, firstScreenDone);
    const [allContainers, allTasks, imageList] = await Promise.all([
      containers,
      firstScreen.then(() => client.tasks(namespace)),
      firstScreen.then(listImages),
    ]);
    return { containers: allContainers, tasks: allTasks, images: imageList };
  }

  /** A namespace's first containers with their tasks, drawn before its whole list is asked for. */
  private async showFirstContainers(client: ContainerdClient, namespace: string, first: ContainerInfo[]): Promise<void> {
    const asked = await Promise.all(first.map((c) => client.task(namespace, c.id).catch(nullIfNotFound))).catch(() => null); // a failure: reported by the full read
    if (!asked || this.client !== client) return;
    const tasks = asked.filter((t) => t !== null);
    this.store.setState((s) => (s.listed[namespace] ? {} : applyFirstContainers(s, namespace, first, tasks)));
  }

  private knownSizes(): Map<string, number | null> {
    return new Map(Object.values(this.store.getState().images).map((i) => [i.digest, i.size]));
  }

  /**
   * Re-lists the namespace on screen, then (unless `screenOnly`) the others that are needed or were listed
   * before (events may have been missed while disconnected). The periodic heal re-lists only what is on
   * screen, since events keep the rest current and re-reading thousands of containers elsewhere would cost
   * more than the whole idle monitor.
   */
  private async fullSync(client: ContainerdClient, screenOnly = false): Promise<void> {
    // The namespace on screen first, read while the namespaces are listed: the first frame should not
    // wait for that round trip, nor for every other namespace's lists. (A namespace that does not exist
    // lists empty; the namespace list then decides.)
    const started = performance.now();
    const onScreen = this.store.getState().ui.namespace;
    const screenLists = onScreen === null ? null : this.readNamespace(client, onScreen, this.knownSizes());
    screenLists?.catch(() => undefined); // a failure surfaces below, where it is awaited
    const namespaces = await client.namespaces();
    const first = namespaces.filter((n) => onScreen === null || n.name === onScreen);
    const state = this.store.getState();
    const rest = namespaces.filter((n) => !first.includes(n) && (state.listed[n.name] || this.needsLists(state, n.name)));
    await this.listInto(client, first, namespaces, screenLists && first.length === 1 ? [screenLists] : undefined);
    this.screenSyncMs = performance.now() - started;
    if (rest.length > 0 && !screenOnly) await this.listInto(client, rest, null);
  }

  /** Lists some namespaces into the store (or takes their lists as read already); with `all`, also replaces the set of namespaces. */
  private async listInto(
    client: ContainerdClient,
    subset: NamespaceInfo[],
    all: NamespaceInfo[] | null,
    read?: Promise<NamespaceLists>[],
  ): Promise<void> {
    const sizes = this.knownSizes();
    const lists = await Promise.all(read ?? subset.map((n) => this.readNamespace(client, n.name, sizes)));
    this.store.setState((state) => {
      let patch: Patch = all ? applyNamespaces(state, all) : {};
      patch = { ...patch, ...applyManyNamespaceLists({ ...state, ...patch }, new Map(subset.map((n, i) => [n.name, lists[i]!]))) };
      const next = { ...state, ...patch };
      return { ...patch, watched: this.watched(next), connection: { ...state.connection, syncedAt: Date.now() } };
    });
    if (all) this.landIfNamespaceGone();
  }

  /** Applies what events announced, re-reading only what they named. */
  private async flush(client: ContainerdClient): Promise<void> {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    const { namespaces: namespacesChanged, byNamespace } = this.dirty.take();
    const namespaces = namespacesChanged ? await client.namespaces() : null;
    // a namespace not listed yet is read whole when it is first needed: what changed there now is moot
    const listed = this.store.getState().listed;
    const updates = await Promise.all(
      [...byNamespace].filter(([namespace]) => listed[namespace]).map(([namespace, changes]) => this.readChanges(client, namespace, changes)),
    );
    const newNamespaces = namespaces?.filter((n) => !(n.name in this.store.getState().namespaces)) ?? [];
    const sizes = this.knownSizes();
    const newLists = await Promise.all(newNamespaces.map((n) => this.readNamespace(client, n.name, sizes)));
    this.store.setState((state) => {
      let patch: Patch = appendEvents(state, events);
      const current = () => ({ ...state, ...patch }) as AppState;
      if (namespaces) patch = { ...patch, ...applyNamespaces(current(), namespaces) };
      if (newNamespaces.length) patch = { ...patch, ...applyManyNamespaceLists(current(), new Map(newNamespaces.map((n, i) => [n.name, newLists[i]!]))) };
      for (const update of updates) patch = { ...patch, ...update(current()) };
      return { ...patch, watched: this.watched(current()) };
    });
    this.landIfNamespaceGone();
  }

  /** Reads what changed in one namespace and returns how to apply it to the then-current state. */
  private async readChanges(
    client: ContainerdClient,
    namespace: string,
    changes: NamespaceChanges,
  ): Promise<(state: AppState) => Patch> {
    const many = changes.containers.size + changes.tasks.size > RELIST_THRESHOLD;
    if (many) {
      const lists = await this.readNamespace(client, namespace, this.knownSizes());
      return (state) => applyNamespaceLists(state, namespace, lists);
    }
    const [containers, tasks, images] = await Promise.all([
      Promise.all([...changes.containers].map((id) => client.container(namespace, id).catch(nullIfNotFound).then((c) => [id, c] as const))),
      Promise.all([...changes.tasks].map((id) => client.task(namespace, id).catch(nullIfNotFound).then((t) => [id, t] as const))),
      changes.images ? client.images(namespace, { sizes: true, knownSizes: this.knownSizes() }) : Promise.resolve(null),
    ]);
    return (state) => {
      let patch: Patch = {};
      const current = () => ({ ...state, ...patch }) as AppState;
      for (const [id, container] of containers) {
        const key = keyOf(namespace, id);
        patch = {
          ...patch,
          ...(container ? { containers: upsert(current().containers, key, container, sameContainer) } : forgetContainer(current(), key)),
        };
      }
      for (const [id, task] of tasks) {
        const key = keyOf(namespace, id);
        patch = { ...patch, ...(task ? { tasks: upsert(current().tasks, key, task, sameTask) } : forgetTask(current(), key)) };
      }
      if (images) patch = { ...patch, images: replaceNamespace(current().images, namespace, images, (i) => i.name, sameImage) };
      return patch;
    };
  }

  private pollMetricsSoon(delayMs: number): void {
    if (!this.client) return;
    if (this.metricsTimer) clearTimeout(this.metricsTimer);
    this.nextPollAt = performance.now() + delayMs;
    this.metricsTimer = setTimeout(() => {
      this.metricsTimer = null;
      const client = this.client;
      if (!client) return;
      void this.enqueue(() => this.pollMetrics(client))
        .catch((error) => this.report(error))
        .finally(() => {
          if (this.client === client) this.pollMetricsSoon(this.options.refreshMs);
        });
    }, delayMs);
  }

  /**
   * One Tasks.Metrics call per watched namespace, applied in one store update, for the tasks of the rows
   * on screen and of the detail view (every task while the rows are sorted by CPU or memory: they decide
   * which rows those are). Each task asked costs containerd and its shim far more than us: here (cgroup v1,
   * 5,000 containers) ~3.5 ms of their CPU a task and ~10 ms a call, against ~0.1 ms of ours. Nothing off
   * screen is asked for: a row that comes into view is polled soon after (pollNewRowsSoon).
   */
  private async pollMetrics(client: ContainerdClient): Promise<void> {
    const state = this.store.getState();
    const asked = sortsByFigures(state) ? undefined : shownTasks(state);
    // every row on screen is asked for here, those that just came into view too: no separate poll of them
    this.newRows.clear();
    await this.pollInto(client, this.watched(state), asked);
  }

  /** Asks the namespaces' metrics (of the tasks in `asked` only, when given) and applies them. */
  private async pollInto(client: ContainerdClient, namespaces: string[], asked?: ReadonlyMap<string, string[]>): Promise<void> {
    const askedByNamespace = asked && new Map(namespaces.map((ns) => [ns, asked.get(ns) ?? []]));
    const samples = await Promise.all(namespaces.map((ns) => client.metrics(ns, askedByNamespace?.get(ns))));
    const polled = new Map(namespaces.map((ns, i) => [ns, samples[i]!]));
    this.store.setState((s) => applyMetrics(s, polled, askedByNamespace));
  }

  /**
   * Polls rows that came into view (scrolled to, filtered in, listed) shortly, not at the next tick: their
   * figures were last asked for when they were on screen, if ever. Rows arriving within NEW_ROWS_POLL_MS
   * are asked together.
   */
  private pollNewRowsSoon(keys: readonly string[]): void {
    if (!this.client || keys.length === 0) return;
    for (const key of keys) this.newRows.add(key);
    this.newRowsTimer ??= setTimeout(() => {
      this.newRowsTimer = null;
      const client = this.client;
      if (!client) return;
      void this.enqueue(() => {
        const state = this.store.getState();
        const asked = shownTasks(state, (key) => this.newRows.has(key));
        this.newRows.clear();
        // the next poll asks for them anyway when it is that close; with none scheduled, one is running
        // (the rows wait for the next, under a second) or the first comes after the first lists
        const pollDue = this.metricsTimer === null || this.nextPollAt - performance.now() < NEW_ROWS_POLL_MS;
        if (asked.size === 0 || pollDue || sortsByFigures(state)) return Promise.resolve();
        return this.pollInto(client, [...asked.keys()], asked);
      }).catch((error) => this.report(error));
    }, NEW_ROWS_POLL_MS);
  }

  private scheduleResync(): void {
    this.resyncTimer = setTimeout(() => {
      const client = this.client;
      if (!client) return;
      void this.enqueue(() => this.fullSync(client, true))
        .catch((error) => this.report(error))
        .finally(() => {
          if (this.client === client) this.scheduleResync();
        });
    }, resyncDelay(this.options.resyncMs ?? 30_000, this.screenSyncMs));
  }

  /** The namespace on screen was deleted: say so and land on the namespaces pane. */
  private landIfNamespaceGone(): void {
    const state = this.store.getState();
    const ns = state.ui.namespace;
    if (ns === null || ns in state.namespaces || Object.keys(state.namespaces).length === 0) return;
    this.store.setState({
      ui: { ...state.ui, namespace: null, pane: 'namespaces' },
      message: { text: `namespace ${ns} no longer exists`, level: 'error', at: Date.now() },
    });
  }

  private report(error: unknown): void {
    // a broken connection is the supervisor's to report; other failures go to the message line
    if (error instanceof ClientError && (error.kind === 'unavailable' || error.kind === 'socket-missing')) return;
    const text = error instanceof ClientError ? error.message : String((error as Error)?.message ?? error);
    this.store.setState({ message: { text, level: 'error', at: Date.now() } });
  }
}

/** The rows on screen are sorted by a figure: every task's figures decide which rows those are. */
function sortsByFigures(state: AppState): boolean {
  const { pane, sort } = state.ui;
  const column = sort[pane]?.column;
  return (pane === 'containers' || pane === 'tasks') && (column === 'cpu' || column === 'memory');
}

/**
 * The container ids, by namespace, of the rows the table draws and of the task in the detail view (those
 * that `only` keeps), whose task has a process: a stopped task's cgroup still reports, but its figures
 * are not shown.
 */
function shownTasks(state: AppState, only: (key: string) => boolean = () => true): Map<string, string[]> {
  const { overlay } = state.ui;
  const { onScreen } = state;
  const keys = overlay?.kind === 'detail' && overlay.target ? [...onScreen, overlay.target.key] : onScreen;
  const byNamespace = new Map<string, string[]>();
  for (const key of keys) {
    if (!only(key) || !hasProcess(state.tasks[key])) continue;
    const namespace = namespaceOfKey(key);
    let ids = byNamespace.get(namespace);
    if (!ids) byNamespace.set(namespace, (ids = []));
    ids.push(idOfKey(key));
  }
  return byNamespace;
}
