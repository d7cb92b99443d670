// The confirmation dialog (ui.dialog), drawn over the middle of the screen. Keys: input/dialog.ts.
import { Box, Text } from 'ink';
import { displayWidth, fit, sanitize } from '../../model/sanitize.js';
import type { DialogState } from '../../store/ui.js';
import { useAppState } from '../context.js';
import { colorOf, useTheme } from '../theme/theme.js';

const HINT = 'y/enter confirm · n/esc cancel';

function choiceLine(dialog: DialogState): string {
  return dialog.choices.map((c, i) => (i === dialog.choiceIndex ? `[${sanitize(c.label)}]` : ` ${sanitize(c.label)} `)).join(' ');
}

export function Confirm({ columns, rows }: { columns: number; rows: number }) {
  const theme = useTheme();
  const dialog = useAppState((s) => s.ui.dialog);
  if (!dialog) return null;
  const body = dialog.body.map(sanitize);
  const option = dialog.option ? `${dialog.option.checked ? '[x]' : '[ ]'} ${sanitize(dialog.option.label)} (space)` : null;
  const widest = Math.max(displayWidth(sanitize(dialog.title)), HINT.length, ...body.map(displayWidth), displayWidth(choiceLine(dialog)), option ? displayWidth(option) : 0);
  const inner = Math.min(columns - 6, Math.max(36, widest));
  const height = 4 + body.length + (dialog.choices.length > 0 ? 2 : 0) + (option ? 1 : 0) + 1;
  const border = colorOf(theme, dialog.danger ? 'critical' : 'border');
  // padded to the full inner width, margins included, so the table underneath does not show through
  // (Ink's paddingX leaves those cells unwritten: the characters below stayed visible there)
  const line = (text: string) => ` ${fit(text, inner)} `;
  return (
    <Box position="absolute" top={Math.max(0, Math.floor((rows - height) / 2))} left={Math.floor((columns - inner - 4) / 2)} flexDirection="column" borderStyle="round" borderColor={border}>
      <Text bold color={border}>{line(sanitize(dialog.title))}</Text>
      <Text>{line('')}</Text>
      {body.map((text, i) => (
        <Text key={i}>{line(text)}</Text>
      ))}
      {dialog.choices.length > 0 ? (
        <>
          <Text>{line('')}</Text>
          <Text color={colorOf(theme, 'accent')}>{line(choiceLine(dialog))}</Text>
        </>
      ) : null}
      {option ? <Text>{line(option)}</Text> : null}
      <Text>{line('')}</Text>
      <Text color={colorOf(theme, 'dim')}>{line(HINT)}</Text>
    </Box>
  );
}
