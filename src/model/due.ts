// Which positions of a list are due at a given time, found without looking at the others. Each container
// row's AGE text changes at its own time (see ageChangesAt), and a metrics tick must find the few rows due
// among thousands: a min-heap of (time, position) hands them out in the order they fall due.

export class DueQueue {
  /** when each position is due; NaN once taken (until set again) */
  private readonly dueAt: number[] = [];
  /** the heap, as parallel arrays (no object per entry); an entry whose time is no longer its position's is stale */
  private readonly times: number[] = [];
  private readonly positions: number[] = [];

  /** Position `i` falls due at `at`; Infinity (or NaN, from an invalid date) means never. */
  set(i: number, at: number): void {
    if (this.dueAt[i] === at) return; // a row rebuilt before its time keeps its entry
    this.dueAt[i] = at;
    if (!(at < Infinity)) return;
    const { times, positions } = this;
    let j = times.length;
    while (j > 0) {
      const parent = (j - 1) >> 1;
      if (times[parent]! <= at) break;
      times[j] = times[parent]!;
      positions[j] = positions[parent]!;
      j = parent;
    }
    times[j] = at;
    positions[j] = i;
  }

  /** The positions due by `now`, each once: a position taken is not due again until it is set again. */
  take(now: number): number[] {
    const due: number[] = [];
    while (this.times.length > 0 && this.times[0]! <= now) {
      const at = this.times[0]!;
      const i = this.positions[0]!;
      this.removeFirst();
      if (this.dueAt[i] !== at) continue; // stale: set to another time since
      this.dueAt[i] = NaN;
      due.push(i);
    }
    return due;
  }

  private removeFirst(): void {
    const { times, positions } = this;
    const at = times.pop()!;
    const i = positions.pop()!;
    const n = times.length;
    if (n === 0) return;
    // the last entry goes to the root and sinks to its place
    let j = 0;
    for (;;) {
      let child = 2 * j + 1;
      if (child >= n) break;
      if (child + 1 < n && times[child + 1]! < times[child]!) child++;
      if (times[child]! >= at) break;
      times[j] = times[child]!;
      positions[j] = positions[child]!;
      j = child;
    }
    times[j] = at;
    positions[j] = i;
  }
}
