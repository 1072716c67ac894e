import { predict } from "../gbdt";
import type { GbdtModel } from "../gbdt";

/** Predictions for `nRows` row-major float32 rows, e.g. `OnnxForecaster.predict`. */
export type BatchPredictor = (features: Float32Array, nRows: number) => ArrayLike<number> | Promise<ArrayLike<number>>;

export interface ControllableFeature {
  feature: number;
  min: number;
  max: number;
  /** Grid spacing from `min`; without it, a GBDT model's own split points are used (exact), or 20 steps for a predictor. */
  step?: number;
}

export interface CounterfactualOptions {
  controllable: ControllableFeature[];
  target: number;
  /** "increase": reach prediction >= target; "decrease": reach prediction <= target. */
  direction: "increase" | "decrease";
  /** Evaluates candidates when `source` is a model (e.g. through onnxruntime); defaults to the model's TS evaluation. */
  predict?: BatchPredictor;
  /** Most candidate combinations searched exhaustively (default 100,000); beyond it a greedy search runs. */
  maxEvaluations?: number;
}

export interface FeatureChange {
  feature: number;
  from: number;
  to: number;
}

export type CounterfactualResult =
  | {
      found: true;
      row: Float32Array;
      prediction: number;
      changes: FeatureChange[];
      /** Sum over changed features of |to − from| / (max − min); setting a missing value costs 1. */
      distance: number;
      search: SearchKind;
      evaluated: number;
    }
  | { found: false; reason: string; bestPrediction: number; search: SearchKind; evaluated: number };

/**
 * What the answer guarantees. "exact": every combination of a GBDT model's split points was tried,
 * so no smaller change exists among all float32 inputs within the bounds (and none exists at all
 * when not found). "grid": every combination of grid values (`step`, or 20 steps for a predictor)
 * was tried. "greedy": the grid was too large; a coordinate search ran, without guarantees.
 */
export type SearchKind = "exact" | "grid" | "greedy";

const DEFAULT_MAX_EVALUATIONS = 100_000;
const PREDICTOR_GRID_STEPS = 20;
const BATCH_ROWS = 4096;

/**
 * Smallest change of the controllable features (normalised L1) that moves the prediction to the
 * target. For a GBDT model without `step`, candidates are the current value, the bounds and both
 * sides of every split threshold inside them: the prediction is constant between thresholds, so
 * an exhaustive search over these candidates is exact over all float32 inputs within the bounds
 * (categorical features try their training categories). `search` in the result says which
 * guarantee holds.
 */
export async function findCounterfactual(source: GbdtModel | BatchPredictor, row: Float32Array, options: CounterfactualOptions): Promise<CounterfactualResult> {
  const model = typeof source === "function" ? undefined : source;
  const predictor: BatchPredictor = options.predict ?? (typeof source === "function" ? source : (x, n) => predict(source, { data: x, nRows: n, nFeatures: row.length }));
  validate(row, options);
  const candidates = options.controllable.map((c) => candidateValues(c, row[c.feature]!, model));
  const costs = options.controllable.map((c, k) => candidates[k]!.map((v) => changeCost(row[c.feature]!, v, c)));
  const reaches = (p: number) => (options.direction === "increase" ? p >= options.target : p <= options.target);
  const better = (p: number, q: number) => (options.direction === "increase" ? p > q : p < q);
  const evaluator = new CandidateEvaluator(row, options.controllable, predictor);
  const combinations = candidates.reduce((n, values) => n * values.length, 1);
  const search: SearchKind =
    combinations > (options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS) ? "greedy" : model && options.controllable.every((c) => c.step === undefined) ? "exact" : "grid";
  const best = search === "greedy" ? await searchGreedy(evaluator, candidates, costs, reaches, better) : await searchAll(evaluator, candidates, costs, reaches, better);
  if (!best.found) {
    const bound = `${options.direction === "increase" ? ">=" : "<="} ${options.target}`;
    const reasons: Record<SearchKind, string> = {
      exact: `no values of the controllable features within their bounds bring the prediction ${bound}`,
      grid: `no point of the search grid brings the prediction ${bound}`,
      greedy: `the greedy search found no change bringing the prediction ${bound}; the grid was too large to rule one out`,
    };
    return { found: false, reason: `${reasons[search]} (closest: ${best.prediction})`, bestPrediction: best.prediction, search, evaluated: evaluator.evaluated };
  }
  const changed = evaluator.rowFor(best.choice.map((i, k) => candidates[k]![i]!));
  const changes = options.controllable
    .map(({ feature }) => ({ feature, from: row[feature]!, to: changed[feature]! }))
    .filter(({ from, to }) => !Object.is(from, to) && !(Number.isNaN(from) && Number.isNaN(to)));
  return { found: true, row: changed, prediction: best.prediction, changes, distance: best.distance, search, evaluated: evaluator.evaluated };
}

