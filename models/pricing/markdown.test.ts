import { describe, expect, it } from "vitest";
import { mulberry32 } from "../util";
import { fixedScheduleDiscount, planMarkdown, salesPmf, simulateSeason } from "./markdown";
import type { MarkdownInput } from "./markdown";

const tiny = (over: Partial<MarkdownInput> = {}): MarkdownInput => ({
  stock: 10,
  weeks: 2,
  regularPrice: 10,
  unitCost: 4,
  ladder: [0, 0.5],
  minWeeksPerStep: 1,
  salvagePerUnit: 1,
  demand: (_w, d) => (d === 0 ? 3 : 8),
  ...over,
});

/** Constant-elasticity demand with a seasonal decline, as clearance stock sees it. */
function randomInput(random: () => number): MarkdownInput {
  const weeks = 6 + Math.floor(random() * 12);
  const base = 0.5 + random() * 12;
  const elasticity = -0.5 - random() * 3.5;
  const decay = 0.75 + random() * 0.25;
  const price = 10 + random() * 90;
  const ladders = [
    [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7],
    [0, 0.3, 0.5],
    [0, 0.2, 0.3, 0.5, 0.6],
  ];
  return {
    stock: Math.floor(random() * 120),
    weeks,
    regularPrice: price,
    unitCost: price * (0.2 + random() * 0.5),
    ladder: ladders[Math.floor(random() * ladders.length)]!,
    minWeeksPerStep: 1 + Math.floor(random() * 3),
    salvagePerUnit: price * random() * 0.15,
    demand: (w, d) => base * decay ** w * (1 - d) ** elasticity,
    distribution: random() < 0.5 ? { kind: "expected" } : { kind: "negativeBinomial", size: 1 + random() * 30 },
  };
}

