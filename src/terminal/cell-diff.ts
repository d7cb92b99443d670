// Ink's incremental renderer rewrites every changed line whole, so a tick that changes a CPU figure in ten
// rows resends ten full rows. This rewrites such frames to send only the cells that changed, using a
// model of what each line on screen holds. The model is only trusted between writes it understands:
// anything else passes through untouched and makes it forget everything, so nothing is rewritten on a
// guess (at worst Ink's own bytes go out).
import { displayWidth, graphemes, isPrintableAscii } from '../model/sanitize.js';

/** SGR state: fg/bg are the parameters that set the colour ('' = default), flags a set of FLAGS bits. */
interface Style {
  fg: string;
  bg: string;
  flags: number;
}

interface Cell {
  ch: string;
  /** first column the cell occupies; wide characters take two */
  col: number;
  width: number;
  style: Style;
}

const DEFAULT: Style = { fg: '', bg: '', flags: 0 };
const BOLD = 1;
const DIM = 2;
/** bit, the SGR code that turns it on, the one that turns it off (22 turns off both bold and dim) */
const FLAGS: readonly (readonly [number, number, number])[] = [
  [BOLD, 1, 22],
  [DIM, 2, 22],
  [4, 3, 23], // italic
  [8, 4, 24], // underline
  [16, 7, 27], // inverse
  [32, 9, 29], // strikethrough
];

const sameStyle = (a: Style, b: Style) => a.fg === b.fg && a.bg === b.bg && a.flags === b.flags;
const sameCell = (a: Cell, b: Cell) => a.ch === b.ch && a.width === b.width && sameStyle(a.style, b.style);
const csi = (params: string[]) => `\x1b[${params.join(';')}m`;
const cursorToColumn = (col: number) => `\x1b[${col + 1}G`;

/** The style after an SGR sequence, or null for anything this model does not track (blink, 4:3, 58, …). */
function applySgr(style: Style, params: string): Style | null {
  const p = params.split(';').map(Number); // '' counts as 0, as terminals read it
  let { fg, bg, flags } = style;
  for (let i = 0; i < p.length; i++) {
    const code = p[i]!;
    const flag = FLAGS.filter(([, on, off]) => code === on || code === off);
    if (code === 0) ({ fg, bg, flags } = DEFAULT);
    else if (flag.length) for (const [bit, on] of flag) flags = code === on ? flags | bit : flags & ~bit;
    else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) fg = String(code);
    else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) bg = String(code);
    else if (code === 39) fg = '';
    else if (code === 49) bg = '';
    else if (code === 38 || code === 48) {
      // 38;5;n (palette) or 38;2;r;g;b (true colour), kept as written so the terminal gets the same colour mode
      const n = p[i + 1] === 5 ? 1 : p[i + 1] === 2 ? 3 : 0;
      const values = p.slice(i + 2, i + 2 + n);
      if (!n || values.length < n || values.some((v) => v > 255)) return null;
      const colour = [code, p[i + 1], ...values].join(';');
      if (code === 38) fg = colour;
      else bg = colour;
      i += 1 + n;
    } else return null;
  }
  return { fg, bg, flags };
}

/** applySgr, remembered: a frame repeats the same few colour changes on every line */
const styleCache = new Map<string, Style | null>();
function nextStyle(style: Style, params: string): Style | null {
  const key = `${style.fg}|${style.bg}|${style.flags}|${params}`;
  let next = styleCache.get(key);
  if (next === undefined) {
    if (styleCache.size >= 1024) styleCache.clear(); // a theme has a handful of styles; never grow unbounded
    styleCache.set(key, (next = applySgr(style, params)));
  }
  return next;
}

/** SGR parameters that set `style` from the default one. */
function styleParams(style: Style): string[] {
  const params = FLAGS.filter(([bit]) => style.flags & bit).map(([, on]) => String(on));
  if (style.fg) params.push(style.fg);
  if (style.bg) params.push(style.bg);
  return params;
}

/** The shortest SGR that turns `from` (undefined: not known) into `to`; '' when nothing changes. */
function transition(from: Style | undefined, to: Style): string {
  if (from && sameStyle(from, to)) return ''; // the common case (a run of cells in one style): no garbage
  const reset = csi(['0', ...styleParams(to)]);
  if (!from) return reset;
  const params: string[] = [];
  let flags = from.flags;
  if (flags & ~to.flags & (BOLD | DIM)) {
    params.push('22');
    flags &= ~(BOLD | DIM);
  }
  for (const [bit, on, off] of FLAGS) {
    if (!(flags & bit) && to.flags & bit) params.push(String(on));
    else if (flags & bit && !(to.flags & bit)) params.push(String(off));
  }
  if (from.fg !== to.fg) params.push(to.fg || '39');
  if (from.bg !== to.bg) params.push(to.bg || '49');
  const diff = csi(params);
  return diff.length < reset.length ? diff : reset;
}

