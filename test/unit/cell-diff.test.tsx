// CellDiff must never change what the terminal shows: every test feeds Ink's writes to one headless xterm
// and CellDiff's rewrite of them to another, and compares every cell (text, width, colours, attributes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import xterm from '@xterm/headless';
import { Box, render, Text } from 'ink';
import { displayWidth } from '../../src/model/sanitize.js';
import { CellDiff, installCellDiff } from '../../src/terminal/cell-diff.js';
import { sleep } from '../helpers/sandbox.js';
import { snapshot } from '../helpers/xterm.js';

type Terminal = InstanceType<typeof xterm.Terminal>;

const bytes = (s: string) => Buffer.byteLength(s);

/** A seeded PRNG (mulberry32), so a failing sequence can be replayed. */
function random(seed: number) {
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof random>;

/** One terminal gets the original writes, the other CellDiff's; both must end up showing the same. */
class Pair {
  readonly original: Terminal;
  readonly diffed: Terminal;
  received = 0;
  sent = 0;
  constructor(columns: number, rows: number) {
    this.original = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true });
    this.diffed = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true });
  }
  async write(original: string, transformed: string): Promise<void> {
    this.received += bytes(original);
    this.sent += bytes(transformed);
    const write = (term: Terminal, data: string) => new Promise<void>((resolve) => term.write(data, resolve));
    await Promise.all([write(this.original, original), write(this.diffed, transformed)]);
  }
  resize(columns: number, rows: number): void {
    this.original.resize(columns, rows);
    this.diffed.resize(columns, rows);
  }
  assertSame(context: string): void {
    const a = snapshot(this.original);
    const b = snapshot(this.diffed);
    const y = a.findIndex((row, i) => row !== b[i]);
    if (y !== -1) assert.fail(`${context}: screens differ at ${y === 0 ? 'the cursor' : `row ${y - 1}`}\n  ink:  ${a[y]}\n  diff: ${b[y]}`);
  }
  dispose(): void {
    this.original.dispose();
    this.diffed.dispose();
  }
}

/** What Ink's incremental renderer writes to go from `prev` to `next` (same height, no trailing newline). */
function inkFrame(prev: string[], next: string[]): string {
  let out = `\x1b[${prev.length - 1}A`;
  next.forEach((line, i) => {
    const last = i === next.length - 1;
    if (line !== prev[i]) out += `\x1b[1G${line}\x1b[K${last ? '' : '\n'}`;
    else if (!last) out += '\x1b[E';
  });
  return out;
}
const fullFrame = (lines: string[]) => `\x1b[H\x1b[2J${lines.join('\n')}`;

/** Feeds writes through one CellDiff into a Pair, checking the screens after each. */
function harness(columns: number, rows: number) {
  const pair = new Pair(columns, rows);
  const diff = new CellDiff(() => ({ columns: pair.original.cols, rows: pair.original.rows }));
  const out: string[] = [];
  return {
    pair,
    out,
    async write(data: string, context = JSON.stringify(data).slice(0, 80)) {
      out.push(diff.transform(data));
      await pair.write(data, out.at(-1)!);
      pair.assertSame(context);
    },
  };
}

// --- hand-built lines: raw SGR of every kind the model tracks, wide and unsure characters ---

const GRAPHEMES = ['a', 'b', 'x', '7', ' ', ' ', '.', '中', '文', '한', 'é', '…', '─', '😀', 'e\u0301', '⏸'];
/** styles as the attributes they set; 5 (blink) is one CellDiff does not track */
const OPENS = [['1'], ['2'], ['3'], ['4'], ['7'], ['9'], ['31'], ['92'], ['38;5;208'], ['38;2;10;20;30'], ['44'], ['103'], ['48;5;17'], ['48;2;200;0;0'], ['1', '31', '44'], ['2', '3'], ['5']];
const CLOSE: Record<string, string> = { '1': '22', '2': '22', '3': '23', '4': '24', '5': '25', '7': '27', '9': '29' };
const closeOf = (attribute: string) => CLOSE[attribute] ?? (/^[39]/.test(attribute) ? '39' : '49');

interface Segment {
  open: string[];
  text: string;
}

function randomText(r: Random, max: number): string {
  let text = '';
  for (let n = r.int(max) + 1; n > 0; n--) text += r.pick(GRAPHEMES);
  return text;
}

