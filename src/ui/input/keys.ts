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
