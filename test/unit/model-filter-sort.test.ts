import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilter } from '../../src/model/filter.js';
import { nextSort } from '../../src/model/sort.js';
import { createViewModel } from '../../src/model/view.js';
import type { UiState } from '../../src/store/ui.js';
import { fixtureStore } from '../fixtures/store.js';

function ids(ui: Partial<UiState>): string[] {
  return createViewModel().paneView(fixtureStore(ui).getState()).rows.map((r) => r.cells.name!.text);
}
const containers = (filter: string) => ids({ pane: 'containers', namespace: 'default', filter: { containers: filter } });

test('filter: case-insensitive substring over the cells on screen', () => {
  assert.deepEqual(containers('WEB'), ['web']);
  assert.deepEqual(containers('created'), ['fresh', '🐳-whale'], 'status text counts');
  assert.deepEqual(containers('default'), [], 'the hidden NAMESPACE column does not match every row');
});

test('filter: !text keeps the rows that do not match', () => {
  const rest = containers('!busybox');
  assert.ok(rest.includes('web'));
  assert.ok(!rest.includes('batch'));
});

test('filter: -l by label, with != and presence', () => {
  assert.deepEqual(containers('-l tier=front'), ['web']);
  assert.deepEqual(containers('-l tier!=front').length, 5);
  assert.deepEqual(containers('-l nerdctl/name'), ['web']);
  assert.deepEqual(containers('-l tier=back,nope'), []);
  assert.deepEqual(ids({ pane: 'namespaces', filter: { namespaces: '-l owner\u001b[5m=kubelet' } }), ['k8s.io']);
});

test('parseFilter: empty and bare ! mean no filter', () => {
  assert.equal(parseFilter('').kind, 'none');
  assert.equal(parseFilter('!').kind, 'none');
  assert.deepEqual(parseFilter('!Web'), { kind: 'text', needle: 'web', inverse: true });
});

test('sort: name by default; cpu and memory busiest first; same key again reverses', () => {
  assert.deepEqual(nextSort(undefined, 'cpu'), { column: 'cpu', descending: true });
  assert.deepEqual(nextSort({ column: 'cpu', descending: true }, 'cpu'), { column: 'cpu', descending: false });
  assert.deepEqual(nextSort({ column: 'cpu', descending: true }, 'name'), { column: 'name', descending: false });
  const byCpu = ids({ pane: 'containers', namespace: 'default', sort: { containers: { column: 'cpu', descending: true } } });
  assert.equal(byCpu[1], 'web');
  assert.deepEqual(byCpu.slice(3), ['batch', 'fresh', '🐳-whale'], 'unknown CPU goes last, by name');
  const reversed = ids({ pane: 'containers', namespace: 'default', sort: { containers: { column: 'cpu', descending: false } } });
  assert.deepEqual(reversed.slice(0, 3), ['数据库-db', 'web', byCpu[0]]);
  assert.deepEqual(reversed.slice(3), ['batch', 'fresh', '🐳-whale'], 'still last when reversed');
});

test('sort: age puts the youngest first, status groups by status', () => {
  const byAge = ids({ pane: 'containers', namespace: 'default', sort: { containers: { column: 'age', descending: false } } });
  assert.deepEqual(byAge.slice(0, 2), ['fresh', 'batch']);
  const byStatus = ids({ pane: 'containers', namespace: 'default', sort: { containers: { column: 'status', descending: false } } });
  assert.equal(byStatus[0], 'fresh');
  assert.equal(byStatus.at(-1), 'batch');
});

test('sort: a column the pane cannot sort by falls back to its default', () => {
  assert.deepEqual(ids({ pane: 'namespaces', sort: { namespaces: { column: 'cpu', descending: true } } }), ['default', 'empty', 'k8s.io']);
});
