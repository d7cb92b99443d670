// Scrolling for the full-body views (describe, detail, help): the same keys as moving in the table.
import { useState } from 'react';
import { useInput } from 'ink';
import { useAppState } from '../context.js';
import { eachKey, NAV } from './keys.js';

/** Returns the first line to show; keys are live only while no prompt or dialog owns the keyboard. */
export function useScrollKeys(lineCount: number, height: number): number {
  const [offset, setOffset] = useState(0);
  const keyboardFree = useAppState((s) => s.ui.prompt === null && s.ui.dialog === null);
  const maxOffset = Math.max(0, lineCount - height);
  useInput(
    eachKey((input, key) => {
      const by = (delta: number) => setOffset((o) => Math.max(0, Math.min(maxOffset, Math.min(o, maxOffset) + delta)));
      if (NAV.down(input, key)) by(1);
      else if (NAV.up(input, key)) by(-1);
      else if (NAV.pageDown(input, key)) by(height);
      else if (NAV.pageUp(input, key)) by(-height);
      else if (NAV.first(input, key)) setOffset(0);
      else if (NAV.last(input, key)) setOffset(maxOffset);
    }),
    { isActive: keyboardFree },
  );
  return Math.min(offset, maxOffset);
}
