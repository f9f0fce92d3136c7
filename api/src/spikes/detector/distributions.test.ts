import { describe, expect, it } from "vitest";
import { betaBinomialUpperTail, logGamma, negativeBinomialUpperTail, regularizedBeta } from "./distributions.ts";

function poissonUpperTail(k: number, mean: number): number {
  let cdf = 0;
  let term = Math.exp(-mean);
  for (let i = 0; i < k; i++) {
    cdf += term;
    term *= mean / (i + 1);
  }
  return 1 - cdf;
}

function binomialUpperTail(k: number, n: number, p: number): number {
  let sum = 0;
  for (let j = k; j <= n; j++) sum += Math.exp(logGamma(n + 1) - logGamma(j + 1) - logGamma(n - j + 1) + j * Math.log(p) + (n - j) * Math.log(1 - p));
  return sum;
}

describe("distributions", () => {
  it("logGamma matches factorials", () => {
    expect(logGamma(1)).toBeCloseTo(0, 10);
    expect(logGamma(6)).toBeCloseTo(Math.log(120), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });

  it("regularizedBeta is a CDF with the known closed forms", () => {
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(regularizedBeta(0.3, 2, 1)).toBeCloseTo(0.09, 12);
    expect(regularizedBeta(0.9, 1, 3)).toBeCloseTo(1 - 0.1 ** 3, 12);
  });

  it("negative binomial tail tends to the Poisson tail as the size grows", () => {
    for (const [k, mean] of [[10, 4], [30, 6], [3, 0.5]] as const) {
      const poisson = poissonUpperTail(k, mean);
      expect(negativeBinomialUpperTail(k, mean, 1e7) / poisson).toBeCloseTo(1, 3);
    }
  });

  it("negative binomial tail with size 1 is geometric", () => {
    // Geometric with mean m: P(Y ≥ k) = (m / (1 + m))^k.
    expect(negativeBinomialUpperTail(5, 2, 1)).toBeCloseTo((2 / 3) ** 5, 10);
  });

  it("beta-binomial tail tends to the binomial tail when the share is certain", () => {
    const exact = binomialUpperTail(12, 30, 0.2);
    expect(betaBinomialUpperTail(12, 30, 0.2 * 1e7, 0.8 * 1e7) / exact).toBeCloseTo(1, 3);
    expect(betaBinomialUpperTail(0, 30, 2, 8)).toBe(1);
    expect(betaBinomialUpperTail(31, 30, 2, 8)).toBe(0);
    // An uncertain share has the fatter tail.
    expect(betaBinomialUpperTail(12, 30, 2, 8)).toBeGreaterThan(exact);
  });
});
