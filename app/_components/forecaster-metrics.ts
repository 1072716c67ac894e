import type { ModelMetrics } from "@/drizzle/schema";

type MetricRow = ModelMetrics[string];
export type MetricKey = keyof MetricRow;

/**
 * The key the registry stores the trained model's backtest under (MODEL_METRIC_KEY on the server,
 * which client code cannot import without pulling in the database layer).
 */
export const MODEL_FORECASTER = "model";

export type MetricFormat = "number" | "rmsse" | "percent";

/** How to read each backtest metric, in the order tables show them. */
export const METRICS: readonly { key: MetricKey; label: string; explain: string; format: MetricFormat }[] = [
  { key: "rmsse", label: "RMSSE", explain: "Squared error scaled by a naive day-to-day forecast, per series (M5); below 1 beats naive. Decides promotion.", format: "rmsse" },
  { key: "mae", label: "MAE", explain: "Average absolute miss, in units per series-day.", format: "number" },
  { key: "rmse", label: "RMSE", explain: "Like MAE, but large misses weigh more.", format: "number" },
  { key: "wape", label: "WAPE", explain: "Total absolute error as a share of total units sold.", format: "percent" },
  { key: "bias", label: "Bias", explain: "Average over- (+) or under- (−) forecast relative to average sales; closest to 0 is best.", format: "percent" },
  { key: "coverage80", label: "Coverage 80", explain: "Share of actual days inside P10–P90; 80% means the band is honest.", format: "percent" },
  { key: "pinball", label: "Pinball", explain: "Quantile loss over P10, P50 and P90: rewards bands that are both narrow and right.", format: "number" },
];

/** Display names, in the order tables list forecasters: the model, then the baselines as the backtest runs them. */
const FORECASTER_LABELS: Record<string, string> = {
  [MODEL_FORECASTER]: "Foresight model (GBDT)",
  seasonal_naive: "Seasonal naive",
  moving_average_28: "28-day moving average",
  holt_winters: "Holt-Winters",
  croston: "Croston",
  tsb: "TSB",
};
const DISPLAY_ORDER = Object.keys(FORECASTER_LABELS);

export function forecasterLabel(name: string): string {
  return FORECASTER_LABELS[name] ?? name.replaceAll("_", " ");
}

/** Known forecasters in display order, then any others by name (stored metrics are a jsonb object, whose key order is not ours). */
export function orderForecasters(names: string[]): string[] {
  const rank = (n: string) => (DISPLAY_ORDER.includes(n) ? DISPLAY_ORDER.indexOf(n) : DISPLAY_ORDER.length);
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Distance from ideal: coverage aims at 0.80, bias at 0, everything else as low as possible. */
function distanceFromIdeal(key: MetricKey, value: number): number {
  if (key === "coverage80") return Math.abs(value - 0.8);
  if (key === "bias") return Math.abs(value);
  return value;
}

/** For each metric, the forecasters sharing the best finite value. */
export function bestForecasters(metrics: ModelMetrics): Record<MetricKey, Set<string>> {
  const best = {} as Record<MetricKey, Set<string>>;
  for (const { key } of METRICS) {
    const scored = Object.entries(metrics)
      .filter(([, row]) => Number.isFinite(row[key]))
      .map(([name, row]) => ({ name, distance: distanceFromIdeal(key, row[key]) }));
    const top = Math.min(...scored.map((s) => s.distance));
    best[key] = new Set(scored.filter((s) => s.distance === top).map((s) => s.name));
  }
  return best;
}

/** The baseline (any forecaster but the model) with the lowest finite value of `key`, if any. */
export function bestBaseline(metrics: ModelMetrics, key: MetricKey): { name: string; value: number } | null {
  let best: { name: string; value: number } | null = null;
  for (const [name, row] of Object.entries(metrics)) {
    if (name === MODEL_FORECASTER || !Number.isFinite(row[key])) continue;
    if (!best || row[key] < best.value) best = { name, value: row[key] };
  }
  return best;
}

/** RMSSE gets four decimals, as in the server's promotion messages, so a refusal's numbers can be found in the table. */
export function formatMetric(value: number | undefined, format: MetricFormat): string {
  if (value === undefined || !Number.isFinite(value)) return "—";
  if (format === "percent") return `${(value * 100).toFixed(1)}%`;
  return value.toFixed(format === "rmsse" ? 4 : 3);
}
