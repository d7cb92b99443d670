// The bottom line: the open prompt (`:` command or `/` filter) while typing, else the last message.
import { Text } from 'ink';
import { commandSuggestions } from '../../model/commands.js';
import { sanitize } from '../../model/sanitize.js';
import { useAppState } from '../context.js';
import { colorOf, useTheme } from '../theme/theme.js';

export function MessageLine() {
  const theme = useTheme();
  const prompt = useAppState((s) => s.ui.prompt);
  const message = useAppState((s) => s.message);
  if (prompt) {
    const suggestions = prompt.kind === 'command' ? commandSuggestions(prompt.text).join(' ') : '';
    return (
      <Text wrap="truncate-end">
        <Text color={colorOf(theme, 'prompt')}>{prompt.kind === 'command' ? ':' : '/'}</Text>
        {sanitize(prompt.text)}
        <Text inverse> </Text>
        {suggestions ? <Text color={colorOf(theme, 'dim')}>  {suggestions}</Text> : null}
      </Text>
    );
  }
  if (!message) return <Text> </Text>;
  return (
    <Text wrap="truncate-end" color={colorOf(theme, message.level === 'error' ? 'error' : 'info')}>
      {sanitize(message.text)}
    </Text>
  );
}
