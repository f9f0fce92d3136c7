/**
 * The tail probabilities the surge tests need, in plain TypeScript: the negative binomial (a
 * Poisson count whose rate is itself uncertain) and the beta-binomial (a share whose baseline
 * is uncertain). Accurate to well below the thresholds used (p ≈ 1e-7), which is all that
 * matters here.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(1 - x) - logBeta(a, b));
  // The continued fraction converges fast only on one side of the mean; use symmetry on the other.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * P(Y ≥ y) for Y ~ NegativeBinomial(mean, size): a Poisson count whose rate is Gamma-distributed
 * with shape `size`. `y` may be fractional (the test scales counts by their dispersion); the
 * continuous extension P(Y ≥ y) = I_{mean/(mean+size)}(y, size) is used.
 */
export function negativeBinomialUpperTail(y: number, mean: number, size: number): number {
  if (y <= 0) return 1;
  if (mean <= 0) return 0;
  return regularizedBeta(mean / (mean + size), y, size);
}

/**
 * P(K ≥ k) for K ~ BetaBinomial(n, alpha, beta): how often at least k of n messages would carry
 * an issue label if the share followed the baseline, whose own uncertainty is Beta(alpha, beta).
 */
export function betaBinomialUpperTail(k: number, n: number, alpha: number, beta: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  const logNorm = logBeta(alpha, beta);
  const logChooseN = logGamma(n + 1);
  const logTerm = (j: number) =>
    logChooseN - logGamma(j + 1) - logGamma(n - j + 1) + logBeta(j + alpha, n - j + beta) - logNorm;
  // Terms fall off past the mode; sum from k until they stop mattering.
  const first = logTerm(k);
  let sum = 0;
  for (let j = k; j <= n; j++) {
    const term = Math.exp(logTerm(j) - first);
    sum += term;
    if (term < 1e-17 * sum && j > k + 5) break;
  }
  return Math.min(1, Math.exp(first) * sum);
}

/** −log10 p, capped so that an underflowed p of 0 reads as a very large but finite surprise. */
export function surprise(p: number): number {
  return -Math.log10(Math.max(p, 1e-300));
}
