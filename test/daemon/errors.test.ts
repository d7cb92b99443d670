// What connect() and the CLI say when the address is wrong: nothing there, a plain file, a socket that
// is not containerd, a socket we may not open. Also the address forms and environment variables the
// CLI accepts, and its usage errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KNOWN_SOCKETS } from '../../src/client/address.js';
import { connect } from '../../src/client/containerd.js';
import { ClientError, type ClientErrorKind } from '../../src/client/errors.js';
import { parseOptions, UsageError } from '../../src/cli/options.js';
import { grpcServerWithoutServices } from '../helpers/not-containerd.js';
import { ensureSandbox, repoRoot, SANDBOX_ADDRESS } from '../helpers/sandbox.js';
import { CLI, cleanEnv, runCli, type CliResult } from './support.js';

let dir: string;
const servers: { close(): void }[] = [];

before(async () => {
  await ensureSandbox();
  dir = mkdtempSync(join(tmpdir(), 'ctop-errors-'));
});
after(() => {
  for (const s of servers) s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A unix socket served by `handler`; closed after the file's tests. */
async function listen(name: string, handler: (socket: net.Socket) => void): Promise<string> {
  const path = join(dir, name);
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    handler(socket);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  servers.push({ close: () => server.close() });
  return path;
}

async function rejectsWith(address: string, kind: ClientErrorKind): Promise<ClientError> {
  let caught: unknown;
  try {
    const client = await connect(address, { timeoutMs: 5000 });
    client.close();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ClientError, `connect(${address}) should reject with a ClientError, got ${String(caught)}`);
  assert.equal(caught.kind, kind, caught.message);
  return caught;
}

/** Exit 1 and exactly one line on stderr, with no stack trace; returns that line. */
function oneLineFailure(result: CliResult): string {
  assert.equal(result.code, 1, `exit code ${result.code}; stderr: ${result.stderr}`);
  assert.equal(result.stdout, '');
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, /^\s+at |\.js:\d+|Error:/m, 'stack trace or raw error on stderr');
  assert.match(lines[0]!, /^ctop-ts: /);
  return lines[0]!;
}

const batch = (address: string) => runCli(['--batch', '-a', address], { env: cleanEnv() });

describe('a missing socket', () => {
  test('connect() names the path and the usual socket locations', async () => {
    const missing = join(dir, 'no-such.sock');
    const error = await rejectsWith(missing, 'socket-missing');
    assert.ok(error.message.includes(missing), error.message);
    for (const known of KNOWN_SOCKETS) assert.ok(error.message.includes(known), `${known} missing from: ${error.message}`);
  });

  test('the CLI exits 1 with one line naming the path and the usual locations', async () => {
    const missing = join(dir, 'nothing-here', 'containerd.sock');
    const line = oneLineFailure(await batch(missing));
    assert.ok(line.includes(missing), line);
    assert.ok(line.includes('/run/containerd/containerd.sock'), line);
    assert.ok(line.includes('/run/k3s/containerd/containerd.sock'), line);
    assert.match(line, /not found/);
  });
});

describe('not a socket', () => {
  test('a regular file', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'hello\n');
    const error = await rejectsWith(file, 'not-containerd');
    assert.match(error.message, /not a socket/);
    const line = oneLineFailure(await batch(file));
    assert.ok(line.includes(file) && /not a socket/.test(line), line);
  });

  test('a directory', async () => {
    await rejectsWith(dir, 'not-containerd');
    assert.match(oneLineFailure(await batch(dir)), /not a socket/);
  });
});

