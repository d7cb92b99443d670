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
 * The young generation does not grow (--semi-space-growth-factor=1; V8 reads it whenever it would grow
 * it). Loading thousands of containers made V8 grow it from 1 to 16 MB, and the monitor's ~0.7 MB/s of
 * allocation then wrote to fresh pages for the next ~20 s, each 4 KB page a page fault on first touch (here,
 * in a VM, ~45 µs each: 100-200 faults and 4-6 ms of CPU a second at 5,000 containers) until the next full
 * collection shrank it again. Kept small, it stays in pages already touched (and in the CPU's cache), for
 * more, smaller scavenges while a big list loads. Side by side at 5,000 containers, 4 runs each: 12-32 s
 * after the first frame 1.05 -> 0.92 %, 32-62 s 1.05 -> 0.84 % (2-12 s 1.10 -> 1.30 %: the first full
 * collection after the list's growth came sooner in one run); RSS 143 -> 120-138 MB; at 50 containers no
 * difference; first frame at 5,000 (8 starts each, one at a time) 540 -> 490 ms.
 *
 * Call it once gRPC is loaded and before the UI is: changing V8's flags makes it refuse the code cache
 * Node ships for its own modules (http2, tls, crypto then load in 30-40 ms instead of ~20), and
 * --liftoff-only only applies to WebAssembly compiled after it.
 */
export function tuneV8ForIdle(): void {
  v8.setFlagsFromString('--no-turbofan');
  v8.setFlagsFromString('--liftoff-only');
  v8.setFlagsFromString('--memory-reducer-gc-count=0');
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
