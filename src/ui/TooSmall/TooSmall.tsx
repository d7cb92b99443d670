import { Box, Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from '../screen.js';

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box width={columns} height={rows} flexDirection="column">
      <Text wrap="truncate-end">terminal too small</Text>
      <Text wrap="truncate-end">
        {columns}x{rows}, need {MIN_COLUMNS}x{MIN_ROWS}
      </Text>
      <Text wrap="truncate-end">ctrl-c quits</Text>
    </Box>
  );
}
