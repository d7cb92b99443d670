// Which theme to use: NO_COLOR forces mono; otherwise --theme, then CTOP_THEME, then the config file
// ($XDG_CONFIG_HOME/ctop-ts/config.json, else ~/.config/ctop-ts/config.json: { "theme": "light" }),
// then "default". A theme is a name from the themes/ folder or a path to a JSON file.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ownPackage } from '../../package-root.js';
import { parseTheme, type Theme } from './theme.js';

export interface ThemeSources {
  /** the --theme option */
  option?: string | undefined;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export function configPath(env: NodeJS.ProcessEnv, home: string): string {
  const base = env['XDG_CONFIG_HOME'] || join(home, '.config');
  return join(base, 'ctop-ts', 'config.json');
}

function themeFromConfig(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const config = JSON.parse(readFileSync(path, 'utf8')) as { theme?: unknown };
    return typeof config.theme === 'string' ? config.theme : undefined;
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
}

export function resolveThemeName({ option, env = process.env, home = homedir() }: ThemeSources = {}): string {
  // https://no-color.org: set and non-empty means no colour, whatever else asks for
  if (env['NO_COLOR']) return 'mono';
  return option || env['CTOP_THEME'] || themeFromConfig(configPath(env, home)) || 'default';
}

/** The themes/ folder ships next to package.json. */
function themesDir(): string {
  return join(ownPackage().root, 'themes');
}

export function loadTheme(nameOrPath: string): Theme {
  const path = nameOrPath.endsWith('.json') ? nameOrPath : join(themesDir(), `${nameOrPath}.json`);
  if (!existsSync(path)) throw new Error(`unknown theme "${nameOrPath}" (built in: default, light, mono; or a path to a .json file)`);
  return parseTheme(JSON.parse(readFileSync(path, 'utf8')), nameOrPath);
}

/** For the CLI: the theme the options, environment and config file ask for. Throws with a readable message. */
export function resolveTheme(sources: ThemeSources = {}): Theme {
  return loadTheme(resolveThemeName(sources));
}
