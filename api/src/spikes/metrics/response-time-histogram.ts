/**
 * First-response delays are kept as a histogram per bucket, because medians do not add up
 * across buckets and histograms do. Upper bounds in seconds; the last bin is open-ended. The
 * bins follow support targets: minutes in the first hour, then hours up to the 72 h after which
 * a platform dispute starts.
 */
export const RESPONSE_BIN_UPPER_SECONDS = [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 43_200, 86_400, 172_800, 259_200, Infinity] as const;

export function responseBin(seconds: number): number {
  const index = RESPONSE_BIN_UPPER_SECONDS.findIndex((upper) => seconds < upper);
  return index === -1 ? RESPONSE_BIN_UPPER_SECONDS.length - 1 : index;
}

/** A histogram with one response in the bin of `seconds`. */
export function singleResponseHistogram(seconds: number): number[] {
  return RESPONSE_BIN_UPPER_SECONDS.map((_, i) => (i === responseBin(seconds) ? 1 : 0));
}

/**
 * The median from a histogram, interpolated linearly inside its bin (the open last bin reports
 * its lower bound). Null when there is no response.
 */
export function histogramMedian(histogram: readonly number[]): number | null {
  const total = histogram.reduce((n, c) => n + c, 0);
  if (total <= 0) return null;
  const half = total / 2;
  let seen = 0;
  for (let i = 0; i < RESPONSE_BIN_UPPER_SECONDS.length; i++) {
    const count = histogram[i] ?? 0;
    const lower = i === 0 ? 0 : RESPONSE_BIN_UPPER_SECONDS[i - 1]!;
    const upper = RESPONSE_BIN_UPPER_SECONDS[i]!;
    if (count > 0 && seen + count >= half) {
      if (!Number.isFinite(upper)) return lower;
      return lower + ((half - seen) / count) * (upper - lower);
    }
    seen += count;
  }
  return null;
}
