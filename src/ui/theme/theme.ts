// A theme names a colour for each role on screen; null = the terminal's own colour (mono uses only that).
import chalk, { type ChalkInstance } from 'chalk';
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

/** Ink's colour parsing (its build/colorize.js, which it does not export): a chalk name, #hex, ansi256(n), rgb(r,g,b). */
function colorizer(color: string, layer: 'foreground' | 'background'): ChalkInstance | null {
  const bg = layer === 'background';
  if (color in chalk) {
    const name = bg ? `bg${color[0]!.toUpperCase()}${color.slice(1)}` : color;
    return (chalk as unknown as Record<string, ChalkInstance | undefined>)[name] ?? null;
  }
  if (color.startsWith('#')) return bg ? chalk.bgHex(color) : chalk.hex(color);
  const ansi = /^ansi256\(\s?(\d+)\s?\)$/.exec(color);
  if (ansi) return bg ? chalk.bgAnsi256(Number(ansi[1])) : chalk.ansi256(Number(ansi[1]));
  const rgb = /^rgb\(\s?(\d+),\s?(\d+),\s?(\d+)\s?\)$/.exec(color);
  if (rgb) {
    const [r, g, b] = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
    return bg ? chalk.bgRgb(r, g, b) : chalk.rgb(r, g, b);
  }
  return null;
}

function colored(color: Color, text: string, layer: 'foreground' | 'background'): string {
  return color === null ? text : (colorizer(color, layer)?.(text) ?? text);
}

export interface PaintStyle {
  dim?: boolean;
  /** a role's colour as the background */
  background?: ColorRole;
  bold?: boolean;
  strikethrough?: boolean;
  inverse?: boolean;
}

/**
 * `text` styled as `<Text color={colorOf(theme, role)} bold strikethrough>` would draw it, for lines built
 * as one string inside a single <Text>: Ink re-applies every nested <Text>'s styling to the whole screen on
 * every frame, changed or not, so a line of many pieces costs more as nested Texts. Styles are applied
 * in Ink's order (dim, colour, background, bold, strikethrough, inverse), so the terminal gets the same bytes.
 */
export function paint(theme: Theme, role: ColorRole | undefined, text: string, style: PaintStyle = {}): string {
  if (text === '') return text;
  let out = style.dim ? chalk.dim(text) : text;
  if (role !== undefined) out = colored(theme.colors[role], out, 'foreground');
  if (style.background !== undefined) out = colored(theme.colors[style.background], out, 'background');
  if (style.bold) out = chalk.bold(out);
  if (style.strikethrough) out = chalk.strikethrough(out);
  if (style.inverse) out = chalk.inverse(out);
  return out;
}