describe('a socket that is not containerd', () => {
  test('a server that writes garbage', async () => {
    const path = await listen('garbage.sock', (s) => s.end(Buffer.from('\xde\xad\xbe\xef garbage, not HTTP/2 at all\n'.repeat(4), 'latin1')));
    const error = await rejectsWith(path, 'not-containerd');
    assert.ok(error.message.includes(path), error.message);
    const line = oneLineFailure(await batch(path));
    assert.ok(line.includes(path) && /containerd/.test(line) && /not|does not/.test(line), line);
  });

  test('an HTTP/1 server', async () => {
    const path = join(dir, 'http.sock');
    const server = http.createServer((_req, res) => res.end('hello from a web server\n'));
    await new Promise<void>((resolve) => server.listen(path, resolve));
    servers.push({ close: () => server.close() });
    await rejectsWith(path, 'not-containerd');
    assert.match(oneLineFailure(await batch(path)), /does not speak containerd's gRPC API/);
  });

  test('a gRPC server without containerd services', async () => {
    const path = join(dir, 'grpc.sock');
    servers.push(await grpcServerWithoutServices(path));
    const error = await rejectsWith(path, 'not-containerd');
    assert.match(error.message, /not containerd/);
    assert.match(oneLineFailure(await batch(path)), /not containerd/);
  });

  test('a stale socket file with nobody listening says the daemon is not answering', async () => {
    const path = join(dir, 'stale.sock');
    // a listener killed without cleanup leaves its socket file behind, as a crashed daemon does
    const child = spawnSync(process.execPath, [
      '-e',
      `require('net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`,
    ]);
    assert.equal(child.signal, 'SIGKILL');
    assert.ok(statSync(path).isSocket(), 'could not make a stale socket file');
    const error = await rejectsWith(path, 'unavailable');
    assert.match(error.message, /not answering/);
    assert.match(oneLineFailure(await batch(path)), /not answering/);
  });
});

describe('permission denied', () => {
  const changed: { path: string; mode: number }[] = [];
  const asNobody = (...cmd: string[]) => ['setpriv', '--reuid', 'nobody', '--regid', 'nogroup', '--clear-groups', ...cmd];

  before(() => {
    // nobody must be able to run node and read dist/ and node_modules/: open up only the directories that block it
    const mustTraverse = new Set<string>();
    for (const target of [CLI, process.execPath, join(repoRoot(), 'node_modules', '@grpc', 'grpc-js', 'package.json')]) {
      for (let d = dirname(target); ; d = dirname(d)) {
        mustTraverse.add(d);
        if (dirname(d) === d) break;
      }
    }
    for (const d of mustTraverse) {
      const mode = statSync(d).mode & 0o7777;
      if ((mode & 0o005) !== 0o005) {
        changed.push({ path: d, mode });
        chmodSync(d, mode | 0o005);
      }
    }
    const [file, ...args] = asNobody(process.execPath, CLI, '--version');
    const probe = spawnSync(file!, args, { encoding: 'utf8' });
    assert.equal(probe.status, 0, `nobody cannot run the CLI (dist/ or node_modules/ not readable?): ${probe.stderr}`);
  });
  after(() => {
    for (const { path, mode } of changed.reverse()) chmodSync(path, mode);
  });

  test('the sandbox socket as nobody: a permission message saying how to get access', async () => {
    const mode = statSync(SANDBOX_ADDRESS).mode;
    assert.equal(mode & 0o006, 0, 'the sandbox socket is open to others; the test would prove nothing');
    const result = await runCli(['--batch', '-a', SANDBOX_ADDRESS], { env: cleanEnv(), command: asNobody(process.execPath, CLI) });
    const line = oneLineFailure(result);
    assert.match(line, /permission denied/i);
    assert.ok(line.includes(SANDBOX_ADDRESS), line);
    assert.match(line, /root|sudo/);
    assert.match(line, /group/);
  });

  test('a socket inside a directory nobody may not enter', async () => {
    const privateDir = mkdtempSync(join(dir, 'private-'));
    chmodSync(privateDir, 0o700);
    const path = join(privateDir, 'containerd.sock');
    const server = net.createServer((s) => s.destroy());
    await new Promise<void>((resolve) => server.listen(path, resolve));
    servers.push({ close: () => server.close() });
    // the parent temp dir must be enterable for the test to reach the private one
    const parentMode = statSync(dir).mode & 0o7777;
    chmodSync(dir, parentMode | 0o005);
    try {
      const line = oneLineFailure(await runCli(['--batch', '-a', path], { env: cleanEnv(), command: asNobody(process.execPath, CLI) }));
      assert.match(line, /permission denied/i);
      assert.ok(line.includes(path), line);
    } finally {
      chmodSync(dir, parentMode);
    }
  });
});

describe('address forms and environment', () => {
  test('connect() accepts unix:// and reports the plain path', async () => {
    const client = await connect(`unix://${SANDBOX_ADDRESS}`);
    try {
      assert.equal(client.address, SANDBOX_ADDRESS);
      assert.match((await client.version()).version, /\d+\.\d+/);
    } finally {
      client.close();
    }
  });

  test('the CLI accepts -a unix://PATH', async () => {
    const result = await runCli(['--json', '--interval', '0.2', '-n', 'build', '-a', `unix://${SANDBOX_ADDRESS}`], { env: cleanEnv() });
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout) as { address: string; namespaces: { name: string }[] };
    assert.equal(doc.address, SANDBOX_ADDRESS);
    assert.deepEqual(doc.namespaces.map((n) => n.name), ['build']);
  });

  test('CONTAINERD_ADDRESS is honoured, and -a wins over it', async () => {
    const viaEnv = await runCli(['--json', '--interval', '0.2', '-n', 'build'], { env: cleanEnv({ CONTAINERD_ADDRESS: SANDBOX_ADDRESS }) });
    assert.equal(viaEnv.code, 0, viaEnv.stderr);
    assert.equal((JSON.parse(viaEnv.stdout) as { address: string }).address, SANDBOX_ADDRESS);

    const missing = join(dir, 'env-missing.sock');
    const wrongEnv = await runCli(['--json', '-n', 'build'], { env: cleanEnv({ CONTAINERD_ADDRESS: missing }) });
    assert.ok(oneLineFailure(wrongEnv).includes(missing), 'the env address was not used');

    const flagWins = await runCli(['--json', '--interval', '0.2', '-n', 'build', '-a', SANDBOX_ADDRESS], {
      env: cleanEnv({ CONTAINERD_ADDRESS: missing }),
    });
    assert.equal(flagWins.code, 0, flagWins.stderr);
  });

  test('CONTAINERD_NAMESPACE is honoured; -n and -A win over it', async () => {
    const names = async (args: string[]) => {
      const r = await runCli(['--json', '--interval', '0.2', '-a', SANDBOX_ADDRESS, ...args], { env: cleanEnv({ CONTAINERD_NAMESPACE: 'build' }) });
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as { namespaces: { name: string; containers: { id: string }[] }[] };
      return doc.namespaces;
    };
    const fromEnv = await names([]);
    assert.deepEqual(fromEnv.map((n) => n.name), ['build']);
    assert.ok(fromEnv[0]!.containers.some((c) => c.id === 'builder-1'));
    assert.deepEqual((await names(['-n', 'k8s.io'])).map((n) => n.name), ['k8s.io']);
    // -A over the environment: the parsed options (the spawned -A run is in batch.test)
    assert.equal(parseOptions(['-A'], { CONTAINERD_NAMESPACE: 'build' }, false).namespace, null);
  });
});

describe('usage errors', () => {
  for (const args of [['--bogus'], ['--interval', 'soon']]) {
    test(`ctop-ts ${args.join(' ')} → exit 2 with a usage hint`, async () => {
      const result = await runCli(args, { env: cleanEnv() });
      assert.equal(result.code, 2, `exit ${result.code}; stderr: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^ctop-ts: /);
      assert.match(result.stderr, /--help/);
      assert.doesNotMatch(result.stderr, /^\s+at /m);
    });
  }

  test('other bad command lines are usage errors too', () => {
    for (const args of [['--interval', '0'], ['--refresh', '-1'], ['extra-positional'], ['-a'], ['-n']]) {
      assert.throws(() => parseOptions(args, {}, false), UsageError, args.join(' '));
    }
  });
});