function randomRow(r: Random, columns: number): Segment[] {
  const segments: Segment[] = [];
  for (let n = r.int(6); n > 0; n--) {
    segments.push({ open: r.chance(0.5) ? [] : r.pick(OPENS), text: randomText(r, 12) });
  }
  // spaces between fields as plain text, like Ink's padding
  return fit(segments.flatMap((s) => [s, { open: [], text: ' '.repeat(r.int(3)) }]), columns);
}

/** Drops graphemes beyond `columns` (Ink never writes past the edge). */
function fit(segments: Segment[], columns: number): Segment[] {
  let used = 0;
  return segments.map(({ open, text }) => {
    let kept = '';
    for (const { segment } of new Intl.Segmenter().segment(text)) {
      if (used + displayWidth(segment) > columns) break;
      kept += segment;
      used += displayWidth(segment);
    }
    return { open, text: kept };
  });
}

/** Renders segments with SGR: each style closed now or later, by 0, by its own reset, or at the line end. */
function renderRow(r: Random, segments: Segment[]): string {
  let line = '';
  let open = false;
  for (const s of segments) {
    const params = s.open.join(';');
    if (params) line += `\x1b[${params}m`;
    line += s.text;
    if (!params) continue;
    open = true;
    const how = r.int(3);
    if (how === 0) continue; // left open: the next segment's style piles on top
    line += how === 1 ? r.pick(['\x1b[0m', '\x1b[m']) : `\x1b[${[...new Set(s.open.map(closeOf))].join(';')}m`;
  }
  return open ? line + '\x1b[0m' : line;
}

/** A small change: a new row, a segment restyled, dropped, added, or one grapheme replaced or added. */
function mutate(r: Random, row: Segment[], columns: number): Segment[] {
  const next = row.map((s) => ({ ...s }));
  const what = r.int(6);
  if (what === 0 || !next.length) return randomRow(r, columns);
  const s = next[r.int(next.length)]!;
  if (what === 1) s.open = r.chance(0.3) ? [] : r.pick(OPENS);
  else if (what === 2) next.splice(r.int(next.length), 1);
  else if (what === 3) next.push({ open: r.pick(OPENS), text: randomText(r, 20) });
  else {
    const graphemes = [...new Intl.Segmenter().segment(s.text)].map((g) => g.segment);
    graphemes[r.int(graphemes.length + 1)] = r.pick(GRAPHEMES);
    s.text = graphemes.join('');
  }
  return fit(next, columns);
}

for (const seed of [1, 2, 3, 4]) {
  test(`random hand-built frames (seed ${seed}): the rewritten output draws the same screens`, async () => {
    const r = random(seed);
    const columns = 50;
    const rows = 12;
    const h = harness(columns, rows);
    let model = Array.from({ length: rows }, () => randomRow(r, columns));
    let lines = model.map((row) => renderRow(r, row));
    await h.write('\x1b[?1049h');
    await h.write(fullFrame(lines));
    for (let step = 0; step < 300; step++) {
      const event = r.int(40);
      if (event === 0) {
        lines = model.map((row) => renderRow(r, row));
        await h.write(fullFrame(lines), `step ${step}: full redraw`);
        continue;
      }
      if (event === 1) {
        await h.write(`\x1b[${r.int(rows) + 1};${r.int(columns) + 1}H\x1b[1;35mforeign\x1b[0m\x1b[${rows};1H`, `step ${step}: foreign write`);
        continue;
      }
      if (event === 2) await h.write(r.pick(['\x1b[?2026h', '\x1b[?2026l', '\x1b[?25l', '\x1b[?25h', '']));
      model = model.map((row) => (r.chance(0.3) ? mutate(r, row, columns) : row));
      // the same cells, written differently, count as unchanged
      const next = model.map((row, i) => (r.chance(0.1) ? renderRow(r, row) : lines[i]!));
      if (next.every((line, i) => line === lines[i])) continue;
      await h.write(inkFrame(lines, next), `step ${step}`);
      lines = next;
    }
    assert.ok(h.pair.sent < h.pair.received, `${h.pair.sent} bytes sent for ${h.pair.received}`);
    h.pair.dispose();
  });
}

