// The `:` command line: pane aliases as in k9s, `:ns NAME` to switch namespace, `:q` to quit.
import type { PaneId } from '../store/ui.js';

export const PANE_ALIASES: Record<string, PaneId> = {
  ns: 'namespaces',
  namespace: 'namespaces',
  namespaces: 'namespaces',
  co: 'containers',
  container: 'containers',
  containers: 'containers',
  t: 'tasks',
  task: 'tasks',
  tasks: 'tasks',
  img: 'images',
  image: 'images',
  images: 'images',
  ev: 'events',
  event: 'events',
  events: 'events',
};

const QUIT = ['q', 'quit', 'q!'];

export type Command =
  | { kind: 'pane'; pane: PaneId; namespace?: string }
  | { kind: 'namespace'; name: string }
  | { kind: 'quit' }
  | { kind: 'none' }
  | { kind: 'unknown'; text: string };

/** `:co k8s.io` opens containers of k8s.io; `:ns NAME` switches namespace and stays on the pane. */
export function parseCommand(text: string): Command {
  const [word = '', arg] = text.trim().split(/\s+/, 2);
  if (word === '') return { kind: 'none' };
  if (QUIT.includes(word)) return { kind: 'quit' };
  const pane = PANE_ALIASES[word];
  if (!pane) return { kind: 'unknown', text: text.trim() };
  if (pane === 'namespaces' && arg) return { kind: 'namespace', name: arg };
  return arg ? { kind: 'pane', pane, namespace: arg } : { kind: 'pane', pane };
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * Tab completion: the command word against commands and aliases, the argument against namespace names.
 * Completes to the longest common prefix (bash style) and adds a space once the word is unique.
 */
export function completeCommand(text: string, namespaces: readonly string[]): string {
  const spaced = /^(\S+)\s+(\S*)$/.exec(text);
  if (spaced) {
    const [, word, arg] = spaced as unknown as [string, string, string];
    const candidates = namespaces.filter((n) => n.startsWith(arg));
    if (candidates.length === 0 || !PANE_ALIASES[word]) return text;
    return `${word} ${candidates.length === 1 ? candidates[0]! : commonPrefix(candidates)}`;
  }
  const word = text.trim();
  const candidates = [...Object.keys(PANE_ALIASES), 'quit'].filter((c) => c.startsWith(word));
  if (candidates.length === 0) return text;
  if (candidates.length === 1) return `${candidates[0]!} `;
  return commonPrefix(candidates);
}

/** What completion could still produce, for the hint next to the prompt. */
export function commandSuggestions(text: string): string[] {
  const word = text.trim();
  if (word.includes(' ')) return [];
  return [...Object.keys(PANE_ALIASES), 'quit'].filter((c) => c.startsWith(word) && c !== word);
}
