// Ages are drawn, not stored: the rows on screen show the time since their creation at drawing time, and
// the table is drawn again when one of those texts changes, with nothing else changing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageCell, textCell } from '../../src/model/cells.js';
import { layoutColumns } from '../../src/model/layout.js';
import { CONTAINER_COLUMNS } from '../../src/model/panes/containers.js';
import type { Row } from '../../src/model/table.js';
import { keyOf } from '../../src/store/state.js';
import { createAppStore } from '../../src/store/store.js';
import { nextAgeChange } from '../../src/ui/Table/ageClock.js';
import { rowRuns, runsOf } from '../../src/ui/Table/rowRuns.js';
import { MONO_THEME } from '../../src/ui/theme/theme.js';
import { sleep } from '../helpers/sandbox.js';
import { container, NOW } from '../fixtures/store.js';
import { renderUi } from '../fixtures/terminal.js';

const row = (key: string, since: Date | null): Row => ({
  key,
  kind: 'container',
  namespace: 'default',
  id: key,
  labels: {},
  cells: { name: textCell(key), age: ageCell(since) },
  sort: { name: key, age: null, status: '', cpu: null, memory: null },
});

/** the NAME and AGE columns drawn, or NAME alone (AGE dropped for width) */
const runsWith = (ids: string[]) => runsOf(layoutColumns(CONTAINER_COLUMNS.filter((c) => ids.includes(c.id)), { name: 1 }, 40));

test('nextAgeChange: the first change among the ages drawn, on a grid of a tenth of its unit; Infinity when none is drawn', () => {
  // NOW is a whole hour
  const runs = runsWith(['name', 'age']);
  const rows = [row('a', new Date(NOW - 3 * 3_600_000 - 1000)), row('b', new Date(NOW - 119_500)), row('c', null)];
  assert.equal(nextAgeChange(rows, runs, NOW), NOW + 1000, 'b turns 2m 500 ms from now: drawn at the next whole second');
  assert.equal(nextAgeChange([rows[0]!], runs, NOW), NOW + 3_600_000, 'a turns 4h 3,599 s from now: drawn at the next 6 minutes');
  assert.equal(nextAgeChange([row('d', new Date(NOW - 5 * 60_000 - 1000))], runs, NOW), NOW + 60_000, '5m1s: 6m 59 s from now, on the 6 s grid');
  assert.equal(nextAgeChange([rows[2]!], runs, NOW), Infinity);
  assert.equal(nextAgeChange(rows, runsWith(['name']), NOW), Infinity, 'no AGE column drawn: nothing to redraw');
});

test('a drawn row is styled again when its age text changes, not before', () => {
  const { cells } = row('a', new Date(NOW - 119_500));
  const look = { runs: runsWith(['name', 'age']), selected: false, stale: false, theme: MONO_THEME };
  const first = rowRuns(cells, { ...look, now: NOW });
  assert.match(first.join(''), /119s$/);
  assert.equal(rowRuns(cells, { ...look, now: NOW + 499 }), first, 'the same age: the same texts');
  assert.match(rowRuns(cells, { ...look, now: NOW + 500 }).join(''), / 2m$/);
});

test('the table redraws an age as it changes, with no store update', async () => {
  const store = createAppStore('sock', ['default'], { namespace: 'default' });
  // 119 s old at the first frame: "119s", then "2m" a second later
  const createdAt = new Date(Date.now() - 119_000);
  store.setState({ containers: { [keyOf('default', 'young')]: container('default', 'young', { createdAt }) }, listed: { default: true } });
  const h = await renderUi(store, { columns: 100, rows: 14 });
  const line = () => h.lastFrame().split('\n').find((l) => l.startsWith('young')) ?? '';
  assert.match(line(), /11\ds$/);
  const updates: unknown[] = [];
  const unsubscribe = store.subscribe((s) => updates.push(s));
  for (let waited = 0; !/ 2m$/.test(line()) && waited < 3000; waited += 50) await sleep(50);
  unsubscribe();
  assert.match(line(), / 2m$/);
  assert.equal(updates.length, 0, 'drawn again by the table alone');
  h.unmount();
});
