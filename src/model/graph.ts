// Area graphs drawn with braille characters: each cell holds two samples side by side and four levels of
// height. Braille has an unambiguous width of one cell everywhere, unlike block elements in CJK locales.

const BRAILLE_BASE = 0x2800;
// dots from the bottom up: left column 7,3,2,1; right column 8,6,5,4
const LEFT_DOTS = [0x40, 0x04, 0x02, 0x01];
const RIGHT_DOTS = [0x80, 0x20, 0x10, 0x08];

function dots(column: readonly number[], filled: number): number {
  let bits = 0;
  for (let i = 0; i < Math.min(4, Math.max(0, filled)); i++) bits |= column[i]!;
  return bits;
}

/**
 * Draws the newest `2 * width` values as `height` lines of `width` braille cells, scaled so `max` reaches
 * the top. Older samples scroll off the left; missing ones leave blank space there.
 */
export function brailleGraph(values: readonly number[], width: number, height: number, max: number): string[] {
  const samples = values.slice(-2 * width);
  const padded: (number | null)[] = [...Array<null>(2 * width - samples.length).fill(null), ...samples];
  const scale = max > 0 ? (height * 4) / max : 0;
  // a non-zero value shows at least one dot, so activity is never invisible
  const levels = padded.map((v) => (v === null || v <= 0 ? 0 : Math.max(1, Math.round(Math.min(v, max) * scale))));
  const lines: string[] = [];
  for (let line = 0; line < height; line++) {
    const base = (height - 1 - line) * 4;
    let text = '';
    for (let cell = 0; cell < width; cell++) {
      const bits = dots(LEFT_DOTS, levels[2 * cell]! - base) | dots(RIGHT_DOTS, levels[2 * cell + 1]! - base);
      text += String.fromCharCode(BRAILLE_BASE + bits);
    }
    lines.push(text);
  }
  return lines;
}

/** A scale top that keeps graphs steady: the limit when there is one, else a round number above the peak. */
export function graphMax(peak: number, limit: number | null): number {
  if (limit !== null && limit > 0) return limit;
  if (peak <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(peak));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= peak) return step * magnitude;
  return 10 * magnitude;
}
