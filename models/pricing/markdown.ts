/**
 * Markdown (clearance) planning: which discount to run each week until a sell-by date so that the
 * revenue of what sells plus the salvage value of what is left is highest. A stochastic dynamic
 * programme over (week, units on hand, current ladder step, weeks on that step): weekly demand is
 * a distribution around the response function's mean, sales are min(stock, demand), prices only
 * go down the ladder and every new step lasts at least the minimum number of weeks.
 */

/**
 * Weekly demand around its mean. `expected`: sales = min(stock, mean), the mean split between the
 * two neighbouring whole units (so integer means are exact). `negativeBinomial`: over-dispersed
 * counts with variance μ + μ²/size (size = Infinity is Poisson).
 */
export type DemandDistribution = { kind: "expected" } | { kind: "negativeBinomial"; size: number };

export type MarkdownInput = {
  /** Units on hand at the start of week 0 (whole units). */
  stock: number;
  /** Weeks until the sell-by date; week `weeks − 1` is the last selling week. */
  weeks: number;
  /** Price before any discount. */
  regularPrice: number;
  unitCost: number;
  /** Allowed discounts off the regular price, ascending; the first is the one running now. */
  ladder: readonly number[];
  /** A new step must run at least this many weeks (and so cannot start closer to the sell-by date). */
  minWeeksPerStep: number;
  /** Value recovered per unit left at the sell-by date (jobber, outlet). */
  salvagePerUnit: number;
  /** Mean units demanded in a week (0-based) at a discount. */
  demand: (week: number, discount: number) => number;
  distribution?: DemandDistribution;
};

/** Expected result of a markdown policy over the season. */
export type MarkdownOutcome = {
  units: number;
  revenue: number;
  /** Expected units left at the sell-by date. */
  leftover: number;
  salvage: number;
  /** Revenue + salvage − unit cost × the whole stock (the season's profit on the stock on hand). */
  margin: number;
  /** Revenue − unit cost × units sold. */
  grossMargin: number;
};

export type MarkdownWeek = {
  week: number;
  weeksLeft: number;
  discount: number;
  price: number;
  /** Expected units on hand at the start of the week, and expected sales in it. */
  stock: number;
  units: number;
};

export type MarkdownPlan = {
  /** The plan's steps week by week, along the path where every week sells its expected units. */
  ladder: MarkdownWeek[];
  /** Expected outcome when the plan is followed and re-decided each week from the stock actually left. */
  plan: MarkdownOutcome;
  /** Expected outcome of the fixed schedule (see `fixedScheduleDiscount`) under the same demand. */
  fixed: MarkdownOutcome & { ladder: MarkdownWeek[] };
  /** Stock was counted in packs of this many units to keep the programme small (1 = exact). */
  unitsPerState: number;
  /** The step index (into `ladder`) the policy runs in a week given stock on hand, current step and weeks on it. */
  decide: (week: number, stock: number, step: number, weeksOnStep: number) => number;
};

/** Stock levels the programme tracks exactly; more stock is counted in packs. */
export const MAX_STOCK_STATES = 1000;
/** Demand mass below this is dropped from a week's distribution (the rest renormalised). */
const TAIL = 1e-9;

/** The common fixed clearance schedule the plan is compared with: −30% from 6 weeks left, −50% from 3 weeks left. */
export const FIXED_SCHEDULE: readonly { weeksLeft: number; discount: number }[] = [
  { weeksLeft: 6, discount: 0.3 },
  { weeksLeft: 3, discount: 0.5 },
];

export function fixedScheduleDiscount(weeksLeft: number, current: number): number {
  let discount = current;
  for (const s of FIXED_SCHEDULE) if (weeksLeft <= s.weeksLeft) discount = Math.max(discount, s.discount);
  return discount;
}