test('a changed cell: cursor to its column, reset, the cell; shorter lines are erased from their new end', async () => {
  const h = harness(20, 3);
  await h.write(fullFrame(['abc', 'def', 'ghi']));
  // not known yet: Ink's line as it was
  await h.write(inkFrame(['abc', 'def', 'ghi'], ['abc', 'dXf', 'ghi']));
  assert.equal(h.out.at(-1), '\x1b[2A\x1b[E\x1b[1GdXf\x1b[K\n');
  await h.write(inkFrame(['abc', 'dXf', 'ghi'], ['abc', 'dYf', 'ghi']));
  assert.equal(h.out.at(-1), '\x1b[2A\x1b[E\x1b[2G\x1b[0mY\n');
  await h.write(inkFrame(['abc', 'dYf', 'ghi'], ['abc', 'd', 'ghi']));
  assert.equal(h.out.at(-1), '\x1b[2A\x1b[E\x1b[2G\x1b[0m\x1b[K\n');
  // a style change alone, in the middle of a style run; the same cells written differently are unchanged
  await h.write(inkFrame(['abc', 'd', 'ghi'], ['abc', 'd', '\x1b[31mghi\x1b[39m']));
  await h.write(inkFrame(['abc', 'd', '\x1b[31mghi\x1b[39m'], ['abc', 'd', '\x1b[31mg\x1b[1mh\x1b[22mi\x1b[0m']));
  assert.equal(h.out.at(-1), '\x1b[2A\x1b[2E\x1b[2G\x1b[0;1;31mh\x1b[0m');
  await h.write(inkFrame(['abc', 'd', '\x1b[31mg\x1b[1mh\x1b[22mi\x1b[0m'], ['abc', 'd', '\x1b[31mg\x1b[0m\x1b[1;31mh\x1b[0m\x1b[31mi\x1b[39m']));
  assert.equal(h.out.at(-1), '\x1b[2A\x1b[2E');
  h.pair.dispose();
});

test('wide characters: a cell under half of an old wide character counts as changed', async () => {
  const h = harness(12, 2);
  const frames = [['中文ab', 'x'], ['中文ab', 'y'], ['a中文b', 'y'], ['a中bbb', 'y'], ['ab文bb', 'y'], ['한', 'y'], ['', 'y']];
  await h.write(fullFrame(frames[0]!));
  for (let i = 1; i < frames.length; i++) await h.write(inkFrame(frames[i - 1]!, frames[i]!), frames[i]!.join('|'));
  h.pair.dispose();
});

test('model kept across sync and cursor writes; forgotten on anything else or a frame it does not follow', async () => {
  const h = harness(20, 3);
  const frames = [
    ['abc', 'def', 'ghi'],
    ['abc', 'dXf', 'ghi'],
    ['abc', 'dYf', 'ghi'],
  ];
  await h.write(fullFrame(frames[0]!));
  await h.write(inkFrame(frames[0]!, frames[1]!));
  for (const neutral of ['\x1b[?2026h', '\x1b[?25l', '', '\x1b[?25h', '\x1b[?2026l']) await h.write(neutral);
  await h.write(inkFrame(frames[1]!, frames[2]!));
  assert.equal(h.out.at(-1), '\x1b[2A\x1b[E\x1b[2G\x1b[0mY\n', 'still known');

  const unchanged = async (data: string, why: string) => {
    await h.write(data, why);
    assert.equal(h.out.at(-1), data, why);
    const frame = inkFrame(['abc', 'dYf', 'ghi'], ['abc', 'dZf', 'ghi']);
    await h.write(frame, `after ${why}`);
    assert.equal(h.out.at(-1), frame, `forgotten after ${why}`);
    await h.write(inkFrame(['abc', 'dZf', 'ghi'], ['abc', 'dYf', 'ghi']));
  };
  await unchanged('\x1b[2;2HQ\x1b[3;1H', 'a foreign write');
  await unchanged(inkFrame(['abc', 'dYf', 'ghi'], ['abc', '\x1b[5mdYf\x1b[25m', 'ghi']).replace('\x1b[25m', '\x1b[0m'), 'an SGR it does not track');
  await unchanged(inkFrame(['abc', 'dYf', 'ghi'], ['abc', '\x1b[31mdYf', 'ghi\x1b[0m']), 'a line ending in colour');
  await unchanged('\x1b[1A\x1b[1GdWf\x1b[K\n', 'a frame of another height');
  await unchanged('\x1b[2A\x1b[1GdWf\x1b[K\n', 'a frame with a line missing');
  h.pair.dispose();
});

