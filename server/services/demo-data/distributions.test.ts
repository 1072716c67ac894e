import { describe, expect, it } from "vitest";
import { sampleGamma, sampleNegativeBinomial, samplePoisson } from "./distributions";
import { Rng } from "./prng";

function moments(draw: () => number, n = 40_000) {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    squares += x * x;
  }
  const mean = sum / n;
  return { mean, variance: squares / n - mean * mean };
}

describe("seeded random numbers", () => {
  it("repeat for the same seed and labels, and differ between streams", () => {
    const a = new Rng(42, "demand", "S01", "DAI-001");
    const b = new Rng(42, "demand", "S01", "DAI-001");
    const c = new Rng(42, "demand", "S01", "DAI-002");
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it("sample distinct indices", () => {
    const picked = new Rng(1, "sample").sample(10, 4);
    expect(new Set(picked).size).toBe(4);
    for (const i of picked) expect(i >= 0 && i < 10).toBe(true);
  });
});

describe("distributions", () => {
  const rng = new Rng(7, "distributions");

  it.each([0.3, 4, 25, 400])("Poisson(%d) has mean and variance λ", (lambda) => {
    const { mean, variance } = moments(() => samplePoisson(rng, lambda));
    expect(mean / lambda).toBeCloseTo(1, 1);
    expect(variance / lambda).toBeCloseTo(1, 1);
  });

  it.each([0.5, 3])("Gamma(%d) has mean and variance equal to its shape", (shape) => {
    const { mean, variance } = moments(() => sampleGamma(rng, shape));
    expect(mean / shape).toBeCloseTo(1, 1);
    expect(variance / shape).toBeCloseTo(1, 1);
  });

  it("negative binomial is over-dispersed: variance μ + μ²/k", () => {
    const mu = 8;
    const k = 3;
    const { mean, variance } = moments(() => sampleNegativeBinomial(rng, mu, k));
    expect(mean / mu).toBeCloseTo(1, 1);
    expect(variance / (mu + (mu * mu) / k)).toBeCloseTo(1, 1);
  });
});
