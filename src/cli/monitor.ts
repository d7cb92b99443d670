// The interactive monitor: wired in by the sync engine and UI.
import type { Options } from './options.js';
import type { Io } from './main.js';

export async function runMonitor(_options: Options, _io: Io): Promise<void> {
  throw new Error('the interactive monitor is not wired yet; use --batch');
}
