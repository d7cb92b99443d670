// The `/` filter, k9s style: plain text (case-insensitive substring of the shown cells), `!text` for the
// inverse, `-l key=value[,key!=value,key]` for labels.
import type { Row } from './table.js';

interface LabelSelector {
  key: string;
  /** null = the label only has to exist */
  value: string | null;
  negate: boolean;
}

export type RowFilter =
  | { kind: 'none' }
  | { kind: 'text'; needle: string; inverse: boolean }
  | { kind: 'labels'; selectors: LabelSelector[] };

function parseSelector(part: string): LabelSelector {
  const notEqual = part.indexOf('!=');
  if (notEqual >= 0) return { key: part.slice(0, notEqual), value: part.slice(notEqual + 2), negate: true };
  const equal = part.indexOf('=');
  if (equal >= 0) return { key: part.slice(0, equal), value: part.slice(equal + 1).replace(/^=/, ''), negate: false };
  return { key: part, value: null, negate: false };
}

export function parseFilter(text: string | undefined): RowFilter {
  const trimmed = (text ?? '').trim();
  if (trimmed === '' || trimmed === '!') return { kind: 'none' };
  const label = /^-l\s*(.*)$/.exec(trimmed);
  if (label) {
    const selectors = label[1]!.split(',').map((p) => p.trim()).filter(Boolean).map(parseSelector);
    return selectors.length > 0 ? { kind: 'labels', selectors } : { kind: 'none' };
  }
  const inverse = trimmed.startsWith('!');
  return { kind: 'text', needle: (inverse ? trimmed.slice(1) : trimmed).toLowerCase(), inverse };
}

function labelsMatch(labels: Readonly<Record<string, string>>, s: LabelSelector): boolean {
  const has = Object.hasOwn(labels, s.key);
  if (s.value === null) return has;
  const equal = has && labels[s.key] === s.value;
  return s.negate ? !equal : equal;
}

/**
 * Whether a row passes the filter. `searched` lists the column ids whose text counts (the columns on
 * screen); the lower-cased text of a row is cached per row object, which stays the same while the row does.
 */
export function rowMatcher(filter: RowFilter, searched: readonly string[]): (row: Row) => boolean {
  if (filter.kind === 'none') return () => true;
  if (filter.kind === 'labels') return (r) => filter.selectors.every((s) => labelsMatch(r.labels, s));
  const haystacks = searchTexts(searched);
  return (r) => haystacks(r).includes(filter.needle) !== filter.inverse;
}

const cachesByColumns = new Map<string, WeakMap<Row, string>>();

function searchTexts(columns: readonly string[]): (row: Row) => string {
  const id = columns.join(',');
  let cache = cachesByColumns.get(id);
  if (!cache) cachesByColumns.set(id, (cache = new WeakMap()));
  const texts = cache;
  return (row) => {
    let text = texts.get(row);
    if (text === undefined) {
      text = columns.map((c) => row.cells[c]?.text ?? '').join('\u0000').toLowerCase();
      texts.set(row, text);
    }
    return text;
  };
}
