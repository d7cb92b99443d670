// Mounts the monitor on the terminal and resolves when the user quits.
import { render } from 'ink';
import { installCellDiff } from '../terminal/cell-diff.js';
import type { AppStore } from '../store/store.js';
import type { UiActions, UiLoaders } from './actions.js';
import { App } from './App.js';
import type { Theme } from './theme/theme.js';

export interface RunUiOptions {
  store: AppStore;
  actions: UiActions;
  loaders: UiLoaders;
  /** see resolveTheme in src/ui/theme/load.ts; mono when omitted */
  theme?: Theme;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WriteStream;
  /** gets a synchronous unmount as soon as the UI is on screen (for the terminal guard) */
  onMounted?: (unmount: () => void) => void;
}

/**
 * Runs the UI on the alternate screen until ctrl-c or :q. All UI state lives in the store, so a shell
 * hands the terminal over with `TerminalHandoff.suspend` (Ink's suspendTerminal) without losing anything.
 */
export async function runUi({ store, actions, loaders, theme, stdout, stdin, stderr, onMounted }: RunUiOptions): Promise<void> {
  // Steady ticks then send only the cells that changed (Ink rewrites whole lines); installed first so it
  // sees every write, including a shell's output while the terminal is handed over.
  const restoreWrite = installCellDiff(stdout ?? process.stdout);
  // Raw mode before the first frame: Ink enables it only in an effect after that frame is written, and a
  // Ctrl-C typed in between would be a SIGINT (exit 130) instead of a key. Ink turns it off on unmount.
  const input = stdin ?? process.stdin;
  if (input.isTTY) input.setRawMode(true);
  try {
    const instance = render(<App store={store} actions={actions} loaders={loaders} theme={theme} />, {
      // an explicit `undefined` would replace Ink's default process streams, so pass only what was given
      ...(stdout && { stdout }),
      ...(stdin && { stdin }),
      ...(stderr && { stderr }),
      // The monitor only ever runs on a terminal (batch mode covers the rest); Ink would otherwise turn
      // itself non-interactive whenever a CI variable is set, even in a person's SSH session.
      interactive: true,
      alternateScreen: true,
      incrementalRendering: true,
      maxFps: 30,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    onMounted?.(() => instance.unmount());
    await instance.waitUntilExit();
  } finally {
    restoreWrite();
  }
}