type Search = { found: true; choice: number[]; prediction: number; distance: number } | { found: false; prediction: number };

async function searchAll(
  evaluator: CandidateEvaluator,
  candidates: number[][],
  costs: number[][],
  reaches: (p: number) => boolean,
  better: (p: number, q: number) => boolean,
): Promise<Search> {
  let best: Search = { found: false, prediction: Number.NaN };
  const choice = candidates.map(() => 0);
  for (let done = false; !done; ) {
    const batch: number[][] = [];
    while (!done && batch.length < BATCH_ROWS) {
      batch.push([...choice]);
      done = !advance(choice, candidates);
    }
    const predictions = await evaluator.evaluate(batch.map((c) => c.map((i, k) => candidates[k]![i]!)));
    batch.forEach((c, b) => {
      const p = predictions[b]!;
      const distance = c.reduce((sum, i, k) => sum + costs[k]![i]!, 0);
      if (reaches(p)) {
        if (!best.found || distance < best.distance) best = { found: true, choice: c, prediction: p, distance };
      } else if (!best.found && (Number.isNaN(best.prediction) || better(p, best.prediction))) {
        best = { found: false, prediction: p };
      }
    });
  }
  return best;
}

/** Odometer step over the candidate indices; false after the last combination. */
function advance(choice: number[], candidates: number[][]): boolean {
  for (let k = 0; k < choice.length; k++) {
    if (++choice[k]! < candidates[k]!.length) return true;
    choice[k] = 0;
  }
  return false;
}

/**
 * Coordinate search: from the current row, repeatedly take the single-feature move with the best
 * prediction gain per unit of distance until the target is reached, then move each changed
 * feature back towards its original value as far as the target still holds.
 */
async function searchGreedy(
  evaluator: CandidateEvaluator,
  candidates: number[][],
  costs: number[][],
  reaches: (p: number) => boolean,
  better: (p: number, q: number) => boolean,
): Promise<Search> {
  const original = candidates.map((_, k) => costs[k]!.indexOf(0));
  const choice = [...original];
  const valuesOf = (c: number[]) => c.map((i, k) => candidates[k]![i]!);
  const distanceOf = (c: number[]) => c.reduce((sum, i, k) => sum + costs[k]![i]!, 0);
  let prediction = (await evaluator.evaluate([valuesOf(choice)]))[0]!;
  // A few moves per feature: enough to combine features, bounded so a plateau cannot loop.
  for (let step = 0; step < candidates.length * 4 && !reaches(prediction); step++) {
    const moves = candidates.flatMap((values, k) => values.map((_, i) => ({ k, i }))).filter(({ k, i }) => i !== choice[k]);
    const predictions = await evaluator.evaluate(moves.map(({ k, i }) => valuesOf(choice.map((c, j) => (j === k ? i : c)))));
    // Rank moves: reaching the target (cheapest first), then progress towards it per unit of extra distance.
    let best: { move: number; reaches: boolean; score: number } | undefined;
    moves.forEach(({ k, i }, m) => {
      const p = predictions[m]!;
      const extra = Math.max(1e-12, costs[k]![i]! - costs[k]![choice[k]!]!);
      const candidate = reaches(p)
        ? { move: m, reaches: true, score: -extra }
        : { move: m, reaches: false, score: (better(p, prediction) ? Math.abs(p - prediction) : -Math.abs(p - prediction)) / extra };
      if (!candidate.reaches && candidate.score <= 0) return;
      if (!best || (candidate.reaches && !best.reaches) || (candidate.reaches === best.reaches && candidate.score > best.score)) best = candidate;
    });
    if (!best) break;
    const { move } = best;
    choice[moves[move]!.k] = moves[move]!.i;
    prediction = predictions[move]!;
  }
  if (!reaches(prediction)) return { found: false, prediction };
  for (let k = 0; k < choice.length; k++) {
    const cheaper = candidates[k]!.map((_, i) => i).filter((i) => costs[k]![i]! < costs[k]![choice[k]!]!);
    const predictions = await evaluator.evaluate(cheaper.map((i) => valuesOf(choice.map((c, j) => (j === k ? i : c)))));
    let pick = -1;
    cheaper.forEach((i, m) => {
      if (reaches(predictions[m]!) && (pick < 0 || costs[k]![i]! < costs[k]![cheaper[pick]!]!)) pick = m;
    });
    if (pick >= 0) {
      choice[k] = cheaper[pick]!;
      prediction = predictions[pick]!;
    }
  }
  return { found: true, choice, prediction, distance: distanceOf(choice) };
}

