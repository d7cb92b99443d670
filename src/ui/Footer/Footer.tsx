// Key hints of what is on screen; in read-only mode the keys that change containerd are struck out.
import { Text } from 'ink';
import { useShallow } from 'zustand/shallow';
import { useAppState } from '../context.js';
import { activeBindings } from '../input/keymap.js';
import { paint, useTheme } from '../theme/theme.js';

export function Footer() {
  const theme = useTheme();
  const [pane, overlay, readonly] = useAppState(useShallow((s) => [s.ui.pane, s.ui.overlay, s.ui.readonly] as const));
  // one pre-styled string (see paint): Ink restyles every nested <Text> on every frame
  const hints = activeBindings({ pane, overlay }).flatMap((b) => {
    if (!b.hint) return [];
    const disabled = readonly && b.mutating === true;
    const style = { strikethrough: disabled };
    return [paint(theme, disabled ? 'disabled' : 'key', `<${b.keys}>`, style) + paint(theme, disabled ? 'disabled' : 'dim', b.hint, style)];
  });
  return <Text wrap="truncate-end">{hints.join(' ')}</Text>;
}
