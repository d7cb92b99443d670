import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandSuggestions, completeCommand, parseCommand } from '../../src/model/commands.js';
import { brailleGraph, graphMax } from '../../src/model/graph.js';
import { displayWidth } from '../../src/model/sanitize.js';

test('commands: k9s aliases, namespace switch, pane with namespace, quit', () => {
  for (const alias of ['ns', 'namespace', 'namespaces']) assert.deepEqual(parseCommand(alias), { kind: 'pane', pane: 'namespaces' });
  assert.deepEqual(parseCommand('co'), { kind: 'pane', pane: 'containers' });
  assert.deepEqual(parseCommand('t'), { kind: 'pane', pane: 'tasks' });
  assert.deepEqual(parseCommand('img'), { kind: 'pane', pane: 'images' });
  assert.deepEqual(parseCommand(' ev '), { kind: 'pane', pane: 'events' });
  assert.deepEqual(parseCommand('ns k8s.io'), { kind: 'namespace', name: 'k8s.io' });
  assert.deepEqual(parseCommand('co moby'), { kind: 'pane', pane: 'containers', namespace: 'moby' });
  for (const q of ['q', 'quit', 'q!']) assert.deepEqual(parseCommand(q), { kind: 'quit' });
  assert.deepEqual(parseCommand('nope'), { kind: 'unknown', text: 'nope' });
  assert.deepEqual(parseCommand(''), { kind: 'none' });
});

test('completion: longest common prefix, a space once unique, namespace names as arguments', () => {
  assert.equal(completeCommand('im', []), 'im');
  assert.equal(completeCommand('ima', []), 'image');
  assert.equal(completeCommand('ev', []), 'ev');
  assert.equal(completeCommand('qu', []), 'quit ');
  assert.equal(completeCommand('xyz', []), 'xyz');
  assert.equal(completeCommand('ns k8', ['default', 'k8s.io']), 'ns k8s.io');
  assert.equal(completeCommand('co d', ['default', 'docker']), 'co d');
  assert.deepEqual(commandSuggestions('ev'), ['event', 'events']);
});

test('braille graph: the requested size, taller for bigger values, newest samples on the right', () => {
  const lines = brailleGraph([0, 25, 50, 100], 10, 3, 100);
  assert.equal(lines.length, 3);
  for (const l of lines) assert.equal(displayWidth(l), 10);
  const blank = String.fromCharCode(0x2800);
  assert.equal(lines[2]!.slice(0, 8), blank.repeat(8), 'no data on the left');
  assert.notEqual(lines[0]!.at(-1), blank, '100% reaches the top');
  assert.equal(lines[0]!.at(-2), blank);
  assert.equal(brailleGraph([1], 2, 1, 1000)[0]!.at(-1), String.fromCharCode(0x2800 + 0x80), 'tiny values still show a dot');
});

test('graph scale: the limit, else a round number above the peak', () => {
  assert.equal(graphMax(37, null), 50);
  assert.equal(graphMax(120, null), 200);
  assert.equal(graphMax(0, null), 1);
  assert.equal(graphMax(37, 400), 400);
});
