import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli";

/** Messy data the model has never seen: gaps, a zero streak, late starts, an early stop, extra columns, no prices. */
function writeMessyCsv(dir: string) {
  let seed = 11;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const lines = ["date,store_id,item_id,units,weather"];
  const start = Date.UTC(2024, 0, 1);
  for (let s = 0; s < 2; s++) {
    for (let i = 0; i < 6; i++) {
      const first = i === 5 ? 150 : 0;
      const last = i === 4 ? 300 : 360;
      for (let d = first; d < last; d++) {
        if (rand() < 0.03) continue;
        const date = new Date(start + d * 86_400_000);
        const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
        const mean = i === 2 && d > 100 && d < 130 ? 0 : (3 + 2 * i) * (weekend ? 1.5 : 1) * (s ? 1.3 : 1);
        const units = Math.max(0, Math.round(mean + (rand() - 0.5) * Math.sqrt(mean) * 2));
        lines.push(`${date.toISOString().slice(0, 10)},S${s},I${i},${units},${rand() < 0.5 ? "sun" : "rain"}`);
      }
    }
  }
  writeFileSync(path.join(dir, "sales.csv"), `${lines.join("\n")}\n`);
}

describe("cli backtest --data", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "foresight-csv-"));
    writeMessyCsv(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints one JSON object with the model and every baseline", async () => {
    const { code, stdout, stderr } = await runCli(["backtest", "--data", dir, "--horizon", "14", "--trees", "40", "--json"]);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as { rows: number; series: number; folds: number; horizon: number; trainSeconds: number; metrics: Record<string, Record<string, number | null>> };
    expect(result).toMatchObject({ series: 12, folds: 3, horizon: 14 });
    expect(result.rows).toBeGreaterThan(3500);
    expect(result.trainSeconds).toBeGreaterThan(0);
    expect(Object.keys(result.metrics)).toEqual(expect.arrayContaining(["model", "seasonal_naive", "holt_winters", "croston", "tsb"]));
    for (const key of ["mae", "rmse", "wape", "rmsse", "coverage80", "pinball"]) {
      expect(result.metrics.model?.[key], key).toEqual(expect.any(Number));
    }
    // On this clean weekly pattern the model must at least beat seasonal naive.
    expect(result.metrics.model!.rmsse!).toBeLessThan(result.metrics.seasonal_naive!.rmsse!);
  }, 240_000);

  it("names the file and line of a bad row", async () => {
    const bad = mkdtempSync(path.join(os.tmpdir(), "foresight-bad-"));
    writeFileSync(path.join(bad, "sales.csv"), "date,store_id,item_id,units\n2024-01-01,S1,I1,3\n2024-01-02,S1,I1,lots\n");
    const failure = await runCli(["backtest", "--data", bad, "--json"], {}, 60_000);
    rmSync(bad, { recursive: true, force: true });
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/sales\.csv line 3/);
  }, 60_000);
});
