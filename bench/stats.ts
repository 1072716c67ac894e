/** Spread of repeated measurements: the machine is shared and noisy, so every run counts, not the best. */
export type Spread = { min: number; median: number; max: number; runs: number[] };

export function spread(runs: number[]): Spread {
  if (runs.length === 0) throw new Error("no runs to summarise");
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted.at(-1)!, runs };
}

/** Quantile of already collected latencies (ms). */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const n = (v: number, digits: number) => v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** "median (min–max)" for a README cell. */
export function formatSpread(s: Spread, digits = 0): string {
  return `${n(s.median, digits)} (${n(s.min, digits)}–${n(s.max, digits)})`;
}

export { n as formatNumber };
