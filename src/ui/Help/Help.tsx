// `?`: every key of the current pane, from the same table the keys are dispatched through.
import { useMemo } from 'react';
import { useShallow } from 'zustand/shallow';
import type { PaneId } from '../../store/ui.js';
import { useAppState } from '../context.js';
import { bindingApplies, OVERLAY_BINDINGS, SCROLL_HELP, TABLE_BINDINGS, type Binding } from '../input/keymap.js';
import { ScrollView, type ViewLine } from '../ScrollView/ScrollView.js';

const KEY_WIDTH = 24;

function keyLine(b: Pick<Binding, 'keys' | 'description' | 'mutating'>, readonly: boolean): ViewLine {
  const disabled = readonly && b.mutating === true;
  return { text: `  ${b.keys.padEnd(KEY_WIDTH)}${b.description}${disabled ? '  (disabled: read-only)' : ''}`, role: disabled ? 'disabled' : undefined };
}

export function helpLines(pane: PaneId, readonly: boolean): ViewLine[] {
  const section = (title: string, bindings: readonly Pick<Binding, 'keys' | 'description' | 'mutating'>[]): ViewLine[] => [
    { text: title, bold: true, role: 'accent' },
    ...bindings.map((b) => keyLine(b, readonly)),
    { text: '' },
  ];
  return [
    ...section(`${pane}`, TABLE_BINDINGS.filter((b) => bindingApplies(b, pane))),
    ...section('describe, detail and help views', [...SCROLL_HELP, ...OVERLAY_BINDINGS.filter((b) => !b.mutating)]),
    ...section('prompts (: and /)', [
      { keys: 'enter', description: 'run the command / apply the filter' },
      { keys: 'esc', description: 'cancel' },
      { keys: 'tab', description: 'complete a command or namespace name' },
    ]),
    ...section('confirmation dialogs', [
      { keys: '← → ↑ ↓', description: 'choose (e.g. the signal)' },
      { keys: 'space', description: 'toggle the option (e.g. all processes)' },
      { keys: 'y enter / n esc', description: 'confirm / cancel' },
    ]),
    ...section('commands', [
      { keys: ':ns :namespaces', description: 'namespaces' },
      { keys: ':co :containers', description: 'containers (":co NAME" in namespace NAME)' },
      { keys: ':t :tasks', description: 'tasks' },
      { keys: ':img :images', description: 'images' },
      { keys: ':ev :events', description: 'events' },
      { keys: ':ns NAME', description: 'switch namespace (0: all namespaces)' },
      { keys: ':q :quit :q!', description: 'quit' },
    ]),
  ];
}

export function Help({ width, height }: { width: number; height: number }) {
  const [pane, readonly] = useAppState(useShallow((s) => [s.ui.pane, s.ui.readonly] as const));
  const lines = useMemo(() => helpLines(pane, readonly), [pane, readonly]);
  return <ScrollView lines={lines} width={width} height={height} />;
}
