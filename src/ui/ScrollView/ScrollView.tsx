// A scrollable block of lines for the full-body views (describe, detail, help).
import { Box, Text } from 'ink';
import { useScrollKeys } from '../input/useScrollKeys.js';
import { colorOf, useTheme, type ColorRole } from '../theme/theme.js';

export interface ViewLine {
  text: string;
  role?: ColorRole;
  bold?: boolean;
}

export function ScrollView({ lines, width, height }: { lines: readonly ViewLine[]; width: number; height: number }) {
  const theme = useTheme();
  const offset = useScrollKeys(lines.length, height);
  const shown = lines.slice(offset, offset + height);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((line, i) => (
        <Text key={offset + i} wrap="truncate-end" bold={line.bold} color={line.role ? colorOf(theme, line.role) : undefined}>
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
    </Box>
  );
}
