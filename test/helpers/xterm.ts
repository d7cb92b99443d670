// What a headless xterm shows, cell by cell, so two ways of drawing can be compared on a real terminal.
import type xterm from '@xterm/headless';

type Terminal = InstanceType<typeof xterm.Terminal>;

/** Every cell of the visible screen, and the cursor row. */
export function snapshot(term: Terminal): string[] {
  const buf = term.buffer.active;
  const cell = buf.getNullCell();
  const rows = [`${buf.type} screen, cursor row ${buf.cursorY}`];
  for (let y = 0; y < term.rows; y++) {
    const line = buf.getLine(buf.viewportY + y)!;
    let row = '';
    for (let x = 0; x < term.cols; x++) {
      line.getCell(x, cell);
      const flags = [cell.isBold(), cell.isDim(), cell.isItalic(), cell.isUnderline(), cell.isInverse(), cell.isStrikethrough()];
      row += `${JSON.stringify(cell.getChars())}${cell.getWidth()} ${cell.getFgColorMode()}:${cell.getFgColor()} `;
      row += `${cell.getBgColorMode()}:${cell.getBgColor()} ${flags.map(Number).join('')}|`;
    }
    rows.push(`${line.translateToString()}  ${row}`);
  }
  return rows;
}
