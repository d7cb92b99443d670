// A render error shows its text (and how to leave) instead of tearing down the terminal.
import { Box, Text, useInput } from 'ink';
import { Component, type ReactNode } from 'react';
import { sanitize } from '../../model/sanitize.js';

function Crashed({ error, onQuit }: { error: Error; onQuit: () => void }) {
  useInput((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) onQuit();
  });
  const stack = (error.stack ?? '').split('\n').slice(1, 8);
  return (
    <Box flexDirection="column">
      <Text color="red" bold>
        ctop-ts hit an error: {sanitize(error.message)}
      </Text>
      {stack.map((line, i) => (
        <Text key={i} dimColor wrap="truncate-end">
          {sanitize(line)}
        </Text>
      ))}
      <Text>press q or ctrl-c to quit</Text>
    </Box>
  );
}

export class ErrorBoundary extends Component<{ children: ReactNode; onQuit: () => void }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    return this.state.error ? <Crashed error={this.state.error} onQuit={this.props.onQuit} /> : this.props.children;
  }
}
