// Key matchers shared by the table, the scrollable views and the help text, so a key means one thing.
import type { Key } from 'ink';

export type KeyMatch = (input: string, key: Key) => boolean;

/** A printable key pressed without Ctrl or Meta (Shift shows in the letter's case). */
export const plain =
  (ch: string): KeyMatch =>
  (input, key) =>
    input === ch && !key.ctrl && !key.meta;

export const ctrl =
  (ch: string): KeyMatch =>
  (input, key) =>
    key.ctrl && input === ch;

export const either =
  (...matches: KeyMatch[]): KeyMatch =>
  (input, key) =>
    matches.some((m) => m(input, key));

export const NAV = {
  down: either(plain('j'), (_, k) => k.downArrow),
  up: either(plain('k'), (_, k) => k.upArrow),
  first: either(plain('g'), (_, k) => k.home),
  last: either(plain('G'), (_, k) => k.end),
  pageDown: either(ctrl('f'), (_, k) => k.pageDown),
  pageUp: either(ctrl('b'), (_, k) => k.pageUp),
};

type KeyHandler = (input: string, key: Key) => void;

/** The Key of one character taken out of a multi-character chunk (Ctrl-letter as Ink reports it). */
function keyOfChar(ch: string, chunk: Key): [string, Key] {
  const code = ch.charCodeAt(0);
  const none: Key = { ...chunk, ctrl: false, meta: false, shift: /^[A-Z]$/.test(ch), return: false, tab: false, backspace: false, delete: false, escape: false };
  if (ch === '\r' || ch === '\n') return ['', { ...none, return: true }];
  if (ch === '\t') return ['', { ...none, tab: true }];
  if (ch === '\x7f' || ch === '\b') return ['', { ...none, backspace: true }];
  if (ch === '\x1b') return ['', { ...none, escape: true }];
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...none, ctrl: true }];
  return [ch, none];
}

/**
 * Ink passes keys that reach it in one read as one input ("s\r", "/cpu"): that happens whenever keys come
 * faster than a frame (typing ahead while the app is busy, or over a slow link). Every key handler goes
 * through this so each character counts as the key it is, never a paste that matches nothing (or worse,
 * a lost "/" followed by a "p" that pauses a container).
 */
export const eachKey =
  (handler: KeyHandler): KeyHandler =>
  (input, key) => {
    const chars = Array.from(input);
    if (chars.length <= 1 || key.ctrl || key.meta) return handler(input, key);
    for (const ch of chars) handler(...keyOfChar(ch, key));
  };
