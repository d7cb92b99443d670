// A table row as styled strings, one per run of columns. The table draws each run as one <Text> whose
// lines are the visible rows: a <Box> of <Text>s per row cost React and Ink a reconcile, a layout node and
// a render walk per row on every metrics tick (38 changed rows at 5,000 containers). The runs keep the
// volatile figures (CPU, MEM, PIDS) apart from the steady cells around them, because Ink tokenises every
// changed line of a <Text> character by character: a tick then re-reads ~30 characters per changed row,
// not the whole ~120-character row.
import { fit } from '../../model/sanitize.js';
import { COLUMN_GAP, type LaidColumn } from '../../model/layout.js';
import { cellText } from '../../model/cells.js';
import { formatAge } from '../../model/format.js';
import type { Cell } from '../../model/table.js';
import { colorOf, paint, type ColorRole, type Theme } from '../theme/theme.js';

const STATUS_ROLES: Record<string, ColorRole> = {
  running: 'ok',
  paused: 'warn',
  pausing: 'warn',
  stopped: 'dim',
  created: 'dim',
  unknown: 'critical',
};

function roleOf(columnId: string, cell: Cell): ColorRole | undefined {
  if (cell.level === 'warn' || cell.level === 'critical') return cell.level;
  return columnId === 'status' ? STATUS_ROLES[cell.text] : undefined;
}

/** Adjacent columns drawn together; `first` is the index of the first among all columns. */
export interface ColumnRun {
  columns: readonly LaidColumn[];
  first: number;
}

/** Runs of adjacent columns that change on the same ticks (see the file's comment). */
export function runsOf(laid: readonly LaidColumn[]): ColumnRun[] {
  const runs: { columns: LaidColumn[]; first: number }[] = [];
  laid.forEach((l, i) => {
    const last = runs.at(-1);
    if (last && Boolean(last.columns[0]!.column.volatile) === Boolean(l.column.volatile)) last.columns.push(l);
    else runs.push({ columns: [l], first: i });
  });
  return runs;
}

export interface RowLook {
  runs: readonly ColumnRun[];
  selected: boolean;
  stale: boolean;
  theme: Theme;
  /** the time ages are drawn at */
  now: number;
}

/**
 * What was last drawn for a row's cells: an unchanged row (the same cells object, whose ages read the
 * same) is not styled again.
 */
const drawn = new WeakMap<Readonly<Record<string, Cell>>, RowLook & { ages: string; texts: string[] }>();

/** The creation times of a row's age cells (see ageCell) among the columns drawn, in their order. */
export function drawnAges(cells: Readonly<Record<string, Cell>>, runs: readonly ColumnRun[]): Date[] {
  const sinces: Date[] = [];
  // index loops: this runs per row drawn, in baseline code (see src/cli/v8-idle.ts)
  for (let r = 0; r < runs.length; r++) {
    const { columns } = runs[r]!;
    for (let c = 0; c < columns.length; c++) {
      const since = cells[columns[c]!.column.id]?.since;
      if (since) sinces.push(since);
    }
  }
  return sinces;
}

export function rowRuns(cells: Readonly<Record<string, Cell>>, look: RowLook): readonly string[] {
  const last = drawn.get(cells);
  const ages = drawnAges(cells, look.runs).map((since) => formatAge(since, look.now)).join('\n');
  if (last && last.runs === look.runs && last.selected === look.selected && last.stale === look.stale && last.theme === look.theme && last.ages === ages) {
    return last.texts;
  }
  const { runs, selected, stale, theme, now } = look;
  // selection: the theme's colours, or reverse video when it has none (mono)
  const inverse = selected && !colorOf(theme, 'selectedBg');
  const texts = runs.map(({ columns, first }) => {
    const text = columns
      .map((l, i) => {
        const cell = cells[l.column.id] ?? { text: '' };
        const role = selected ? undefined : roleOf(l.column.id, cell);
        const gap = first + i === 0 ? '' : ' '.repeat(COLUMN_GAP);
        return paint(theme, role, gap + fit(cellText(cell, now), l.width, l.column.align));
      })
      .join('');
    return selected ? paint(theme, 'selectedFg', text, { background: 'selectedBg', inverse }) : paint(theme, undefined, text, { dim: stale });
  });
  drawn.set(cells, { ...look, ages, texts });
  return texts;
}
