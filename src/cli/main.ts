#!/usr/bin/env node
// Entry point. Node's compile cache (on disk, in the temp dir) makes every start after the first one
// much quicker: Ink, React and grpc-js are large, and a monitor should be on screen at once.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('./app.js');
process.exitCode = await main({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr });
