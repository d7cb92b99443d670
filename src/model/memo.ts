// Small memoisation helpers so derived rows are rebuilt only when their inputs change, and unchanged
// rows keep their identity between ticks (React and Ink then skip them).

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
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
   * have changed nothing else; the list is copied on the first row that really changed.
   */
  patch(positions: Iterable<number>, build: (row: RowFn<T>, position: number) => T): T[] {
    let list = this.lastList ?? [];
    for (const i of positions) {
      const value = build((k, deps, make) => {
        const old = this.previous.get(k);
        if (old && sameDeps(old.deps, deps)) return old.value;
        const made = make();
        this.previous.set(k, { deps, value: made });
        return made;
      }, i);
      if (value === list[i]) continue;
      if (list === this.lastList) list = [...list];
      list[i] = value;
    }
    this.lastList = list;
    return list;
  }
}

/** Keys whose value is another object in `next` than in `previous` (added, replaced or removed). */
export function changedKeys<V>(previous: Readonly<Record<string, V>>, next: Readonly<Record<string, V>>): string[] {
  const keys: string[] = [];
  for (const key in next) if (next[key] !== previous[key]) keys.push(key);
  for (const key in previous) if (!(key in next)) keys.push(key);
  return keys;
}
