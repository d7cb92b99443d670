// Reconnect delays: quick at first (a restart takes a second or two), then capped. Resync pacing.

export function backoffDelay(attempt: number, initialMs = 250, maxMs = 5000): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}

/** Share of wall time the periodic resync (a heal for missed events, which a live stream rarely misses) may take. */
const RESYNC_SHARE = 0.002;

/**
 * Wait before the next resync: `baseMs`, or longer when re-listing took long, so that it never costs more
 * than RESYNC_SHARE of the time (5,000 containers re-listed in ~0.3 s: every ~2.5 min instead of 30 s).
 */
export function resyncDelay(baseMs: number, lastSyncMs: number): number {
  return Math.max(baseMs, lastSyncMs / RESYNC_SHARE);
}

/** Resolves after ms, or at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
