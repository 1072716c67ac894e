import type { Command } from "commander";

/** Whether the global `--json` flag was given, wherever it appears on the command line. */
export function wantsJson(command: Command): boolean {
  return Boolean(command.optsWithGlobals<{ json?: boolean }>().json);
}

/** Prints one JSON document (for `--json`) on stdout, nothing else, so scripts can parse it. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as aligned text columns under a header. */
export function printTable(rows: Record<string, string>[]): void {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => row[c] ?? "")));
}

const METRIC_COLUMNS = ["mae", "rmse", "wape", "bias", "rmsse", "pinball", "coverage80"] as const;

/** Prints backtest metrics, one row per forecaster; a metric with nothing to average shows n/a. */
export function printMetricsTable(metrics: Record<string, Partial<Record<string, number | null>>>): void {
  printTable(
    Object.entries(metrics).map(([name, m]) => ({
      forecaster: name,
      ...Object.fromEntries(METRIC_COLUMNS.map((k) => [k, typeof m[k] === "number" && Number.isFinite(m[k]) ? m[k].toFixed(3) : "n/a"])),
    })),
  );
}
