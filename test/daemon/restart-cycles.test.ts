// 20 kill -9/restart cycles of containerd under a running sync engine, without its heap growing. A file of
// its own: with the other resilience tests it came near the test runner's 120 s limit for one file on a
// busy machine. The cycles run in a child process (fixtures/restart-cycles.ts), which measures its heap.
// They kill the shared sandbox daemon and always start it again (scripts/sandbox.sh up) before they end.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sandboxUp } from '../helpers/daemon.js';
import { ensureSandbox, USING_SANDBOX } from '../helpers/sandbox.js';

describe('resilience of the sync engine: restart cycles', () => {
  before(async () => {
    assert.ok(USING_SANDBOX, 'these tests kill and restart the sandbox daemon of scripts/sandbox.sh (CTOP_TEST_ADDRESS must be unset)');
    await ensureSandbox();
  });

  it('survives 20 kill -9/restart cycles without the heap growing', { timeout: 300_000 }, async (t) => {
    const script = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'restart-cycles.js');
    const lines: { cycle: number; heapUsed: number; rss: number; external: number; ms?: number }[] = [];
    let stderr = '';
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--expose-gc', script, '20'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let buffer = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        buffer += d;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.startsWith('{')) lines.push(JSON.parse(line));
        }
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
      child.on('error', reject);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    }).finally(() => sandboxUp());
    const mb = (n: number) => (n / 2 ** 20).toFixed(1);
    for (const l of lines) t.diagnostic(`cycle ${l.cycle}: heap ${mb(l.heapUsed)} MB, rss ${mb(l.rss)} MB${l.ms ? `, ${l.ms} ms` : ''}`);
    assert.equal(code, 0, `the cycle child failed:\n${stderr}`);
    assert.equal(lines.length, 21, 'a measurement before and after each of 20 cycles');
    const heapAt = (cycle: number) => lines.find((l) => l.cycle === cycle)!.heapUsed;
    assert.ok(
      heapAt(20) < heapAt(5) + 3 * 2 ** 20,
      `heap after cycle 20 (${mb(heapAt(20))} MB) within 3 MB of after cycle 5 (${mb(heapAt(5))} MB)`,
    );
  });
});
