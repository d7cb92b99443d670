// The root: exactly the terminal's size, re-measured on resize; the table or an open view in the body;
// a dialog over everything when the actions layer opens one.
import { Box, useApp, useWindowSize, type SuspendTerminal } from 'ink';
import { useMemo } from 'react';
import type { AppStore } from '../store/store.js';
import type { TerminalHandoff, UiActions, UiLoaders } from './actions.js';
import { ServicesContext, useAppState, viewModelOf, type UiServices } from './context.js';
import { Confirm } from './Confirm/Confirm.js';
import { Describe } from './Describe/Describe.js';
import { Detail } from './Detail/Detail.js';
import { ErrorBoundary } from './ErrorBoundary/ErrorBoundary.js';
import { Footer } from './Footer/Footer.js';
import { Header } from './Header/Header.js';
import { Help } from './Help/Help.js';
import { useKeys } from './input/useKeys.js';
import { MessageLine } from './MessageLine/MessageLine.js';
import { useFollowRemovals } from './removals.js';
import { bodyRows, isTooSmall } from './screen.js';
import { Table } from './Table/Table.js';
import { MONO_THEME, ThemeContext, type Theme } from './theme/theme.js';
import { TitleLine } from './TitleLine/TitleLine.js';
import { TooSmall } from './TooSmall/TooSmall.js';

export interface AppProps {
  store: AppStore;
  actions: UiActions;
  loaders: UiLoaders;
  theme?: Theme;
  /** called before the app exits on ctrl-c or :q */
  onQuit?: () => void;
}

/** Ink's suspendTerminal as the handoff the actions layer uses for a shell. */
function handoffOf(suspendTerminal: SuspendTerminal): TerminalHandoff {
  return {
    async suspend<T>(run: () => Promise<T>): Promise<T> {
      let result: T | undefined;
      await suspendTerminal(async () => {
        result = await run();
      });
      return result as T;
    },
  };
}

function KeyListener({ pageSize }: { pageSize: number }) {
  useKeys(pageSize);
  return null;
}

function Body({ width, height }: { width: number; height: number }) {
  const overlay = useAppState((s) => s.ui.overlay?.kind ?? null);
  switch (overlay) {
    case 'describe':
      return <Describe width={width} height={height} />;
    case 'detail':
      return <Detail width={width} height={height} />;
    case 'help':
      return <Help width={width} height={height} />;
    case null:
      return <Table width={width} height={height} />;
  }
}

function Screen({ columns, rows }: { columns: number; rows: number }) {
  const body = bodyRows(rows);
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <KeyListener pageSize={Math.max(1, body - 1)} />
      <Header width={columns} />
      <TitleLine width={columns} />
      <Body width={columns} height={body} />
      <Footer />
      <MessageLine />
      <Confirm columns={columns} rows={rows} />
    </Box>
  );
}

export function App({ store, actions, loaders, theme = MONO_THEME, onQuit }: AppProps) {
  const { columns, rows } = useWindowSize();
  const { exit, suspendTerminal } = useApp();
  const services = useMemo<UiServices>(
    () => ({
      store,
      viewModel: viewModelOf(store),
      actions,
      loaders,
      terminal: handoffOf(suspendTerminal),
      quit: () => {
        onQuit?.();
        exit();
      },
    }),
    [store, actions, loaders, suspendTerminal, onQuit, exit],
  );
  useFollowRemovals(store, services.viewModel);
  return (
    <ThemeContext.Provider value={theme}>
      <ServicesContext.Provider value={services}>
        <ErrorBoundary onQuit={services.quit}>
          {isTooSmall(columns, rows) ? (
            <>
              <KeyListener pageSize={1} />
              <TooSmall columns={columns} rows={rows} />
            </>
          ) : (
            <Screen columns={columns} rows={rows} />
          )}
        </ErrorBoundary>
      </ServicesContext.Provider>
    </ThemeContext.Provider>
  );
}
