// Pure formatting of figures for narrow table cells. "-" means unknown or unlimited, never a huge number.

const UNITS = ['B', 'K', 'M', 'G', 'T', 'P'];

/** 1536 → "1.5K", 67108864 → "64M" (binary units, as top and ctop print them). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '-';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value}B`;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)}${UNITS[unit]}`;
}

export function formatRate(bytesPerSecond: number | null | undefined): string {
  const text = formatBytes(bytesPerSecond === null || bytesPerSecond === undefined ? null : Math.round(bytesPerSecond));
  return text === '-' ? text : `${text}/s`;
}

export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '-';
  return percent >= 100 ? String(Math.round(percent)) : percent.toFixed(1);
}

/** k9s-style age: 42s, 5m, 3h, 12d, 2y. */
export function formatAge(since: Date | null | undefined, now: number): string {
  if (!since) return '-';
  const seconds = Math.max(0, Math.floor((now - since.getTime()) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 730) return `${days}d`;
  return `${Math.floor(days / 365)}y`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A time by which formatAge(since, t) may show something else than at `now`: the end of the unit it
 * counts in (never later than the change, sometimes earlier: a re-check then finds the same text).
 */
export function ageChangesAt(since: Date | null | undefined, now: number): number {
  if (!since) return Infinity;
  const elapsed = Math.max(0, now - since.getTime());
  const unit = ageUnit(elapsed);
  return Math.max(now, since.getTime()) + unit - (elapsed % unit);
}

/**
 * When to redraw an age shown at `now`: its next change (ageChangesAt), rounded up to a tenth of the unit
 * it counts in, at least a second. The rows on screen, whose ages change at scattered times, are then
 * redrawn together (at most once a second while they count seconds), each at most a tenth of a unit late.
 */
export function ageRedrawAt(since: Date | null | undefined, now: number): number {
  if (!since) return Infinity;
  const grid = Math.max(SECOND, ageUnit(Math.max(0, now - since.getTime())) / 10);
  return Math.ceil(ageChangesAt(since, now) / grid) * grid;
}

/** The unit formatAge counts an age of `elapsed` ms in. */
function ageUnit(elapsed: number): number {
  return elapsed < 120 * SECOND ? SECOND : elapsed < 120 * MINUTE ? MINUTE : elapsed < 48 * HOUR ? HOUR : DAY;
}

/** sha256:abcdef0123456789… → abcdef012345 */
export function shortDigest(digest: string): string {
  const hex = digest.includes(':') ? digest.slice(digest.indexOf(':') + 1) : digest;
  return hex.slice(0, 12);
}

export function formatTime(date: Date): string {
  return date.toISOString().slice(11, 19);
}