/** A 20x3 stream that records its writes, with a CellDiff installed on it. */
function recordingStream() {
  const written: unknown[][] = [];
  const write = function (...args: unknown[]) {
    written.push(args);
    return true;
  };
  const stream = Object.assign(new EventEmitter(), { columns: 20, rows: 3, write }) as unknown as NodeJS.WriteStream;
  return { stream, written, write, restore: installCellDiff(stream) };
}

test('installCellDiff: rewrites strings, forgets on other chunks, passes arguments on, restores write', () => {
  const { stream, written, write, restore } = recordingStream();
  const done = () => {};
  stream.write(fullFrame(['abc', 'def', 'ghi']));
  stream.write(inkFrame(['abc', 'def', 'ghi'], ['abc', 'dXf', 'ghi']));
  stream.write(inkFrame(['abc', 'dXf', 'ghi'], ['abc', 'dYf', 'ghi']), done);
  assert.deepEqual(written.at(-1), ['\x1b[2A\x1b[E\x1b[2G\x1b[0mY\n', done]);
  stream.write(Buffer.from('shell output'));
  const frame = inkFrame(['abc', 'dYf', 'ghi'], ['abc', 'dZf', 'ghi']);
  stream.write(frame);
  assert.deepEqual(written.at(-1), [frame], 'a Buffer write made it forget');
  restore();
  assert.equal(stream.write, write);
});

test('installCellDiff: a synchronized update goes out as one write; other writes end it first', () => {
  const { stream, written, restore } = recordingStream();
  stream.write(fullFrame(['abc', 'def', 'ghi']));
  stream.write(inkFrame(['abc', 'def', 'ghi'], ['abc', 'dXf', 'ghi']));
  written.length = 0;
  stream.write('\x1b[?2026h');
  stream.write(inkFrame(['abc', 'dXf', 'ghi'], ['abc', 'dYf', 'ghi']));
  assert.equal(written.length, 0, 'held until the update ends');
  stream.write('\x1b[?2026l');
  assert.deepEqual(written, [['\x1b[?2026h\x1b[2A\x1b[E\x1b[2G\x1b[0mY\n\x1b[?2026l']]);
  written.length = 0;
  stream.write('\x1b[?2026h');
  stream.write(Buffer.from('shell output'));
  assert.deepEqual(written, [['\x1b[?2026h'], [Buffer.from('shell output')]], 'a Buffer sends what was held, then itself');
  written.length = 0;
  stream.write('\x1b[?2026h');
  restore();
  assert.deepEqual(written, [['\x1b[?2026h']], 'restoring sends what was held');
});

test('a tick changing a few cells in ten table rows sends at most 40% of Ink\'s bytes', async () => {
  const rows = 40;
  const h = harness(120, rows);
  const row = (i: number, cpu: number, mem: number) => {
    const selected = i === 4;
    const text = `app-0000${i % 10}  docker.io/library/ctop-demo:latest${selected ? ' running ' : '\x1b[32m running \x1b[39m'}    ${3421 + i}    ${cpu.toFixed(1)}       ${mem}K   /bin/sh -c sleep infinity        7m`;
    return selected ? `\x1b[46m\x1b[30m${text}\x1b[39m\x1b[49m` : text;
  };
  const frame = (t: number) =>
    Array.from({ length: rows }, (_, y) => (y >= 4 && y < 14 ? row(y, ((t + y) % 7) / 10, 400 + ((t * y) % 40)) : y === 0 ? 'ctop  ns bench-50' : ''));
  await h.write(fullFrame(frame(0)));
  await h.write(inkFrame(frame(0), frame(1))); // makes the rows known
  await h.write(inkFrame(frame(1), frame(2)));
  const tick = { ink: bytes(inkFrame(frame(1), frame(2))), sent: bytes(h.out.at(-1)!) };
  assert.ok(tick.sent <= 0.4 * tick.ink, `${tick.sent} bytes for Ink's ${tick.ink}`);
  h.pair.dispose();
});

// --- frames from Ink itself: a small table-like app on a fake TTY ---

class FakeStdout extends EventEmitter {
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
    public write: (chunk: string) => boolean,
  ) {
    super();
  }
}

class FakeStdin extends EventEmitter {
  isTTY = false;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => null;
}

interface Row {
  name: string;
  status: 'running' | 'stopped' | 'paused';
  cpu: number;
  mem: number;
}

const NAMES = ['app-0001', 'web', 'データベース', '캐시-서버', 'worker-🚀', 'e\u0301cole', 'a-much-longer-container-name-than-usual', 'x'];

