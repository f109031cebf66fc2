/** Latency summaries for the bench. */

/** A latency distribution in milliseconds. */
export interface Latency {
  /** Samples measured (a phase stops early when its time budget runs out). */
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * The nearest-rank percentile of ascending `sorted` samples: the smallest value with at least
 * `p` of the samples at or below it (p99 of 100 samples is the 99th). Throws on no samples.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile: no samples');
  if (!(p > 0 && p <= 1)) throw new RangeError(`percentile: p must be in (0, 1], got ${p}`);
  return sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)]!;
}

/** p50, p99 and max of unsorted samples (milliseconds), rounded to 0.01 ms; undefined for none. */
export function summarize(samples: readonly number[]): Latency | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  return { n: sorted.length, p50: round(percentile(sorted, 0.5)), p99: round(percentile(sorted, 0.99)), max: round(sorted[sorted.length - 1]!) };
}