function validate(input: MarkdownInput): void {
  const bad = (what: string) => {
    throw new RangeError(`markdown: ${what}`);
  };
  if (!Number.isInteger(input.stock) || input.stock < 0) bad(`stock must be a whole number ≥ 0 (got ${input.stock})`);
  if (!Number.isInteger(input.weeks) || input.weeks < 1 || input.weeks > 104) bad(`weeks must be a whole number from 1 to 104 (got ${input.weeks})`);
  if (!(input.regularPrice > 0)) bad("regularPrice must be positive");
  if (!(input.unitCost >= 0)) bad("unitCost must be ≥ 0");
  if (!(input.salvagePerUnit >= 0)) bad("salvagePerUnit must be ≥ 0");
  if (!Number.isInteger(input.minWeeksPerStep) || input.minWeeksPerStep < 1) bad("minWeeksPerStep must be a whole number ≥ 1");
  if (input.ladder.length === 0) bad("the ladder needs at least one discount");
  input.ladder.forEach((d, k) => {
    if (!(d >= 0 && d < 1)) bad(`ladder discounts must be in [0, 1) (got ${d})`);
    if (k > 0 && !(d > input.ladder[k - 1]!)) bad("ladder discounts must be strictly ascending");
  });
  const dist = input.distribution;
  if (dist?.kind === "negativeBinomial" && !(dist.size > 0)) bad("negative binomial size must be positive");
}

/**
 * Probabilities of selling 0…cap units in a week of mean `mean`, the mass at and above `cap`
 * lumped into `cap` (sales cannot exceed the stock, so more demand is the same as `cap`).
 */
export function salesPmf(mean: number, cap: number, distribution: DemandDistribution): Float64Array {
  const pmf = new Float64Array(cap + 1);
  if (!(mean > 0) || cap === 0) {
    pmf[0] = 1;
    return pmf;
  }
  if (distribution.kind === "expected") {
    const lo = Math.floor(mean);
    const frac = mean - lo;
    pmf[Math.min(lo, cap)]! += 1 - frac;
    pmf[Math.min(lo + 1, cap)]! += frac;
    return pmf;
  }
  // Log-space recursion: P(0) underflows for large means.
  const r = distribution.size;
  const poisson = !Number.isFinite(r);
  let logP = poisson ? -mean : r * Math.log(r / (r + mean));
  const logQ = poisson ? Math.log(mean) : Math.log(mean / (r + mean));
  let total = 0;
  for (let d = 0; d < cap; d++) {
    const p = Math.exp(logP);
    pmf[d] = p;
    total += p;
    if (d > mean && p < TAIL) break;
    logP += logQ + Math.log(poisson ? 1 / (d + 1) : (d + r) / (d + 1));
  }
  pmf[cap] = Math.max(0, 1 - total);
  return pmf;
}

/** A week's sales distribution and the highest count below the cap with any mass (loops stop there). */
type Pmf = { p: Float64Array; hi: number };

type Setup = {
  states: number;
  pack: number;
  /** pmf(week, discount) over sales in packs, cached per week × discount. */
  pmf: (week: number, discount: number) => Pmf;
};

function setup(input: MarkdownInput): Setup {
  // Beyond MAX_STOCK_STATES units, stock and demand are counted in packs (an approximation).
  const pack = Math.max(1, Math.ceil(input.stock / MAX_STOCK_STATES));
  const states = Math.round(input.stock / pack);
  const dist = input.distribution ?? { kind: "expected" };
  const cache = new Map<string, Pmf>();
  const pmf = (week: number, discount: number) => {
    const key = `${week}:${discount}`;
    let out = cache.get(key);
    if (!out) {
      const mean = input.demand(week, discount);
      if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`markdown: demand(${week}, ${discount}) must be a finite number ≥ 0 (got ${mean})`);
      const p = salesPmf(mean / pack, states, dist);
      let hi = Math.max(0, states - 1);
      while (hi > 0 && p[hi] === 0) hi--;
      out = { p, hi };
      cache.set(key, out);
    }
    return out;
  };
  return { states, pack, pmf };
}

/**
 * Expected outcome of a policy, by propagating the distribution of (stock, step, weeks on step)
 * forward week by week. `choose` returns the step to run given the state at the start of a week.
 */
