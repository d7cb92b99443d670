// sideBySide (src/terminal/row-text.ts) stands in for Ink's own way of making a row of a frame in the bundle
// (scripts/bundle.mjs). Whatever it returns must show on a terminal exactly what Ink's row shows: each test
// draws both on a headless xterm and compares every cell.
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import xterm from '@xterm/headless';
import { Chalk } from 'chalk';
import stringWidth from 'string-width';
import { closesStyles, sideBySide } from '../../src/terminal/row-text.js';
import { repoRoot } from '../helpers/sandbox.js';
import { snapshot } from '../helpers/xterm.js';

interface InkOutput {
  write(x: number, y: number, text: string, options: { transformers: unknown[] }): void;
  get(): { output: string };
}
/** Ink's Output as Ink ships it (not the bundle's edited copy) */
const { default: Output } = (await import(join(repoRoot(), 'node_modules', 'ink', 'build', 'output.js'))) as {
  default: new (options: { width: number; height: number }) => InkOutput;
};

const chalk = new Chalk({ level: 3 });
const WIDTH = 40;

function inkRow(writes: (number | string)[]): string {
  const output = new Output({ width: WIDTH, height: 1 });
  for (let i = 0; i < writes.length; i += 2) output.write(writes[i] as number, 0, writes[i + 1] as string, { transformers: [] });
  return output.get().output;
}

async function shown(row: string): Promise<string[]> {
  const term = new xterm.Terminal({ cols: WIDTH, rows: 1, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(row, resolve));
  const cells = snapshot(term);
  term.dispose();
  return cells;
}

test('closesStyles: plain text, closed styles and resets pass; open styles and other escapes do not', () => {
  assert.equal(closesStyles('plain'), true);
  assert.equal(closesStyles(chalk.bold.red('x') + ' ' + chalk.bgBlue.dim('y')), true);
  assert.equal(closesStyles('\x1b[1;31mx\x1b[0m'), true);
  assert.equal(closesStyles('\x1b[38;5;200mx\x1b[39m'), true);
  assert.equal(closesStyles('\x1b[48;2;1;2;3mx\x1b[49m'), true);
  assert.equal(closesStyles('\x1b[31mx'), false, 'colour left on');
  assert.equal(closesStyles('\x1b[1mx\x1b[39m'), false, 'bold left on');
  assert.equal(closesStyles('\x1b[38;5mx\x1b[39m'), false, 'a truncated colour');
  assert.equal(closesStyles('\x1b[6mx\x1b[0m'), false, 'a parameter it does not know');
  assert.equal(closesStyles('a\x1b]8;;http://x\x07b'), false, 'not SGR (a hyperlink)');
  assert.equal(closesStyles('\x1b[2Kx'), false, 'not SGR (erase)');
});

test('sideBySide: writes out of order or overlapping are left to Ink', () => {
  assert.equal(sideBySide([5, 'abc', 0, 'x'], stringWidth), undefined);
  assert.equal(sideBySide([0, 'abc', 2, 'x'], stringWidth), undefined);
  assert.equal(sideBySide([0, '日本', 3, 'x'], stringWidth), undefined, 'the second starts inside a wide character');
  assert.equal(sideBySide([0, '\x1b[31mred'], stringWidth), undefined);
  assert.equal(sideBySide([], stringWidth), '');
});

test('sideBySide shows what Ink shows (random rows of styled, wide and plain writes)', async () => {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const words = ['a', 'ctop', '12.5%', '日本', 'ｱｲ', 'é', 'e\u0301', '…', '●', ' pad ', ''];
  const styles = [(s: string) => s, chalk.red, chalk.bold, chalk.dim.cyan, chalk.bgBlue.white, chalk.inverse, chalk.hex('#ff8800'), chalk.underline.bgAnsi256(22)];
  let compared = 0;
  for (let n = 0; n < 300; n++) {
    const writes: (number | string)[] = [];
    let x = Math.floor(next() * 3);
    for (let k = Math.floor(next() * 5); k >= 0 && x < WIDTH - 4; k--) {
      const line = pick(styles)(pick(words) + pick(words));
      writes.push(x, line);
      x += stringWidth(line) + Math.floor(next() * 4) - (next() < 0.1 ? 2 : 0); // now and then an overlap
    }
    const ours = sideBySide(writes, stringWidth);
    if (ours === undefined) continue;
    assert.deepEqual(await shown(ours), await shown(inkRow(writes)), JSON.stringify(writes));
    compared++;
  }
  assert.ok(compared > 200, `${compared} rows compared`);
});
