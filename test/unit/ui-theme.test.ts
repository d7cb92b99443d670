import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTheme, resolveTheme, resolveThemeName } from '../../src/ui/theme/load.js';
import { COLOR_ROLES } from '../../src/ui/theme/theme.js';

function configHome(theme: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctop-theme-'));
  mkdirSync(join(dir, 'ctop-ts'));
  writeFileSync(join(dir, 'ctop-ts', 'config.json'), JSON.stringify({ theme }));
  return dir;
}

test('theme choice: NO_COLOR, then --theme, then CTOP_THEME, then the config file, then default', () => {
  const xdg = configHome('light');
  const home = mkdtempSync(join(tmpdir(), 'ctop-home-'));
  assert.equal(resolveThemeName({ option: 'light', env: { NO_COLOR: '1', CTOP_THEME: 'light' }, home }), 'mono');
  assert.equal(resolveThemeName({ option: 'mono', env: { CTOP_THEME: 'light', XDG_CONFIG_HOME: xdg }, home }), 'mono');
  assert.equal(resolveThemeName({ env: { CTOP_THEME: 'mono', XDG_CONFIG_HOME: xdg }, home }), 'mono');
  assert.equal(resolveThemeName({ env: { XDG_CONFIG_HOME: xdg }, home }), 'light');
  assert.equal(resolveThemeName({ env: {}, home }), 'default');
  assert.equal(resolveThemeName({ env: { NO_COLOR: '' }, home }), 'default', 'an empty NO_COLOR does not count');
});

test('the config file falls back to ~/.config', () => {
  const home = mkdtempSync(join(tmpdir(), 'ctop-home-'));
  mkdirSync(join(home, '.config', 'ctop-ts'), { recursive: true });
  writeFileSync(join(home, '.config', 'ctop-ts', 'config.json'), '{ "theme": "mono" }');
  assert.equal(resolveThemeName({ env: {}, home }), 'mono');
});

test('built-in themes load with every role; mono has no colours at all', () => {
  for (const name of ['default', 'light', 'mono']) {
    const theme = loadTheme(name);
    assert.deepEqual(Object.keys(theme.colors).sort(), [...COLOR_ROLES].sort());
  }
  assert.ok(Object.values(loadTheme('mono').colors).every((c) => c === null));
  assert.equal(loadTheme('default').colors.selectedBg, 'cyan');
  assert.equal(resolveTheme({ env: { NO_COLOR: '1' } }).name, 'mono');
});

test('a theme can be a JSON file; unknown names fail with the choices', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctop-theme-file-'));
  const path = join(dir, 'mine.json');
  writeFileSync(path, JSON.stringify({ name: 'mine', colors: { warn: '#ff8800', bogus: 'red', ok: 42 } }));
  const theme = loadTheme(path);
  assert.equal(theme.colors.warn, '#ff8800');
  assert.equal(theme.colors.ok, null);
  assert.throws(() => loadTheme('solarized'), /unknown theme "solarized" \(built in: default, light, mono/);
});
