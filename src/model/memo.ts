// Small memoisation helpers so derived rows are rebuilt only when their inputs change, and unchanged
// rows keep their identity between ticks (React and Ink then skip them).

/** Whether two lists hold the same values in the same order (Object.is). */
export function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * Remembers a function of a string for the last strings it was given (at most `limit`, then it starts
 * over): for the lines and texts of the last frames, which a steady screen repeats.
 */
export function memoByText<R>(compute: (text: string) => R, limit = 2000): (text: string) => R {
  let cache = new Map<string, R>();
  return (text) => {
    if (cache.has(text)) return cache.get(text)!;
    if (cache.size >= limit) cache = new Map();
    const value = compute(text);
    cache.set(text, value);
    return value;
  };
}

/** Remembers the last result and returns it while the dependencies are the same (Object.is). */
export function memoLast<D extends readonly unknown[], R>(compute: (...deps: D) => R): (...deps: D) => R {
  let last: { deps: D; result: R } | null = null;
  return (...deps: D) => {
    if (last && sameDeps(last.deps, deps)) return last.result;
    const result = compute(...deps);
    last = { deps, result };
    return result;
  };
}

/**
 * Per-key cache of built rows across passes. Call `pass` once per rebuild; inside it, `row` returns the
 * previous object for a key when its dependencies are unchanged. Keys not seen in a pass are dropped.
 * A pass whose rows are all the previous objects, in the same order, returns the previous list itself:
 * a metrics tick that changed no figure on a pane then changes nothing downstream (filter, sort, layout,
 * React), so a steady screen is not redrawn.
 */
/** Returns the previous row for `key` while `deps` are unchanged, else the one `make` builds. */
export type RowFn<T> = (key: string, deps: readonly unknown[], make: () => T) => T;

export class RowCache<T extends { key: string }> {
  private previous = new Map<string, { deps: readonly unknown[]; value: T }>();
  private current = new Map<string, { deps: readonly unknown[]; value: T }>();
  private lastList: T[] | null = null;

  pass(build: (row: RowFn<T>) => T[]): T[] {
    this.current = new Map();
    const list = build((key, deps, make) => {
      const old = this.previous.get(key);
      const value = old && sameDeps(old.deps, deps) ? old.value : make();
      this.current.set(key, { deps, value });
      return value;
    });
    this.previous = this.current;
    if (this.lastList && sameDeps(this.lastList, list)) return this.lastList;
    this.lastList = list;
    return list;
  }

  /**
   * Rebuilds only the rows at `positions` of the last list (same keys, same order), for a tick that can
   * have changed nothing else; the list is copied on the first row that really changed, and where it
   * differs is kept for patchedPositions.
   */
  patch(positions: Iterable<number>, build: (row: RowFn<T>, position: number) => T): T[] {
    const base = this.lastList ?? [];
    let list = base;
    const replaced: number[] = [];
    for (const i of positions) {
      const value = build((k, deps, make) => {
        const old = this.previous.get(k);
        if (old && sameDeps(old.deps, deps)) return old.value;
        const made = make();
        this.previous.set(k, { deps, value: made });
        return made;
      }, i);
      if (value === list[i]) continue;
      if (list === base) list = [...list];
      list[i] = value;
      replaced.push(i);
    }
    if (list !== base) latestPatch = { base, list, positions: replaced };
    this.lastList = list;
    return list;
  }
}

/**
 * The latest RowCache.patch that changed something: the list it started from, the list it returned, and
 * where they differ. One is enough: a view asks right after its rows were patched. Not a WeakMap of every
 * patch: each entry holds another list of the pane, and chains of them outlived minor GCs (four times the
 * GC time in a loop of ticks at 5,000 rows).
 */
let latestPatch: { base: readonly unknown[]; list: readonly unknown[]; positions: readonly number[] } | null = null;

/**
 * The positions at which `list` holds other rows than `base`, when `list` is the latest patch of `base`
 * (a metrics tick); null when not known (a full pass, or another patch since): compare all rows.
 */
export function patchedPositions(base: readonly unknown[], list: readonly unknown[]): readonly number[] | null {
  return latestPatch?.base === base && latestPatch.list === list ? latestPatch.positions : null;
}

/** Keys whose value is another object in `next` than in `previous` (added, replaced or removed). */
function changedKeys<V>(previous: Readonly<Record<string, V>>, next: Readonly<Record<string, V>>): string[] {
  const keys: string[] = [];
  for (const key in next) if (next[key] !== previous[key]) keys.push(key);
  for (const key in previous) if (!(key in next)) keys.push(key);
  return keys;
}

/** The positions (by `index`) of the keys whose value is another object in `next` than in `previous`. */
export function changedPositions<V>(
  index: ReadonlyMap<string, number>,
  previous: Readonly<Record<string, V>>,
  next: Readonly<Record<string, V>>,
): Set<number> {
  const positions = new Set<number>();
  for (const key of changedKeys(previous, next)) {
    const i = index.get(key);
    if (i !== undefined) positions.add(i);
  }
  return positions;
}
