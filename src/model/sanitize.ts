// Strings from containerd (ids, labels, image names, specs) are foreign input: they reach the terminal
// only through these functions, which make control characters visible and measure wide characters.
import stringWidth from 'string-width';

// C0 controls, DEL, C1 controls, and the bidi/format characters that can reorder or hide what is shown.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

function visible(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code < 0x20) return '^' + String.fromCharCode(code + 0x40); // ESC → ^[ , LF → ^J
  if (code === 0x7f) return '^?';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** Makes every control or format character visible, so the string cannot move the cursor or restyle the terminal. */
export function sanitize(text: string): string {
  return text.replace(UNSAFE, visible);
}

// Made when first needed: the first Intl.Segmenter of a process loads ICU's segmentation data (~20 ms on
// the test machine), and this module loads before the monitor sends its first requests. The monitor's UI
// (Ink) makes its own segmenters when it loads, once those requests are out; later ones cost nothing.
let segmenter: Intl.Segmenter | undefined;

/** The graphemes (user-perceived characters) of a string, in order. */
export function* graphemes(text: string): Iterable<string> {
  for (const { segment } of (segmenter ??= new Intl.Segmenter()).segment(text)) yield segment;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Whether every character is printable ASCII: one cell each, no segmenting needed. */
export function isPrintableAscii(text: string): boolean {
  return PRINTABLE_ASCII.test(text);
}

/** Display width in terminal cells (wide CJK and emoji count 2). Most cells are ASCII: those by length. */
export function displayWidth(text: string): number {
  return isPrintableAscii(text) ? text.length : stringWidth(text);
}

/** Cuts a (sanitised) string to at most `width` cells, ending with … when cut; never splits a grapheme. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const segment of graphemes(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return out + '…';
}

/** Truncates then pads with spaces to exactly `width` cells. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}