describe("planMarkdown", () => {
  it("finds the hand-computed optimum of a two-week case", () => {
    // Hold then −50%: 3 × 10 + 7 × 5 = 65 (hold twice: 60 + 4 salvage = 64; −50% twice: 50).
    const p = planMarkdown(tiny());
    expect(p.ladder.map((w) => w.discount)).toEqual([0, 0.5]);
    expect(p.plan.revenue).toBeCloseTo(65, 9);
    expect(p.plan.units).toBeCloseTo(10, 9);
    expect(p.plan.leftover).toBeCloseTo(0, 9);
    expect(p.plan.margin).toBeCloseTo(65 - 40, 9);
    expect(p.plan.grossMargin).toBeCloseTo(65 - 40, 9);
    // The fixed schedule is at −50% with three weeks or fewer left: 8 × 5 + 2 × 5.
    expect(p.fixed.ladder.map((w) => w.discount)).toEqual([0.5, 0.5]);
    expect(p.fixed.revenue).toBeCloseTo(50, 9);
    expect(p.fixed.margin).toBeCloseTo(10, 9);
  });

  it("respects the minimum weeks per step: a step that cannot run its weeks before the sell-by date is not started", () => {
    const p = planMarkdown(tiny({ minWeeksPerStep: 2 }));
    // −50% from week 1 would run one week only, so the best is to hold (64) over −50% throughout (50).
    expect(p.ladder.map((w) => w.discount)).toEqual([0, 0]);
    expect(p.plan.revenue + p.plan.salvage).toBeCloseTo(64, 9);
  });

  it("needs no markdown without stock", () => {
    const p = planMarkdown(tiny({ stock: 0, weeks: 8 }));
    expect(p.ladder.every((w) => w.discount === 0)).toBe(true);
    expect(p.plan).toMatchObject({ units: 0, revenue: 0, leftover: 0, margin: 0 });
  });

  it("keeps the price when demand already clears the stock", () => {
    const p = planMarkdown(tiny({ stock: 5, weeks: 6, demand: (_w, d) => 4 * (1 - d) ** -2 }));
    expect(p.ladder.every((w) => w.discount === 0)).toBe(true);
    expect(p.plan.leftover).toBeCloseTo(0, 9);
  });

  it("never raises a price, runs every new step its minimum weeks, and earns at least the fixed schedule, over 300 random seasons", () => {
    const random = mulberry32(7);
    let better = 0;
    for (let trial = 0; trial < 300; trial++) {
      const input = randomInput(random);
      const p = planMarkdown(input);
      expect(p.ladder).toHaveLength(input.weeks);
      for (let w = 1; w < input.weeks; w++) expect(p.ladder[w]!.discount).toBeGreaterThanOrEqual(p.ladder[w - 1]!.discount);
      let runStart = 0;
      for (let w = 1; w <= input.weeks; w++) {
        if (w === input.weeks || p.ladder[w]!.discount !== p.ladder[w - 1]!.discount) {
          if (runStart > 0) expect(w - runStart).toBeGreaterThanOrEqual(input.minWeeksPerStep);
          runStart = w;
        }
      }
      expect(p.plan.margin).toBeGreaterThanOrEqual(p.fixed.margin - 1e-6 * Math.max(1, Math.abs(p.fixed.margin)));
      if (p.plan.margin > p.fixed.margin + 1e-6) better++;
      expect(p.plan.units + p.plan.leftover).toBeCloseTo(input.stock, 6);
      expect(p.fixed.units + p.fixed.leftover).toBeCloseTo(input.stock, 6);
    }
    // The property must be able to fail: the plan is strictly better in most seasons.
    expect(better).toBeGreaterThan(150);
  });

  it("its policy's expected outcome matches a Monte Carlo of the same demand process", () => {
    const input = { ...tiny({ stock: 60, weeks: 10, ladder: [0, 0.2, 0.4, 0.6], minWeeksPerStep: 2, demand: (w: number, d: number) => 5 * 0.9 ** w * (1 - d) ** -2 }), distribution: { kind: "negativeBinomial", size: 4 } as const };
    const p = planMarkdown(input);
    const random = mulberry32(3);
    const drawNb = (mean: number) => {
      // Gamma–Poisson by inversion of the pmf: exact for the test's small means.
      const pmf = salesPmf(mean, 400, input.distribution);
      let u = random();
      let d = 0;
      while (d < 400 && u > pmf[d]!) u -= pmf[d++]!;
      return d;
    };
    let margin = 0;
    const runs = 4000;
    for (let r = 0; r < runs; r++) margin += simulateSeason(input, input.ladder, p.decide, (w, d) => drawNb(input.demand(w, d))).margin;
    expect(margin / runs).toBeCloseTo(p.plan.margin, -1);
    expect(Math.abs(margin / runs - p.plan.margin)).toBeLessThan(0.02 * Math.abs(p.plan.margin) + 2);
  });

  it("counts large stock in packs and stays close to the exact programme", () => {
    const demand = (w: number, d: number) => 300 * 0.92 ** w * (1 - d) ** -1.8;
    const exact = planMarkdown(tiny({ stock: 1000, weeks: 8, ladder: [0, 0.3, 0.5], demand }));
    const packed = planMarkdown(tiny({ stock: 4000, weeks: 8, ladder: [0, 0.3, 0.5], demand: (w, d) => 4 * demand(w, d) }));
    expect(exact.unitsPerState).toBe(1);
    expect(packed.unitsPerState).toBe(4);
    expect(packed.plan.margin / 4).toBeCloseTo(exact.plan.margin, -1);
  });

  it("rejects bad input with what is wrong", () => {
    expect(() => planMarkdown(tiny({ stock: 2.5 }))).toThrow(/stock must be a whole number/);
    expect(() => planMarkdown(tiny({ ladder: [0.3, 0.1] }))).toThrow(/strictly ascending/);
    expect(() => planMarkdown(tiny({ weeks: 0 }))).toThrow(/weeks/);
    expect(() => planMarkdown(tiny({ demand: () => Number.NaN }))).toThrow(/demand\(\d+, 0\) must be a finite number/);
  });
});

describe("the fixed schedule and the sales distribution", () => {
  it("is −30% from six weeks left and −50% from three, never below the current discount", () => {
    expect([8, 7, 6, 5, 4, 3, 2, 1].map((l) => fixedScheduleDiscount(l, 0))).toEqual([0, 0, 0.3, 0.3, 0.3, 0.5, 0.5, 0.5]);
    expect(fixedScheduleDiscount(8, 0.4)).toBe(0.4);
    expect(fixedScheduleDiscount(5, 0.4)).toBe(0.4);
  });

  it("sums to one with the mass beyond the stock lumped at the stock, and keeps the mean", () => {
    for (const dist of [{ kind: "expected" } as const, { kind: "negativeBinomial", size: 3 } as const, { kind: "negativeBinomial", size: Infinity } as const]) {
      const pmf = salesPmf(7.3, 500, dist);
      expect(pmf.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      expect(pmf.reduce((a, p, d) => a + p * d, 0)).toBeCloseTo(7.3, 5);
      const capped = salesPmf(7.3, 4, dist);
      expect(capped.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
    // Large means do not underflow.
    expect(salesPmf(2000, 5000, { kind: "negativeBinomial", size: Infinity }).reduce((a, p, d) => a + p * d, 0)).toBeCloseTo(2000, 3);
  });
});
