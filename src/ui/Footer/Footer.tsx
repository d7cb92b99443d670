// Key hints of what is on screen; in read-only mode the keys that change containerd are struck out.
import { Text } from 'ink';
import { Fragment } from 'react';
import { useShallow } from 'zustand/shallow';
import { useAppState } from '../context.js';
import { activeBindings } from '../input/keymap.js';
import { colorOf, useTheme } from '../theme/theme.js';

export function Footer() {
  const theme = useTheme();
  const [pane, overlay, readonly] = useAppState(useShallow((s) => [s.ui.pane, s.ui.overlay, s.ui.readonly] as const));
  const bindings = activeBindings({ pane, overlay }).filter((b) => b.hint);
  return (
    <Text wrap="truncate-end">
      {bindings.map((b, i) => {
        const disabled = readonly && b.mutating === true;
        return (
          <Fragment key={b.keys}>
            {i > 0 ? ' ' : ''}
            <Text color={colorOf(theme, disabled ? 'disabled' : 'key')} strikethrough={disabled}>
              {`<${b.keys}>`}
            </Text>
            <Text color={colorOf(theme, disabled ? 'disabled' : 'dim')} strikethrough={disabled}>
              {b.hint}
            </Text>
          </Fragment>
        );
      })}
    </Text>
  );
}
