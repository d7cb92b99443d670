#!/usr/bin/env node
// Entry point. Node's compile cache (on disk, in the temp dir) makes every start after the first one
// much quicker: Ink, React and grpc-js are large, and a monitor should be on screen at once.
import module from 'node:module';
import v8 from 'node:v8';

module.enableCompileCache?.();
// The monitor wakes once a second for a few milliseconds. V8's top tier (TurboFan) keeps compiling hot
// functions on background threads for minutes after start, which cost more than its faster code saves
// here (measured at 5,000 containers: 2.5 -> 1.5-1.75 % of a core while idle). Code then stays in the
// baseline tiers (Maglev is off by default in Node 22; turning it on made no measurable difference), where
// a for-of allocates a result object per step: loops that run per cell of a frame use indices.
v8.setFlagsFromString('--no-turbofan');
// The same holds for WebAssembly (Yoga, Ink's layout engine): TurboFan re-compiles its hot functions on a
// background thread during the first tens of seconds, ~0.7 % of a core; its baseline code (Liftoff) is
// fast enough for a 40-row layout (main thread unchanged, measured at 50 containers).
v8.setFlagsFromString('--liftoff-only');
const { main } = await import('./app.js');
process.exitCode = await main({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr });
