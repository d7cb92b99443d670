// The signals the kill dialog offers, with their Linux numbers.
export const SIGNALS = {
  TERM: 15,
  KILL: 9,
  INT: 2,
  HUP: 1,
  QUIT: 3,
  USR1: 10,
  USR2: 12,
} as const;

export type SignalName = keyof typeof SIGNALS;

/** In the order the dialog lists them; TERM is the default. */
export const SIGNAL_NAMES = Object.keys(SIGNALS) as SignalName[];

/** Accepts "TERM", "SIGTERM", "sigterm" or "15"; null for anything else. */
export function parseSignal(text: string): { name: SignalName; number: number } | null {
  const upper = text.trim().toUpperCase().replace(/^SIG/, '');
  if (upper in SIGNALS) return { name: upper as SignalName, number: SIGNALS[upper as SignalName] };
  const n = Number(upper);
  const entry = Object.entries(SIGNALS).find(([, v]) => v === n);
  return entry ? { name: entry[0] as SignalName, number: n } : null;
}