/** an SGR sequence, or a run of printable text */
const TOKEN = /\x1b\[([0-9;]*)m|([^\x00-\x1f\x7f-\x9f]+)/y;

/** Where the parse of a line starts: an index into it, and the column and style there. */
interface LineStart {
  index: number;
  col: number;
  style: Style;
}
const LINE_START: LineStart = { index: 0, col: 0, style: DEFAULT };

/** The cells of a line from some start on, and the line's width. */
interface ParsedLine {
  cells: Cell[];
  width: number;
}

/**
 * The cells of one line Ink wrote, from `start` on; null when it holds anything but printable text and SGR
 * we track, or does not end in the default style (the next line would inherit it).
 */
function parseLine(line: string, start: LineStart = LINE_START): ParsedLine | null {
  const cells: Cell[] = [];
  let style = start.style;
  let col = start.col;
  TOKEN.lastIndex = start.index;
  while (TOKEN.lastIndex < line.length) {
    const m = TOKEN.exec(line);
    if (!m) return null;
    if (m[2] === undefined) {
      const next = nextStyle(style, m[1]!);
      if (!next) return null;
      style = next;
      continue;
    }
    const text = m[2];
    // most of a frame is ASCII: one cell per character, without the (slow) grapheme segmenter. An index
    // loop, here and below: a for-of allocates per step in the baseline code we run (src/cli/v8-idle.ts).
    if (isPrintableAscii(text)) {
      for (let i = 0; i < text.length; i++) cells.push({ ch: text[i]!, col: col++, width: 1, style });
      continue;
    }
    for (const segment of graphemes(text)) {
      const width = displayWidth(segment);
      cells.push({ ch: segment, col, width, style });
      col += width;
    }
  }
  return sameStyle(style, DEFAULT) ? { cells, width: col } : null;
}

/** a cell that starts at `i` cannot join the one before: the end, an escape or printable ASCII */
const boundaryAt = (line: string, i: number) => {
  const c = line.charCodeAt(i);
  return i >= line.length || c === 0x1b || (c >= 0x20 && c <= 0x7e);
};

/**
 * Where two lines may start to differ: up to there they hold the same cells (column and style included),
 * so only the rest of each needs parsing. A tick changes a few figures per row, often far along it; this
 * skips the cell objects of everything before them (the largest allocation of a steady tick). It steps only
 * over identical SGR sequences and printable ASCII characters, and never ends inside a sequence or before
 * a character that would join the last one (a combining mark, a joiner, a selector).
 */
function commonStart(a: string, b: string): LineStart {
  let style = DEFAULT;
  let col = 0;
  let i = 0;
  /** the last step was over a character, not an SGR sequence */
  let afterChar = false;
  while (i < a.length) {
    const c = a.charCodeAt(i);
    if (c !== b.charCodeAt(i)) break;
    if (c >= 0x20 && c <= 0x7e) {
      col++;
      i++;
      afterChar = true;
      continue;
    }
    if (c !== 0x1b) break;
    TOKEN.lastIndex = i; // at an escape, TOKEN can only match an SGR sequence
    const m = TOKEN.exec(a);
    if (!m || !b.startsWith(m[0], i)) break;
    const next = nextStyle(style, m[1]!);
    if (!next) break; // the parse from here says what is wrong
    style = next;
    i += m[0].length;
    afterChar = false;
  }
  if (afterChar && (!boundaryAt(a, i) || !boundaryAt(b, i))) {
    col--;
    i--;
  }
  return { index: i, col, style };
}

/** the column after the cell */
const end = (cell: Cell) => cell.col + cell.width;

/**
 * Whether every terminal gives the cell the width string-width does. Emoji went from one column to two in
 * Unicode 9 and many terminals still draw them narrow (xterm.js among them), sequences (flags, ZWJ, VS16,
 * combining marks) vary even more, and zero-width graphemes join the cell before. A line with such a
 * cell is always written whole, as Ink wrote it, so its position on screen never matters.
 */
const sure = (cell: Cell) =>
  (cell.ch.length === 1 && cell.ch >= ' ' && cell.ch <= '~') || (cell.width > 0 && [...cell.ch].length === 1 && !PICTOGRAPHIC.test(cell.ch));
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

/**
 * Ink's incremental frame: [return-to-bottom prefix] cursor-up to the first line, then per line either
 * "next line" (unchanged) or "column 1, line, erase to end of line, newline" (the last line has no
 * newline and is left out when unchanged), then [cursor suffix]. See node_modules/ink/build/log-update.js.
 */
const FRAME = /^(\x1b\[\?25l(?:\x1b\[\d+B)?\x1b\[1G)?\x1b\[(\d+)A(.*?)((?:\x1b\[\d+A)?\x1b\[\d+G\x1b\[\?25h)?$/s;
const SLOT = /\x1b\[E|\x1b\[1G([^\n]*?)\x1b\[K(\n?)/y;
/** Ink wraps each frame in these (a synchronized update: the terminal shows the frame whole). */
const BEGIN_SYNC = '\x1b[?2026h';
const END_SYNC = '\x1b[?2026l';

/** writes that change nothing the model describes */
const NEUTRAL = new Set(['', BEGIN_SYNC, END_SYNC, '\x1b[?25l', '\x1b[?25h']);

interface Slot {
  /** the line as Ink wrote it; absent for "next line" (unchanged) */
  raw?: string;
  /** ends by moving to the next line */
  moves: boolean;
}

export interface ScreenSize {
  columns: number;
  rows: number;
}

/** Rewrites the writes of one Ink instance to its terminal; see the top of this file. */
export class CellDiff {
  /**
   * what each line of Ink's frame (0 = top) shows, where known: the line as Ink wrote it, parsed again
   * when it next changes. (Kept as cells, a line's ~120 objects would live for seconds, long enough for
   * V8 to move them to the old generation, which only a full collection frees: ~18 KB/s while idle.)
   */
  private lines: (string | undefined)[] = [];
  /** the terminal size and frame height the model was built for: a resize reflows or scrolls the
   * screen, and another height puts the frame's lines on other rows */
  private shape = '';

  constructor(private readonly screenSize: () => ScreenSize) {}

  /** The bytes to send instead of `data` (often `data` itself). */
  transform(data: string): string {
    if (NEUTRAL.has(data)) return data;
    const out = this.frame(data);
    if (out === null) this.forget();
    return out ?? data;
  }

  /** Something the model cannot follow reached the terminal: nothing on screen is known any more. */
  forget(): void {
    this.lines = [];
  }

  private frame(data: string): string | null {
    const m = FRAME.exec(data);
    if (!m) return null;
    const [, prefix = '', upText, body, suffix = ''] = m;
    const up = Number(upText);
    const { columns, rows } = this.screenSize();
    // With the whole frame on screen no newline can scroll, so line i is always the same screen row
    // (cursor-up 0 would move one row, not zero).
    if (up < 1 || up >= rows) return null;
    const slots = parseSlots(body!, up);
    if (!slots) return null;
    if (this.shape !== `${columns}x${rows}, ${up + 1} lines`) {
      this.forget();
      this.shape = `${columns}x${rows}, ${up + 1} lines`;
    }

    let out = prefix + `\x1b[${up}A`;
    /** the terminal's SGR state as this frame has set it; not known before the first SGR we write (Ink's
     * lines count on the default one there, which every frame leaves, Ink's and these) */
    let style: Style | undefined;
    /** lines to move down before writing the next one; runs of Ink's "next line" become one move */
    let down = 0;
    const toDefault = () => {
      if (!style) return;
      out += transition(style, DEFAULT);
      style = DEFAULT;
    };
    const moveDown = () => {
      if (down) out += down === 1 ? '\x1b[E' : `\x1b[${down}E`;
      down = 0;
    };
    for (let row = 0; row < slots.length; row++) {
      const { raw, moves } = slots[row]!;
      if (raw === undefined) {
        down++;
        continue;
      }
      const previous = this.lines[row];
      const start = previous === undefined ? LINE_START : commonStart(previous, raw);
      const now = parseLine(raw, start);
      if (!now || now.width > columns) return null;
      const { cells } = now;
      // the cells before `start` are printable ASCII, which every terminal draws alike
      this.lines[row] = cells.every(sure) ? raw : undefined;
      const old = previous === undefined || !this.lines[row] ? null : parseLine(previous, start)!; // it parsed when stored
      if (!old) {
        // Ink's line as it was (it sets its own styles from the default state)
        moveDown();
        toDefault();
        out += `\x1b[1G${raw}\x1b[K${moves ? '\n' : ''}`;
        continue;
      }
      const spans = changedSpans(old.cells, cells);
      const shorter = now.width < old.width;
      if (!spans.length && !shorter) {
        down += moves ? 1 : 0;
        continue;
      }
      moveDown();
      let at = -1; // the cursor's column
      for (const [from, to] of spans) {
        out += cursorToColumn(cells[from]!.col);
        for (let i = from; i < to; i++) {
          const cell = cells[i]!;
          out += transition(style, cell.style) + cell.ch;
          style = cell.style;
        }
        at = end(cells[to - 1]!);
      }
      if (shorter) {
        if (at !== now.width) out += cursorToColumn(now.width);
        out += transition(style, DEFAULT) + '\x1b[K'; // erasing paints the current background
        style = DEFAULT;
      }
      if (moves) out += '\n';
    }
    moveDown();
    toDefault(); // Ink's lines end in the default style, and the next frame's may rely on it
    // The cursor is now on the row Ink's frame leaves it on, though maybe not the same column: whatever
    // is written next places it first (Ink's next frame or erase; leaving the alternate screen restores it).
    return out + suffix;
  }
}

/**
 * The lines of a frame's body, or null unless it is exactly `up` lines that each end by moving down, then
 * at most one that does not (the frame's last line). (frame() parses them: text and SGR we track that fit
 * the width, or the frame is left as Ink wrote it.)
 */
function parseSlots(body: string, up: number): Slot[] | null {
  const slots: Slot[] = [];
  SLOT.lastIndex = 0;
  while (SLOT.lastIndex < body.length) {
    const m = SLOT.exec(body);
    if (!m || slots.at(-1)?.moves === false) return null;
    if (m[1] === undefined) {
      slots.push({ moves: true });
      continue;
    }
    slots.push({ raw: m[1], moves: m[2] === '\n' });
  }
  return slots.filter((s) => s.moves).length === up ? slots : null;
}

/**
 * [from, to) ranges of `cells` that differ from `old` at the same columns (a cell under which the old line
 * has no cell starting at that column, e.g. half of a wide character, differs). Ranges closer together
 * than the cursor move that would skip the gap are joined.
 */
function changedSpans(old: Cell[], cells: Cell[]): [number, number][] {
  const spans: [number, number][] = [];
  let j = 0; // both lines are in column order: walk them together
  cells.forEach((cell, i) => {
    while (j < old.length && old[j]!.col < cell.col) j++;
    const was = old[j]?.col === cell.col ? old[j] : undefined;
    if (was && sameCell(was, cell)) return;
    const last = spans.at(-1);
    if (last && cell.col - end(cells[last[1] - 1]!) < cursorToColumn(cell.col).length) last[1] = i + 1;
    else spans.push([i, i + 1]);
  });
  return spans;
}

/**
 * Sends everything `stream` is asked to write through a CellDiff (strings only; any other chunk is a
 * foreign write). Ink calls `stdout.write` on every write, so replacing the method on the instance is
 * enough; the stream is otherwise untouched (columns, rows, events). Returns the function that restores it.
 * Ink writes a frame as three chunks (begin sync, frame, end sync); they go out as one write, so each tick
 * pays for one pass through the stream and one system call instead of three.
 */
export function installCellDiff(stream: NodeJS.WriteStream): () => void {
  const write = stream.write as (...args: unknown[]) => boolean;
  const diff = new CellDiff(() => ({ columns: stream.columns, rows: stream.rows }));
  /** the chunks of a synchronized update that has begun, not yet written */
  let frame: string[] | null = null;
  const flush = (self: NodeJS.WriteStream) => {
    if (frame === null) return true;
    const text = frame.join('');
    frame = null;
    return write.call(self, text);
  };
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk !== 'string') {
      diff.forget();
      flush(this);
      return write.call(this, chunk, ...rest);
    }
    if (rest.length === 0 && chunk === BEGIN_SYNC) {
      flush(this);
      frame = [chunk];
      return true;
    }
    const text = diff.transform(chunk);
    if (frame === null || rest.length > 0) {
      flush(this);
      return write.call(this, text, ...rest);
    }
    frame.push(text);
    return chunk === END_SYNC ? flush(this) : true;
  } as typeof stream.write;
  return () => {
    flush(stream);
    stream.write = write as typeof stream.write;
  };
}
