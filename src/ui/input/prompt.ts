// Keys while the `:` or `/` prompt is open: they edit the line and nothing else.
import type { Key } from 'ink';
import { completeCommand } from '../../model/commands.js';
import type { UiServices } from '../context.js';
import { runCommand, setUi } from './operations.js';

// typed or pasted control characters never reach the prompt line
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function handlePromptKey(services: UiServices, input: string, key: Key): void {
  const { store } = services;
  const prompt = store.getState().ui.prompt;
  if (!prompt) return;
  const edit = (text: string) => setUi(store, { prompt: { ...prompt, text } });
  if (key.escape) return setUi(store, { prompt: null });
  if (key.return) {
    setUi(store, { prompt: null });
    if (prompt.kind === 'filter') setUi(store, (ui) => ({ filter: { ...ui.filter, [ui.pane]: prompt.text.trim() } }));
    else runCommand(store, prompt.text, services.quit);
    return;
  }
  if (key.tab) {
    if (prompt.kind === 'command') edit(completeCommand(prompt.text, Object.keys(store.getState().namespaces)));
    return;
  }
  if (key.backspace || key.delete) return edit(prompt.text.slice(0, -1));
  if (key.ctrl && input === 'c') return services.quit();
  if (key.ctrl || key.meta) return;
  const typed = input.replace(CONTROL, '');
  if (typed) edit(prompt.text + typed);
}
