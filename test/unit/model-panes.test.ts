import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellText } from '../../src/model/cells.js';
import { createViewModel } from '../../src/model/view.js';
import { NOT_LISTED } from '../../src/model/panes/namespaces.js';
import type { AppStore } from '../../src/store/store.js';
import type { UiState } from '../../src/store/ui.js';
import { fixtureStore, HOSTILE_ID, NOW, WEB_KEY } from '../fixtures/store.js';

const vm = () => createViewModel();
function view(ui: Partial<UiState>, store: AppStore = fixtureStore(ui)) {
  return vm().paneView(store.getState());
}
const names = (v: ReturnType<typeof view>) => v.rows.map((r) => r.cells.name!.text);
const columnIds = (v: ReturnType<typeof view>) => v.columns.map((c) => c.id);

test('containers: status from the task, "created" without one, exit kept on stopped tasks', () => {
  const v = view({ pane: 'containers', namespace: 'default' });
  const byId = new Map(v.rows.map((r) => [r.id, r]));
  assert.equal(byId.get('fresh')!.cells.status!.text, 'created');
  assert.equal(byId.get('fresh')!.cells.pid!.text, '-');
  assert.equal(byId.get('batch')!.cells.status!.text, 'stopped');
  assert.equal(byId.get('batch')!.cells.cpu!.text, '-', 'a stopped task shows no figures');
  const web = byId.get(WEB_KEY.slice('default/'.length))!;
  assert.equal(web.cells.name!.text, 'web');
  assert.equal(web.cells.cpu!.text, '40.0');
  assert.equal(web.cells.cpu!.level, 'warn', '80% of the quota');
  assert.equal(web.cells.memory!.text, '120M 94%');
  assert.equal(web.cells.memory!.level, 'critical');
  assert.equal(web.cells.pids!.text, '5/100');
  assert.equal(cellText(web.cells.age!, NOW), '30m', 'drawn at the time it is drawn');
  assert.equal(web.cells.age!.text, '', 'not stored in the row');
});

test('containers: no NAMESPACE or POD columns for a plain namespace', () => {
  const ids = columnIds(view({ pane: 'containers', namespace: 'default' }));
  assert.ok(!ids.includes('namespace'));
  assert.ok(!ids.includes('pod'));
  assert.deepEqual(ids, ['name', 'image', 'status', 'pid', 'cpu', 'memory', 'pids', 'runtime', 'age']);
});

test('containers: POD columns when a row has a pod, sandboxes hidden unless asked for', () => {
  const hidden = view({ pane: 'containers', namespace: 'k8s.io' });
  assert.deepEqual(names(hidden), ['nginx']);
  assert.ok(columnIds(hidden).includes('pod') && columnIds(hidden).includes('podNamespace'));
  const shown = view({ pane: 'containers', namespace: 'k8s.io', showSandboxes: true });
  assert.deepEqual(shown.rows.map((r) => r.id).sort(), ['nginx1', 'sandbox1']);
});

test('containers: all namespaces adds the NAMESPACE column', () => {
  const v = view({ pane: 'containers', namespace: null });
  assert.equal(columnIds(v)[0], 'namespace');
  assert.equal(v.rows.length, 7);
});

test('tasks: only containers with a task; exit status shown', () => {
  const v = view({ pane: 'tasks', namespace: 'default' });
  assert.deepEqual(v.rows.map((r) => r.id).sort(), ['batch', 'c0ffee0000000000000000000000000000000000000000000000000000000001', 'cjk', HOSTILE_ID].sort());
  const batch = v.rows.find((r) => r.id === 'batch')!;
  assert.equal(batch.cells.exit!.text, '3');
  assert.equal(batch.cells.status!.text, 'stopped');
  assert.equal(batch.kind, 'task');
});

test("images: k8s.io's digest aliases fold into the tag; short digest; size", () => {
  const v = view({ pane: 'images', namespace: 'k8s.io' });
  assert.deepEqual(names(v), ['docker.io/library/nginx:1.27', 'registry.k8s.io/pause:3.9']);
  assert.equal(v.rows[0]!.cells.digest!.text, '111111111111');
  assert.equal(v.rows[0]!.cells.size!.text, '67M');
  assert.equal(cellText(v.rows[0]!.cells.age!, NOW), '3d');
});

test('namespaces: counts of containers (no sandboxes), running tasks and images', () => {
  const v = view({ pane: 'namespaces' });
  const row = (n: string) => v.rows.find((r) => r.id === n)!;
  assert.deepEqual(names(v), ['default', 'empty', 'k8s.io']);
  assert.equal(row('default').cells.containers!.text, '6');
  assert.equal(row('default').cells.running!.text, '3');
  assert.equal(row('default').cells.images!.text, '2');
  assert.equal(row('k8s.io').cells.containers!.text, '1');
  assert.equal(row('k8s.io').cells.images!.text, '2');
  assert.equal(row('empty').cells.containers!.text, '0');
  assert.ok(!row('k8s.io').cells.labels!.text.includes('\u001b'));
});

test('namespaces: a namespace not listed yet shows … for its counts, not a false 0', () => {
  const store = fixtureStore({ pane: 'namespaces' });
  store.setState({ listed: { default: true } });
  const rows = vm().paneView(store.getState()).rows;
  const cells = (n: string) => rows.find((r) => r.id === n)!.cells;
  assert.deepEqual([cells('empty').containers!.text, cells('empty').running!.text, cells('empty').images!.text], [NOT_LISTED, NOT_LISTED, NOT_LISTED]);
  assert.equal(cells('default').containers!.text, '6');
});

test('events: newest first, scoped to the namespace', () => {
  const all = view({ pane: 'events', namespace: null });
  assert.deepEqual(all.rows.map((r) => r.cells.topic!.text), ['/tasks/exit', '/tasks/start', '/containers/create']);
  assert.equal(all.rows[0]!.cells.time!.text, '11:59:59');
  const k8s = view({ pane: 'events', namespace: 'k8s.io' });
  assert.deepEqual(k8s.rows.map((r) => r.cells.subject!.text), ['nginx1']);
});

test('summary counts what the header shows', () => {
  const store = fixtureStore({ namespace: 'default' });
  assert.deepEqual(vm().summary(store.getState()), { containers: 6, running: 3, images: 2 });
});
