// Small helpers shared by the bench modules (waiting and pooling come from the test helpers).

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function log(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}