function evaluate(input: MarkdownInput, s: Setup, discounts: readonly number[], m: number, choose: (week: number, stock: number, step: number, age: number) => number): MarkdownOutcome & { ladder: MarkdownWeek[] } {
  const { states, pack } = s;
  const K = discounts.length;
  const idx = (k: number, a: number) => k * m + (a - 1);
  let dist = Array.from({ length: K * m }, () => new Float64Array(states + 1));
  dist[idx(0, m)]![states] = 1;
  let units = 0;
  let revenue = 0;
  // The displayed ladder follows the path where each week sells its expected units.
  let pathStock = states;
  let pathStep = 0;
  let pathAge = m;
  const ladder: MarkdownWeek[] = [];
  for (let w = 0; w < input.weeks; w++) {
    const next = Array.from({ length: K * m }, () => new Float64Array(states + 1));
    let weekUnits = 0;
    let weekStock = 0;
    for (let k = 0; k < K; k++) {
      for (let a = 1; a <= m; a++) {
        const from = dist[idx(k, a)]!;
        for (let st = 0; st <= states; st++) {
          const mass = from[st]!;
          if (mass === 0) continue;
          weekStock += mass * st;
          const k2 = choose(w, st, k, a);
          const a2 = k2 === k ? Math.min(a + 1, m) : 1;
          const price = input.regularPrice * (1 - discounts[k2]!);
          const { p: pmf, hi } = s.pmf(w, discounts[k2]!);
          const to = next[idx(k2, a2)]!;
          let below = 0;
          for (let d = 0; d < st && d <= hi; d++) {
            const p = pmf[d]!;
            below += p;
            to[st - d]! += mass * p;
            weekUnits += mass * p * d;
            revenue += mass * p * d * pack * price;
          }
          // Demand at or beyond the stock sells all of it.
          const rest = Math.max(0, 1 - below);
          to[0]! += mass * rest;
          weekUnits += mass * rest * st;
          revenue += mass * rest * st * pack * price;
        }
      }
    }
    const k2 = choose(w, pathStock, pathStep, pathAge);
    const expectedSales = expectedMin(s.pmf(w, discounts[k2]!).p, pathStock);
    ladder.push({ week: w, weeksLeft: input.weeks - w, discount: discounts[k2]!, price: round2(input.regularPrice * (1 - discounts[k2]!)), stock: weekStock * pack, units: weekUnits * pack });
    pathAge = k2 === pathStep ? Math.min(pathAge + 1, m) : 1;
    pathStep = k2;
    pathStock = Math.max(0, pathStock - Math.round(expectedSales));
    units += weekUnits * pack;
    dist = next;
  }
  let leftover = 0;
  for (const d of dist) for (let st = 0; st <= states; st++) leftover += d[st]! * st * pack;
  const salvage = leftover * input.salvagePerUnit;
  return { units, revenue, leftover, salvage, margin: revenue + salvage - input.unitCost * input.stock, grossMargin: revenue - input.unitCost * units, ladder };
}

