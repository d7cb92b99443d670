// The fixed rows around the table, so every part agrees on how tall the body is.
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;

const HEADER_ROWS = 2;
const TITLE_ROWS = 1;
const FOOTER_ROWS = 1;
const MESSAGE_ROWS = 1;

/** Rows left for the table (its column header included) or for a view. */
export function bodyRows(terminalRows: number): number {
  return terminalRows - HEADER_ROWS - TITLE_ROWS - FOOTER_ROWS - MESSAGE_ROWS;
}

export function isTooSmall(columns: number, rows: number): boolean {
  return columns < MIN_COLUMNS || rows < MIN_ROWS;
}
