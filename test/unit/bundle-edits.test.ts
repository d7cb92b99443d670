// The bundle (scripts/bundle.mjs) edits string-width: single UTF-16 units are judged by Emoji_Presentation
// instead of the costly RGI_Emoji expression. These check that the assumption holds on this Node's Unicode
// data and that the bundled string-width measures like the original. It also starts Yoga's WebAssembly
// with a smaller memory, which must grow when a layout needs more.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { repoRoot } from '../helpers/sandbox.js';

interface WasmMemory {
  embeddedWasm(code: string): { bytes: Buffer; replaced(bytes: Buffer): string };
  memoryOf(bytes: Buffer): { initial: number; maximum: number | null; dataEnd: number };
  withInitialMemory(bytes: Buffer, pages: number): Buffer;
}
const wasmMemory = (): Promise<WasmMemory> => import(join(repoRoot(), 'scripts', 'wasm-memory.mjs'));

test('a single UTF-16 unit is an RGI emoji exactly when it has Emoji_Presentation (the whole BMP)', () => {
  const rgi = new RegExp('^\\p{RGI_Emoji}$', 'v'); // a literal would need an es2024 target
  const presentation = /^\p{Emoji_Presentation}$/u;
  const differ: string[] = [];
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue; // lone surrogates: not graphemes of valid text
    const unit = String.fromCharCode(code);
    if (rgi.test(unit) !== presentation.test(unit)) differ.push(code.toString(16));
  }
  assert.deepEqual(differ, []);
});

test('the bundled string-width measures like the original', async () => {
  const dir = join(repoRoot(), 'dist', 'bundle');
  const chunk = readdirSync(dir).find((f) => f.endsWith('.js') && readFileSync(join(dir, f), 'utf8').includes('emojiPresentationRegex'));
  assert.ok(chunk, 'the edited string-width is in the bundle');
  const bundled = ((await import(join(dir, chunk))) as { stringWidth: (s: string) => number }).stringWidth;
  const samples = ['ctop-ts │ ns', '● connected', '✖ disconnected', '…', '日本語', 'ｱｲｳ', '⌚', '⌛x', '☕', '❤', '❤️', '1️⃣', '#⃣', '🇩🇪', '👨‍👩‍👧', '👍🏽', 'é', 'e\u0301', 'Ａ', '한국어', '\u200b', 'a\tb'];
  for (const s of samples) assert.equal(bundled(s), stringWidth(s), JSON.stringify(s));
});

test('the bundled Yoga starts with 1 MB of memory, its data inside it', async () => {
  const { embeddedWasm, memoryOf } = await wasmMemory();
  const ui = readFileSync(join(repoRoot(), 'dist', 'bundle', 'ui.js'), 'utf8');
  const { initial, maximum, dataEnd } = memoryOf(embeddedWasm(ui).bytes);
  assert.equal(initial, 16);
  assert.ok(maximum !== null && maximum >= 32768, 'the memory can still grow');
  assert.ok(dataEnd > 0 && dataEnd < 16 * 65536);
});

/** Lays out `count` rows under one column with the Yoga module at `index` (its src/index.js); a digest of the result. */
async function layOut(index: string, count: number): Promise<number> {
  type YogaNode = {
    setHeight(h: number): void;
    setFlexGrow(g: number): void;
    setWidth(w: number): void;
    insertChild(child: YogaNode, i: number): void;
    calculateLayout(w: number | undefined, h: number | undefined, direction: number): void;
    getComputedTop(): number;
    getComputedWidth(): number;
    freeRecursive(): void;
  };
  const { default: Yoga } = (await import(index)) as { default: { Node: { create(): YogaNode }; DIRECTION_LTR: number } };
  const root = Yoga.Node.create();
  root.setWidth(120);
  const rows: YogaNode[] = [];
  for (let i = 0; i < count; i++) {
    const row = Yoga.Node.create();
    row.setHeight(1 + (i % 3));
    root.insertChild(row, i);
    rows.push(row);
  }
  root.calculateLayout(undefined, undefined, Yoga.DIRECTION_LTR);
  const digest = rows.reduce((sum, row, i) => sum + (i + 1) * (row.getComputedTop() + row.getComputedWidth()), 0);
  root.freeRecursive();
  return digest;
}

test('Yoga with its memory cut to 1 MB grows it: 100,000 rows laid out as with 16 MB', async () => {
  const yoga = join(repoRoot(), 'node_modules', 'yoga-layout', 'dist');
  const binary = join(yoga, 'binaries', 'yoga-wasm-base64-esm.js');
  const { embeddedWasm, withInitialMemory } = await wasmMemory();
  const wasm = embeddedWasm(readFileSync(binary, 'utf8'));
  const copy = mkdtempSync(join(tmpdir(), 'ctop-yoga-'));
  try {
    cpSync(yoga, copy, { recursive: true });
    writeFileSync(join(copy, 'package.json'), '{ "type": "module" }');
    writeFileSync(join(copy, 'binaries', 'yoga-wasm-base64-esm.js'), wasm.replaced(withInitialMemory(wasm.bytes, 16)));
    const rows = 100_000; // tens of MB of nodes: far beyond 1 MB
    assert.equal(await layOut(join(copy, 'src', 'index.js'), rows), await layOut(join(yoga, 'src', 'index.js'), rows));
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