function expectedMin(pmf: Float64Array, stock: number): number {
  let e = 0;
  for (let d = 0; d < pmf.length; d++) e += pmf[d]! * Math.min(d, stock);
  return e;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * The margin-maximising markdown ladder (see the file comment) and the fixed schedule's outcome
 * under the same demand. Exact for up to `MAX_STOCK_STATES` units; beyond, stock moves in packs.
 * Ties keep the higher price (no markdown unless it earns more).
 */
export function planMarkdown(input: MarkdownInput): MarkdownPlan {
  validate(input);
  const s = setup(input);
  const { states, pack } = s;
  const W = input.weeks;
  const K = input.ladder.length;
  const m = input.minWeeksPerStep;
  const idx = (k: number, a: number) => k * m + (a - 1);
  const salvage = input.salvagePerUnit * pack;
  // V[k,a][stock] at the start of week w+1; terminal value is the salvage of what is left.
  let V = Array.from({ length: K * m }, () => Float64Array.from({ length: states + 1 }, (_, st) => st * salvage));
  const policy: Int8Array[][] = [];
  const q = Array.from({ length: K * m }, () => new Float64Array(states + 1));
  for (let w = W - 1; w >= 0; w--) {
    // Q[k',a'][stock]: run step k' this week, arriving at weeks-on-step a'.
    for (let k = 0; k < K; k++) {
      const price = input.regularPrice * (1 - input.ladder[k]!) * pack;
      const { p: pmf, hi } = s.pmf(w, input.ladder[k]!);
      for (let a = 1; a <= m; a++) {
        const v = V[idx(k, a)]!;
        const out = q[idx(k, a)]!;
        for (let st = 0; st <= states; st++) {
          let value = 0;
          let below = 0;
          for (let d = 0; d < st && d <= hi; d++) {
            const p = pmf[d]!;
            below += p;
            value += p * (price * d + v[st - d]!);
          }
          value += Math.max(0, 1 - below) * (price * st + v[0]!);
          out[st] = value;
        }
      }
    }
    const canStart = W - w >= m;
    const nextV = Array.from({ length: K * m }, () => new Float64Array(states + 1));
    const weekPolicy: Int8Array[] = [];
    for (let k = 0; k < K; k++) {
      for (let a = 1; a <= m; a++) {
        const stay = q[idx(k, Math.min(a + 1, m))]!;
        const out = nextV[idx(k, a)]!;
        const choice = new Int8Array(states + 1).fill(k);
        for (let st = 0; st <= states; st++) {
          let best = stay[st]!;
          if (a >= m && canStart) {
            for (let k2 = k + 1; k2 < K; k2++) {
              const v = q[idx(k2, 1)]![st]!;
              if (v > best + 1e-9 * Math.max(1, Math.abs(best))) {
                best = v;
                choice[st] = k2;
              }
            }
          }
          out[st] = best;
        }
        weekPolicy[idx(k, a)] = choice;
      }
    }
    policy[w] = weekPolicy;
    V = nextV;
  }
  const decide = (week: number, stock: number, step: number, weeksOnStep: number) => {
    const st = Math.min(states, Math.ceil(stock / pack));
    return policy[week]![idx(step, Math.min(Math.max(weeksOnStep, 1), m))]![st]!;
  };
  const planned = evaluate(input, s, input.ladder, m, (w, st, k, a) => policy[w]![idx(k, a)]![st]!);
  const fixedSteps = [...new Set([input.ladder[0]!, ...FIXED_SCHEDULE.map((f) => Math.max(f.discount, input.ladder[0]!))])].sort((a, b) => a - b);
  const fixed = evaluate(input, s, fixedSteps, 1, (w, _st, k) => Math.max(k, fixedSteps.indexOf(fixedScheduleDiscount(W - w, input.ladder[0]!))));
  const { ladder, ...plan } = planned;
  return { ladder, plan, fixed, unitsPerState: pack, decide };
}

/**
 * Realised outcome of one season: `sell(week, discount, stock)` draws the units sold, and
 * `choose(week, stock, current discount index, weeks on it)` picks the step. Used to check a plan
 * against draws from a demand process other than the one it was planned on.
 */
export function simulateSeason(input: Pick<MarkdownInput, "stock" | "weeks" | "regularPrice" | "unitCost" | "salvagePerUnit">, discounts: readonly number[], choose: (week: number, stock: number, step: number, weeksOnStep: number) => number, sell: (week: number, discount: number, stock: number) => number): MarkdownOutcome {
  let stock = input.stock;
  let step = 0;
  let age = Number.MAX_SAFE_INTEGER;
  let units = 0;
  let revenue = 0;
  for (let w = 0; w < input.weeks; w++) {
    const k = choose(w, stock, step, age);
    if (k < step) throw new RangeError("markdown: a policy raised the price");
    age = k === step ? age + 1 : 1;
    step = k;
    const sold = Math.min(stock, Math.max(0, Math.round(sell(w, discounts[k]!, stock))));
    stock -= sold;
    units += sold;
    revenue += sold * input.regularPrice * (1 - discounts[k]!);
  }
  const salvage = stock * input.salvagePerUnit;
  return { units, revenue, leftover: stock, salvage, margin: revenue + salvage - input.unitCost * input.stock, grossMargin: revenue - input.unitCost * units };
}
