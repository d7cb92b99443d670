import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutColumns, formatLine } from '../../src/model/layout.js';
import { displayWidth } from '../../src/model/sanitize.js';
import { createViewModel } from '../../src/model/view.js';
import { describeContainer, describeEvent } from '../../src/model/describe.js';
import { fixtureStore, HOSTILE_ID } from '../fixtures/store.js';
import type { Row } from '../../src/model/table.js';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function allCells(rows: readonly Row[]): string[] {
  return rows.flatMap((r) => Object.values(r.cells).map((c) => c.text));
}

test('every cell of every pane is free of control and bidi characters', () => {
  const store = fixtureStore({ namespace: null, showSandboxes: true });
  for (const pane of ['namespaces', 'containers', 'tasks', 'images', 'events'] as const) {
    store.setState((s) => ({ ui: { ...s.ui, pane } }));
    const v = createViewModel().paneView(store.getState());
    for (const text of allCells(v.rows)) assert.doesNotMatch(text, UNSAFE, `${pane}: ${JSON.stringify(text)}`);
  }
});

test('hostile strings are shown, escaped, not executed', () => {
  const v = createViewModel().paneView(fixtureStore({ namespace: 'default' }).getState());
  const evil = v.rows.find((r) => r.id === HOSTILE_ID)!;
  assert.equal(evil.cells.name!.text, 'title^[]0;pwned^G');
  assert.equal(evil.cells.image!.text, 'docker.io/library/<U+202E>gpj.exe');
});

test('describe text is sanitised too', () => {
  const store = fixtureStore();
  const s = store.getState();
  const c = s.containers[`default/${HOSTILE_ID}`]!;
  for (const line of describeContainer(c, undefined, undefined)) assert.doesNotMatch(line, UNSAFE);
  const web = Object.values(s.containers).find((x) => x.name === 'web')!;
  const lines = describeContainer(web, s.tasks[`default/${web.id}`], s.figures[`default/${web.id}`]);
  assert.ok(lines.some((l) => l.includes('EVIL=^[[2J')));
  assert.ok(lines.some((l) => l.includes('network /var/run/netns/cni-1')));
  assert.ok(lines.some((l) => l.includes('128M')));
  for (const line of describeEvent(s.events[2]!)) assert.doesNotMatch(line, UNSAFE);
});

test('layout: lines fill the width exactly; CJK and emoji measured as two cells', () => {
  const v = createViewModel().paneView(fixtureStore({ namespace: 'default' }).getState());
  for (const width of [60, 80, 100, 200]) {
    const laid = layoutColumns(v.columns, v.widest, width);
    for (const row of v.rows) {
      const line = formatLine(laid, (c) => row.cells[c.id]?.text ?? '');
      assert.ok(displayWidth(line) <= width, `${width}: ${line}`);
    }
  }
  const laid = layoutColumns(v.columns, v.widest, 100);
  const cjk = v.rows.find((r) => r.id === 'cjk')!;
  const emoji = v.rows.find((r) => r.id === 'emoji')!;
  const line = (r: Row) => formatLine(laid, (c) => r.cells[c.id]?.text ?? '');
  assert.equal(displayWidth(line(cjk)), displayWidth(line(emoji)));
});

test('layout: narrow terminals drop the least important columns first', () => {
  const v = createViewModel().paneView(fixtureStore({ namespace: 'default' }).getState());
  const wide = layoutColumns(v.columns, v.widest, 200).map((l) => l.column.id);
  const narrow = layoutColumns(v.columns, v.widest, 60).map((l) => l.column.id);
  assert.ok(wide.includes('runtime'));
  assert.ok(!narrow.includes('runtime'));
  assert.ok(narrow.includes('name') && narrow.includes('cpu') && narrow.includes('memory'));
});

test('layout: flexible columns never grow past their widest cell', () => {
  const v = createViewModel().paneView(fixtureStore({ namespace: 'default' }).getState());
  const laid = layoutColumns(v.columns, v.widest, 400);
  const runtime = laid.find((l) => l.column.id === 'runtime')!;
  assert.equal(runtime.width, 'io.containerd.runc.v2'.length);
});
