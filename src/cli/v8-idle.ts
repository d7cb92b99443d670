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
 * V8's memory reducer, which shrinks the heap once the process goes quiet, runs two full collections; in
 * the traces taken here the second freed at most 0.4 MB (28.3 -> 28.3 MB at 5,000 containers, 13.8 -> 13.8
 * at 50) and cost 20-135 ms of CPU: one is kept.
 *
 * Call it once gRPC is loaded and before the UI is: changing V8's flags makes it refuse the code cache
 * Node ships for its own modules (http2, tls, crypto then load in 30-40 ms instead of ~20), and
 * --liftoff-only only applies to WebAssembly compiled after it.
 */
export function tuneV8ForIdle(): void {
  v8.setFlagsFromString('--no-turbofan');
  v8.setFlagsFromString('--liftoff-only');
  v8.setFlagsFromString('--memory-reducer-gc-count=1');
}
