// Which rows of a long table are on screen: the fewest scroll moves that keep the selection visible.

/** First row to draw, given the previous first row, the selected index, the rows that fit and the row count. */
export function scrollOffset(previous: number, selected: number, visible: number, total: number): number {
  const maxOffset = Math.max(0, total - visible);
  let offset = Math.min(Math.max(0, previous), maxOffset);
  if (selected < offset) offset = selected;
  else if (selected >= offset + visible) offset = selected - visible + 1;
  return Math.max(0, Math.min(offset, maxOffset));
}
