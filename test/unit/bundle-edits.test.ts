// The bundle (scripts/bundle.mjs) edits string-width: single UTF-16 units are judged by Emoji_Presentation
// instead of the costly RGI_Emoji expression. These check that the assumption holds on this Node's Unicode
// data and that the bundled string-width measures like the original.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { repoRoot } from '../helpers/sandbox.js';

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
