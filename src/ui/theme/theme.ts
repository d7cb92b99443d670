// A theme names a colour for each role on screen; null = the terminal's own colour (mono uses only that).
import { createContext, useContext } from 'react';

export const COLOR_ROLES = [
  'text',
  'dim',
  'accent',
  'title',
  'tableHeader',
  'selectedFg',
  'selectedBg',
  'ok',
  'warn',
  'critical',
  'info',
  'error',
  'key',
  'disabled',
  'prompt',
  'border',
  'cpuGraph',
  'memoryGraph',
  'stale',
] as const;

export type ColorRole = (typeof COLOR_ROLES)[number];
/** an Ink colour: a name such as "cyan", "#rrggbb", or null for the terminal default */
export type Color = string | null;

export interface Theme {
  name: string;
  colors: Record<ColorRole, Color>;
}

/** Reads a theme file's JSON; roles it does not set (or sets to something odd) stay uncoloured. */
export function parseTheme(json: unknown, fallbackName: string): Theme {
  const obj = (typeof json === 'object' && json !== null ? json : {}) as { name?: unknown; colors?: Record<string, unknown> };
  const colors = {} as Record<ColorRole, Color>;
  for (const role of COLOR_ROLES) {
    const value = obj.colors?.[role];
    colors[role] = typeof value === 'string' && value !== '' && value !== 'default' ? value : null;
  }
  return { name: typeof obj.name === 'string' ? obj.name : fallbackName, colors };
}

export const MONO_THEME: Theme = parseTheme({ name: 'mono' }, 'mono');

export const ThemeContext = createContext<Theme>(MONO_THEME);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** Ink's `color` prop for a role (undefined leaves the terminal's colour). */
export function colorOf(theme: Theme, role: ColorRole): string | undefined {
  return theme.colors[role] ?? undefined;
}
