#!/usr/bin/env node
// Generate TypeScript (ts-proto + grpc-js) from proto/ into src/gen/ with buf.
//
//   node scripts/gen-proto.mjs                 regenerate src/gen/ (npm run gen)
//   node scripts/gen-proto.mjs --check         fail if src/gen/ is stale (npm run gen:check)
//   node scripts/gen-proto.mjs --proto-dir D   use D instead of proto/ (used by tests)
//   node scripts/gen-proto.mjs --out-dir D     compare/write D instead of src/gen/
//
// Everything runs offline: buf comes from the @bufbuild/buf npm package, the
// plugin is node_modules/.bin/protoc-gen-ts_proto (see buf.gen.yaml), and the
// protos have no BSR dependencies.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function usage(msg) {
  if (msg) console.error(`gen-proto: ${msg}`);
  console.error("usage: node scripts/gen-proto.mjs [--check] [--proto-dir DIR] [--out-dir DIR]");
  process.exit(2);
}

let check = false;
let protoDir = path.join(repoRoot, "proto");
let outDir = path.join(repoRoot, "src", "gen");
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--check") check = true;
  else if (a === "--proto-dir" || a === "--out-dir") {
    const v = argv[++i];
    if (!v) usage(`${a} needs a value`);
    if (a === "--proto-dir") protoDir = path.resolve(v);
    else outDir = path.resolve(v);
  } else if (a === "-h" || a === "--help") usage();
  else usage(`unknown argument ${a}`);
}
if (!fs.statSync(protoDir, { throwIfNoEntry: false })?.isDirectory()) usage(`no such directory: ${protoDir}`);

const bin = (name) => path.join(repoRoot, "node_modules", ".bin", name);
for (const b of ["buf", "protoc-gen-ts_proto"]) {
  if (!fs.existsSync(bin(b))) {
    console.error(`gen-proto: ${bin(b)} not found; run ./scripts/npm ci first`);
    process.exit(2);
  }
}

/** Sorted list of files (relative, "/"-separated) under dir; [] if dir is missing. */
function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ctop-gen-proto-"));
let exitCode = 0;
try {
  // buf.gen.yaml's plugin `out` is "src/gen", relative to --output.
  const defaultProto = path.resolve(protoDir) === path.join(repoRoot, "proto");
  // For the default dir, use the workspace in buf.yaml; for any other dir buf
  // treats the directory itself as the module root.
  const input = defaultProto ? "." : protoDir;
  const r = spawnSync(
    bin("buf"),
    ["generate", input, "--template", path.join(repoRoot, "buf.gen.yaml"), "--output", tmp],
    { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] },
  );
  if (r.error) throw r.error;
  if (r.status !== 0) {
    console.error(`gen-proto: buf generate failed (exit ${r.status ?? r.signal})`);
    exitCode = 1;
  } else {
    const fresh = path.join(tmp, "src", "gen");
    const want = listFiles(fresh);
    if (want.length === 0) throw new Error("buf generate produced no files");
    if (check) {
      const have = listFiles(outDir);
      const haveSet = new Set(have);
      const wantSet = new Set(want);
      const problems = [];
      for (const f of want) {
        if (!haveSet.has(f)) problems.push(`missing:  ${f}`);
        else if (!fs.readFileSync(path.join(fresh, f)).equals(fs.readFileSync(path.join(outDir, f))))
          problems.push(`differs:  ${f}`);
      }
      for (const f of have) if (!wantSet.has(f)) problems.push(`extra:    ${f}`);
      const show = (d) => {
        const r = path.relative(repoRoot, d);
        return r && !r.startsWith("..") && !path.isAbsolute(r) ? r : d;
      };
      const rel = show(outDir);
      if (problems.length) {
        console.error(`gen-proto --check: ${rel}/ is out of date with ${show(protoDir)}/ (${problems.length} file(s)):`);
        for (const p of problems) console.error(`  ${p}`);
        console.error("run `./scripts/npm run gen` and commit the result");
        exitCode = 1;
      } else {
        console.log(`gen-proto --check: ${rel}/ is up to date (${want.length} files)`);
      }
    } else {
      fs.rmSync(outDir, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(outDir), { recursive: true });
      fs.cpSync(fresh, outDir, { recursive: true });
      console.log(`gen-proto: wrote ${want.length} files to ${path.relative(repoRoot, outDir) || outDir}/`);
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
