/**
 * CSV import throughput: a 1,000,000-row sales file (1,500 store × item series over 667 days)
 * imported end to end through `importCsv` — streamed from disk, parsed, validated, staged with
 * COPY, checked and upserted in one transaction — into a fresh tenant on PGlite (in memory) and,
 * when DATABASE_URL is set, on PostgreSQL as the app's login role. Each database gets a first
 * import (all inserts) and a re-import of the same file (all unchanged), RUNS times.
 * Run: `npx tsx --conditions=react-server bench/import-csv.ts [rows]`. Prints the README table and
 * writes bench/results/import-csv.json.
 */
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tenants } from "../drizzle/schema";
import { withAuthRole } from "../server/db/tenant-context";
import type { Actor } from "../server/services/actor";
import { importCsv } from "../server/services/ingest/import-csv";
import type { ImportResult } from "../server/services/ingest/import-csv";
import { createTestDatabase, testDrivers } from "../tests/helpers/test-database";
import type { Driver } from "../tests/helpers/test-database";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const STORES = 10;
const ITEMS = 150;
const RUNS = 2;
const here = path.dirname(fileURLToPath(import.meta.url));

function writeFiles(dir: string) {
  const days = Math.ceil(ROWS / (STORES * ITEMS));
  const stores = ["store_id,name,region", ...Array.from({ length: STORES }, (_, s) => `S${s},Store ${s},R${s % 3}`)].join("\n");
  const catalog = ["item_id,name,category,unit_cost,base_price", ...Array.from({ length: ITEMS }, (_, i) => `I${i},Item ${i},C${i % 12},${(1 + (i % 7)).toFixed(2)},${(2.5 + (i % 9)).toFixed(2)}`)].join("\n");
  writeFileSync(path.join(dir, "stores.csv"), stores);
  writeFileSync(path.join(dir, "catalog.csv"), catalog);
  const lines: string[] = ["date,store_id,item_id,units,price,discount,promo,online_units"];
  let n = 0;
  const start = Date.UTC(2024, 0, 1);
  for (let d = 0; d < days && n < ROWS; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (let s = 0; s < STORES && n < ROWS; s++) {
      for (let i = 0; i < ITEMS && n < ROWS; i++, n++) {
        const promo = (d + i) % 17 === 0;
        lines.push(`${date},S${s},I${i},${(d * 7 + s * 3 + i) % 23},${(2.5 + (i % 9)).toFixed(2)},${promo ? "0.2" : "0"},${promo},${(d + s) % 3}`);
      }
    }
  }
  const sales = path.join(dir, "sales.csv");
  writeFileSync(sales, `${lines.join("\n")}\n`);
  return { sales, bytes: Buffer.byteLength(lines.join("\n")) + 1 };
}

/** Peak resident memory above the level before `fn`, sampled every 50 ms. */
async function withPeakMemory<T>(fn: () => Promise<T>): Promise<{ result: T; peakRssMb: number; peakHeapMb: number }> {
  const base = process.memoryUsage();
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss - base.rss);
    heap = Math.max(heap, m.heapUsed - base.heapUsed);
  };
  const timer = setInterval(sample, 50);
  try {
    const result = await fn();
    sample();
    return { result, peakRssMb: Math.round(rss / 1e6), peakHeapMb: Math.round(heap / 1e6) };
  } finally {
    clearInterval(timer);
  }
}

type Run = { driver: Driver; run: number; kind: "first" | "again"; seconds: number; rowsPerSecond: number; inserted: number; unchanged: number; peakRssMb: number; peakHeapMb: number };

async function benchDriver(driver: Driver, dir: string, sales: string): Promise<Run[]> {
  const runs: Run[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const database = await createTestDatabase(driver);
    try {
      const [tenant] = await withAuthRole(database, (tx) =>
        tx.insert(tenants).values({ slug: `bench-${run}`, name: "Bench", branding: { displayName: "Bench", primaryColor: "#112233", accentColor: "#445566" } }).returning(),
      );
      const actor: Actor = { tenantId: tenant!.id, role: "admin" };
      for (const source of ["stores", "catalog"] as const) {
        const r = await importCsv(database, actor, { source }, createReadStream(path.join(dir, `${source === "catalog" ? "catalog" : "stores"}.csv`)));
        if (r.status !== "imported") throw new Error(`${source}: ${r.status}`);
      }
      for (const kind of ["first", "again"] as const) {
        const started = performance.now();
        const { result, peakRssMb, peakHeapMb } = await withPeakMemory<ImportResult>(() => importCsv(database, actor, { source: "sales" }, createReadStream(sales)));
        const seconds = (performance.now() - started) / 1000;
        if (result.status !== "imported" || result.rowsRejected > 0) throw new Error(`sales: ${result.status}, ${result.rowsRejected} rejected`);
        runs.push({ driver, run, kind, seconds, rowsPerSecond: Math.round(result.rowsRead / seconds), inserted: result.rowsInserted, unchanged: result.rowsUnchanged, peakRssMb, peakHeapMb });
        console.error(`${driver} run ${run} ${kind}: ${seconds.toFixed(1)} s, ${Math.round(result.rowsRead / seconds).toLocaleString("en")} rows/s, peak RSS +${peakRssMb} MB, heap +${peakHeapMb} MB`);
      }
    } finally {
      await database.close();
    }
  }
  return runs;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "foresight-bench-import-"));
  try {
    const { sales, bytes } = writeFiles(dir);
    const runs: Run[] = [];
    for (const driver of testDrivers()) runs.push(...(await benchDriver(driver, dir, sales)));
    const out = { date: new Date().toISOString(), rows: ROWS, bytes, node: process.version, runs };
    mkdirSync(path.join(here, "results"), { recursive: true });
    writeFileSync(path.join(here, "results", "import-csv.json"), `${JSON.stringify(out, null, 2)}\n`);
    console.log(`| database | import | rows/s (best of ${RUNS}) | spread | seconds | peak RSS above start | peak JS heap |`);
    console.log("| --- | --- | ---: | --- | ---: | ---: | ---: |");
    for (const driver of new Set(runs.map((r) => r.driver))) {
      for (const kind of ["first", "again"] as const) {
        const these = runs.filter((r) => r.driver === driver && r.kind === kind);
        const best = these.reduce((a, b) => (b.rowsPerSecond > a.rowsPerSecond ? b : a));
        const rates = these.map((r) => r.rowsPerSecond);
        console.log(
          `| ${driver === "pglite" ? "PGlite (in memory)" : "PostgreSQL 15"} | ${kind === "first" ? "first (all inserted)" : "same file again (all unchanged)"} | ${best.rowsPerSecond.toLocaleString("en")} | ${Math.min(...rates).toLocaleString("en")}–${Math.max(...rates).toLocaleString("en")} | ${best.seconds.toFixed(1)} | ${Math.max(...these.map((r) => r.peakRssMb))} MB | ${Math.max(...these.map((r) => r.peakHeapMb))} MB |`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
