import v8 from 'node:v8';

/**
 * V8 set up for a long-running, mostly idle monitor. Its optimising compilers stay off: the monitor wakes
 * once a second for a few milliseconds; TurboFan keeps compiling hot functions on background threads for minutes
 * after start, which cost more than its faster code saves here (measured at 5,000 containers: 2.5 ->
 * 1.5-1.75 % of a core while idle). Code then stays in the baseline tiers (Maglev is off by default in
 * Node 22; turning it on made no measurable difference), where a for-of allocates a result object per
 * step: loops that run per cell of a frame use indices. The same holds for WebAssembly (Yoga, Ink's layout
 * engine): TurboFan re-compiles its hot functions during the first tens of seconds, ~0.7 % of a core; its
 * baseline code (Liftoff) is fast enough for a 40-row layout.
 *
 * V8's memory reducer shrinks the heap once the process seems quiet: 8 s after a full collection it runs
 * another one that compacts the heap and shrinks the young generation. A monitor is never quiet for long:
 * at 5,000 containers that collection cost ~40 ms of the main thread, and with the young generation
 * shrunk, scavenges came every 1.3 s instead of every ~20 s and promoted enough for a further full
 * collection 23 s later. A count of 0 lets it start none (V8 checks "GCs started >= count" before it starts
 * one). Measured side by side, 4 runs each, others paused: 12-32 s after the first frame at 50 containers 0.91 ->
 * 0.68 % of a core, 32-62 s at 5,000 1.35 -> 1.00 %; RSS +5 MB at 50 (74 -> 79), +25 MB at 5,000 (122 ->
 * 147). The ordinary full collections, when the old generation reaches its limit, still free the heap.
 *
 * Call it once gRPC is loaded and before the UI is: changing V8's flags makes it refuse the code cache
 * Node ships for its own modules (http2, tls, crypto then load in 30-40 ms instead of ~20), and
 * --liftoff-only only applies to WebAssembly compiled after it.
 */
export function tuneV8ForIdle(): void {
  v8.setFlagsFromString('--no-turbofan');
  v8.setFlagsFromString('--liftoff-only');
  v8.setFlagsFromString('--memory-reducer-gc-count=0');
}