function Table({ rows, selected, height, width }: { rows: Row[]; selected: number; height: number; width: number }) {
  const colour = { running: 'green', stopped: 'red', paused: '#ff8800' } as const;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1}>
        <Text bold color="ansi256(45)">
          ctop <Text inverse> ns </Text> <Text dimColor italic>{rows.length} containers</Text>
        </Text>
      </Box>
      {rows.slice(0, height - 2).map((row, i) => (
        <Box key={i} height={1}>
          <Text wrap="truncate" backgroundColor={i === selected ? 'cyan' : undefined} color={i === selected ? 'black' : undefined}>
            {row.name.padEnd(14)} <Text color={i === selected ? undefined : colour[row.status]}>{row.status.padEnd(8)}</Text>
            <Text underline={row.cpu > 50} bold={row.cpu > 80}>{row.cpu.toFixed(1).padStart(6)}</Text>
            {String(row.mem).padStart(8)}K <Text strikethrough={row.status === 'stopped'}>{row.status === 'stopped' ? 'gone' : ''}</Text>
          </Text>
        </Box>
      ))}
      <Box height={1}>
        <Text backgroundColor="rgb(20,40,60)">{` <q> quit  ${rows.filter((r) => r.status === 'running').length} running `}</Text>
      </Box>
    </Box>
  );
}

test('frames Ink writes (ticks, moves, clears, resizes, foreign writes) draw the same screens rewritten', async () => {
  const { default: chalk } = await import('chalk');
  const level = chalk.level;
  chalk.level = 3;
  const r = random(7);
  let columns = 70;
  let height = 16;
  const pair = new Pair(columns, height);
  const pending: [original: string, sent: string][] = [];
  /** what Ink wrote since the last chunk went out (a synchronized update goes out whole, as one chunk) */
  let originals: string[] = [];
  const stdout = new FakeStdout(columns, height, (chunk) => {
    pending.push([originals.join(''), chunk]);
    originals = [];
    return true;
  });
  installCellDiff(stdout as unknown as NodeJS.WriteStream);
  const diffWrite = stdout.write;
  // records what Ink wrote before CellDiff sees it
  stdout.write = (chunk) => {
    originals.push(chunk);
    return diffWrite.call(stdout, chunk);
  };
  const flush = async (context: string) => {
    await sleep(5);
    for (const [original, sent] of pending.splice(0)) {
      await pair.write(original, sent);
      pair.assertSame(`${context}: after ${JSON.stringify(original).slice(0, 100)}`);
    }
  };
  let rows: Row[] = Array.from({ length: 20 }, (_, i) => ({ name: r.pick(NAMES), status: r.pick(['running', 'stopped', 'paused'] as const), cpu: i, mem: 100 * i }));
  let selected = 0;
  const app = () => <Table rows={rows} selected={selected} height={height} width={columns} />;
  const instance = render(app(), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
    interactive: true,
    alternateScreen: true,
    incrementalRendering: true,
    maxFps: 1000,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  try {
    await flush('first frame');
    for (let step = 0; step < 150; step++) {
      const event = r.int(30);
      if (event === 0) {
        instance.clear();
      } else if (event === 1) {
        await flush(`step ${step}`);
        columns = 50 + r.int(40);
        height = 12 + r.int(8);
        pair.resize(columns, height);
        Object.assign(stdout, { columns, rows: height });
        stdout.emit('resize');
      } else if (event === 2) {
        stdout.write(`\x1b[${r.int(height) + 1};${r.int(columns) + 1}Hforeign`);
      } else if (event === 3) {
        rows = rows.map((row) => (r.chance(0.3) ? { ...row, name: r.pick(NAMES), status: r.pick(['running', 'stopped', 'paused'] as const) } : row));
      }
      if (r.chance(0.2)) selected = r.int(height - 2);
      // a tick: CPU and memory of the running rows move a little
      rows = rows.map((row) => (row.status === 'running' && r.chance(0.7) ? { ...row, cpu: Math.max(0, row.cpu + r.int(21) - 10), mem: row.mem + r.int(9) - 4 } : row));
      instance.rerender(app());
      await flush(`step ${step}`);
    }
    // (clears, resizes and the rows whose names hold emoji are sent as Ink wrote them)
    assert.ok(pair.sent < pair.received * 0.8, `${pair.sent} bytes sent for Ink's ${pair.received}`);
  } finally {
    instance.unmount();
    chalk.level = level;
    pair.dispose();
  }
});
