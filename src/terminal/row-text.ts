// Ink (7.1) turns every row of a frame that changed into one cell object per column (tokenising each
// write into styled characters) and serialises the cells back into a string: ~250 KB of garbage a second
// while a steady table ticks, the largest share of the monitor's idle work. Most rows need none of it:
// their writes (one per <Text> line) are in column order, do not overlap and each close the styles they
// open, so the row is those writes side by side with spaces between. scripts/bundle.mjs makes Ink's
// Output try this first and keep its own way for the rest (overlaps, unclosed styles, other escapes).
import { memoByText } from '../model/memo.js';

/** SGR parameters that open a style → the parameter that closes it. */
const CLOSER = new Map<number, number>([
  [1, 22], // bold
  [2, 22], // dim
  [3, 23], // italic
  [4, 24], // underline
  [5, 25], // blink
  [7, 27], // inverse
  [8, 28], // hidden
  [9, 29], // strikethrough
  [38, 39], // foreground: 38;5;n or 38;2;r;g;b
  [48, 49], // background, likewise
  [53, 55], // overline
]);
for (let code = 30; code <= 37; code++) {
  CLOSER.set(code, 39).set(code + 60, 39); // foreground, bright foreground
  CLOSER.set(code + 10, 49).set(code + 70, 49); // background, bright background
}
const CLOSING = new Set(CLOSER.values());

const SGR = /\x1b\[([0-9;]*)m/g;

/** Whether `line` holds no escape sequence but SGR and ends with every style it opened closed again. */
export function closesStyles(line: string): boolean {
  if (!line.includes('\x1b')) return true;
  if (line.replace(SGR, '').includes('\x1b')) return false;
  const owed = new Set<number>(); // closing parameters still to come
  for (const [, params] of line.matchAll(SGR)) {
    const codes = params!.split(';').map(Number); // '' counts as 0, as terminals read it
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      if (code === 0) owed.clear();
      else if (CLOSER.has(code)) owed.add(CLOSER.get(code)!);
      else if (CLOSING.has(code)) owed.delete(code);
      else return false; // a parameter this does not know
      if (code === 38 || code === 48) {
        const skip = codes[i + 1] === 5 ? 2 : codes[i + 1] === 2 ? 4 : 0;
        if (!skip || i + skip >= codes.length) return false;
        i += skip;
      }
    }
  }
  return owed.size === 0;
}

const closes = memoByText(closesStyles);

/**
 * The row that `writes` (column, line, column, line, …, as Ink's Output gathers them for one row) make,
 * trimmed at the end as Ink trims it; undefined when they are not in column order, overlap, or a line
 * does not close its styles (Ink's own way then makes the row). `width` measures a line in columns.
 * What the terminal shows is the same as Ink's row; the bytes may differ (Ink merges adjacent styles).
 */
export function sideBySide(writes: readonly (number | string)[], width: (line: string) => number): string | undefined {
  let text = '';
  let column = 0;
  for (let i = 0; i < writes.length; i += 2) {
    const x = writes[i] as number;
    const line = writes[i + 1] as string;
    if (x < column || !closes(line)) return undefined;
    text += ' '.repeat(x - column) + line;
    column = x + width(line);
  }
  return text.trimEnd();
}