class CandidateEvaluator {
  evaluated = 0;
  constructor(
    private readonly row: Float32Array,
    private readonly controllable: ControllableFeature[],
    private readonly predictor: BatchPredictor,
  ) {}

  rowFor(values: number[]): Float32Array {
    const out = this.row.slice();
    this.controllable.forEach(({ feature }, k) => (out[feature] = values[k]!));
    return out;
  }

  async evaluate(rows: number[][]): Promise<ArrayLike<number>> {
    const width = this.row.length;
    const x = new Float32Array(rows.length * width);
    rows.forEach((values, r) => x.set(this.rowFor(values), r * width));
    this.evaluated += rows.length;
    return rows.length === 0 ? [] : await this.predictor(x, rows.length);
  }
}

/** Candidate values of one feature; index order is irrelevant, the current value is always included (cost 0). */
function candidateValues(c: ControllableFeature, current: number, model: GbdtModel | undefined): number[] {
  const values = new Set<number>([current, float32AtLeast(c.min), float32AtMost(c.max)]);
  const inBounds = (v: number) => v >= c.min && v <= c.max;
  const categories = model?.categorical.find((e) => e.feature === c.feature)?.categories;
  if (c.step !== undefined) {
    for (let k = 0; c.min + k * c.step <= c.max; k++) values.add(Math.fround(c.min + k * c.step));
  } else if (categories) {
    for (const category of categories) values.add(category);
  } else if (model) {
    for (const tree of model.trees) {
      tree.feature.forEach((f, i) => {
        if (f !== c.feature) return;
        // t goes left and the next float32 above it goes right: together they reach both sides.
        values.add(tree.threshold[i]!);
        values.add(nextFloat32(tree.threshold[i]!, 1));
      });
    }
  } else {
    for (let k = 0; k <= PREDICTOR_GRID_STEPS; k++) values.add(Math.fround(c.min + ((c.max - c.min) * k) / PREDICTOR_GRID_STEPS));
  }
  return [...values].filter((v) => Object.is(v, current) || (Number.isNaN(current) && Number.isNaN(v)) || inBounds(v));
}

function changeCost(from: number, to: number, c: ControllableFeature): number {
  if (Object.is(from, to) || (Number.isNaN(from) && Number.isNaN(to))) return 0;
  if (Number.isNaN(from)) return 1;
  return c.max > c.min ? Math.abs(to - from) / (c.max - c.min) : 1;
}

/** Adjacent float32 of a float32 value, upwards or downwards (inputs reach the model as float32). */
function nextFloat32(value: number, direction: 1 | -1): number {
  if (value === 0) return direction * 1.401298464324817e-45;
  const buffer = Float32Array.of(value);
  const bits = new Int32Array(buffer.buffer);
  bits[0] = bits[0]! + (value > 0 ? direction : -direction);
  return buffer[0]!;
}

function float32AtLeast(value: number): number {
  const rounded = Math.fround(value);
  return rounded < value ? nextFloat32(rounded, 1) : rounded;
}

function float32AtMost(value: number): number {
  const rounded = Math.fround(value);
  return rounded > value ? nextFloat32(rounded, -1) : rounded;
}

function validate(row: Float32Array, options: CounterfactualOptions): void {
  const seen = new Set<number>();
  if (!Number.isFinite(options.target)) throw new Error("counterfactual target must be a finite number");
  if (options.controllable.length === 0) throw new Error("name at least one controllable feature");
  for (const c of options.controllable) {
    if (!Number.isInteger(c.feature) || c.feature < 0 || c.feature >= row.length) throw new Error(`controllable feature ${c.feature} is out of range`);
    if (seen.has(c.feature)) throw new Error(`controllable feature ${c.feature} is listed twice`);
    seen.add(c.feature);
    if (!(Number.isFinite(c.min) && Number.isFinite(c.max) && c.min <= c.max)) throw new Error(`feature ${c.feature}: need finite min <= max`);
    if (c.step !== undefined && !(c.step > 0)) throw new Error(`feature ${c.feature}: step must be positive`);
  }
}
