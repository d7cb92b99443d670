// src/gen must match what scripts/gen-proto.mjs produces from proto/, and the
// generated code must decode 64-bit values exactly (forceLong=bigint).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

import { Metrics as CgroupV1Metrics } from "../../src/gen/cgroup1/stats/metrics.js";
import { messageTypeRegistry } from "../../src/gen/typeRegistry.js";

/** Repo root: the nearest ancestor of this file with scripts/gen-proto.mjs (dist/test/unit -> ../../..). */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, "scripts", "gen-proto.mjs")) && fs.existsSync(path.join(dir, "package.json"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}
const root = findRepoRoot();

function runGen(...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, "scripts", "gen-proto.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
}

test("src/gen is up to date with proto/ (gen-proto --check)", () => {
  const r = runGen("--check");
  assert.equal(r.status, 0, `gen-proto --check failed:\n${r.stdout}\n${r.stderr}`);
});

test("gen-proto --check fails when a proto field number changes", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ctop-gen-test-"));
  try {
    const protoCopy = path.join(tmp, "proto");
    fs.cpSync(path.join(root, "proto"), protoCopy, { recursive: true });
    const file = path.join(protoCopy, "cgroup1", "stats", "metrics.proto");
    const src = fs.readFileSync(file, "utf8");
    const altered = src.replace(/uint64 total_inactive_file = 30;/, "uint64 total_inactive_file = 99;");
    assert.notEqual(altered, src, "test fixture: field to alter not found");
    fs.writeFileSync(file, altered);

    const r = runGen("--check", "--proto-dir", protoCopy);
    assert.notEqual(r.status, 0, `expected --check to fail:\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stderr, /cgroup1\/stats\/metrics\.ts/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

/** Protobuf base-128 varint of a non-negative bigint. */
function varint(v: bigint): number[] {
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const tag = (field: number, wireType: number) => varint(BigInt((field << 3) | wireType));
const lenDelimited = (field: number, body: number[]) => [...tag(field, 2), ...varint(BigInt(body.length)), ...body];

test("cgroup v1 Metrics decodes an 'unlimited' memory limit as an exact bigint", () => {
  const limit = 9223372036854771712n; // > Number.MAX_SAFE_INTEGER
  // Metrics{ memory(4): MemoryStat{ usage(33): MemoryEntry{ limit(1), usage(2) } } }
  const entry = [...tag(1, 0), ...varint(limit), ...tag(2, 0), ...varint(12345n)];
  const bytes = Uint8Array.from(lenDelimited(4, lenDelimited(33, entry)));

  const m = CgroupV1Metrics.decode(bytes);
  assert.equal(m.memory?.usage?.limit, limit);
  assert.equal(m.memory?.usage?.usage, 12345n);
  assert.equal(m.memory?.totalInactiveFile, 0n);

  // the same type is reachable by its full proto name (= the Any type URL containerd uses)
  const viaRegistry = messageTypeRegistry.get("io.containerd.cgroups.v1.Metrics");
  assert.ok(viaRegistry, "io.containerd.cgroups.v1.Metrics not registered");
  assert.equal((viaRegistry.decode(bytes) as CgroupV1Metrics).memory?.usage?.limit, limit);

  // and it round-trips
  assert.deepEqual(Array.from(CgroupV1Metrics.encode(m).finish()), Array.from(bytes));
});
