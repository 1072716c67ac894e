/**
 * Alert latency: from the start of a `POST /api/v1/ingest/sales` request carrying an injected
 * spike to the SSE `alert` message reaching a subscriber of the tenant's alert stream, BATCHES
 * times, on PGlite (in-process notifications) and, with DATABASE_URL set, on PostgreSQL
 * (LISTEN/NOTIFY on its own connection). Each batch is a day of 20 items' ordinary sales at one
 * store plus one item sold at 4–5× its usual day, against eight weeks of history and a
 * production forecast band. Raw numbers go to bench/results/alerts-latency.json.
 *
 *   nice npx tsx --conditions=react-server bench/alerts-latency.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres nice npx tsx --conditions=react-server bench/alerts-latency.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import * as schema from "../drizzle/schema";
import { addDaysIso } from "../models/data";
import { mulberry32 } from "../models/util";
import { withTenant } from "../server/db/tenant-context";
import { createRestApi } from "../server/rest/endpoints";
import { openAlertStream } from "../server/services/alerts/alert-stream";
import { createApiKey } from "../server/services/api-keys/api-keys";
import { refreshSalesRollups } from "../server/services/sales/refresh-sales-rollups";
import { createFixtureTenant } from "../tests/helpers/fixtures";
import { createTestDatabase } from "../tests/helpers/test-database";
import type { Driver } from "../tests/helpers/test-database";
import { quantile } from "./stats";

const BATCHES = 40;
const ITEMS = 20;
const HISTORY_DAYS = 56;
const FIRST_DAY = "2026-03-01";

async function measure(driver: Driver) {
  const database = await createTestDatabase(driver);
  try {
    const t = await createFixtureTenant(database, "bench");
    const store = "bench-S1";
    const itemIds = Array.from({ length: ITEMS }, (_, i) => `bench-B${String(i).padStart(2, "0")}`);
    const rand = mulberry32(7);
    await withTenant(database, t.id, async (tx) => {
      await tx.insert(schema.items).values(itemIds.map((id) => ({ tenantId: t.id, id, name: `Bench item ${id}`, category: "Bench", unitCost: 1, basePrice: 2.5 })));
      const history = itemIds.flatMap((itemId) => Array.from({ length: HISTORY_DAYS }, (_, d) => ({ tenantId: t.id, storeId: store, itemId, date: addDaysIso(FIRST_DAY, d - HISTORY_DAYS), units: 8 + Math.floor(rand() * 6), price: 2.5, discount: 0 })));
      await tx.insert(schema.sales).values(history);
      await refreshSalesRollups(tx, "tenant");
      const [model] = await tx.update(schema.modelVersions).set({ status: "production" }).where(eq(schema.modelVersions.version, 1)).returning({ id: schema.modelVersions.id });
      await tx.insert(schema.forecasts).values(itemIds.flatMap((itemId) => Array.from({ length: BATCHES }, (_, d) => ({ tenantId: t.id, modelVersionId: model!.id, storeId: store, itemId, date: addDaysIso(FIRST_DAY, d), p10: 7, p50: 10, p90: 14 }))));
    });
    const { key } = await withTenant(database, t.id, (tx) => createApiKey(tx, { tenantId: t.id, role: "owner" }, { name: "bench", scope: "write" }));
    const api = createRestApi({ getDatabase: async () => database });

    const aborter = new AbortController();
    const reader = (await openAlertStream(database, t.id, aborter.signal)).getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    /** Resolves at the next `alert` event on the stream. */
    const nextAlert = async (): Promise<{ reason: string }> => {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: alert$/m.test(frame)) return JSON.parse(frame.split("\n").find((l) => l.startsWith("data: "))!.slice(6));
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("alert stream ended");
        buffer += decoder.decode(value);
      }
    };

    const ms: number[] = [];
    const requestMs: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const date = addDaysIso(FIRST_DAY, b);
      const spiked = itemIds[b % ITEMS]!;
      const events = itemIds.map((itemId) => ({ eventId: `${date}-${itemId}`, date, storeId: store, itemId, units: itemId === spiked ? 45 + Math.floor(rand() * 10) : 8 + Math.floor(rand() * 6), price: 2.5 }));
      const received = nextAlert();
      const started = performance.now();
      const res = await api.ingestSales(new Request("http://localhost/api/v1/ingest/sales", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify({ events }) }), { params: Promise.resolve({}) });
      requestMs.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      const alert = await received;
      ms.push(performance.now() - started);
      if (!alert.reason.startsWith("Sold ")) throw new Error(`unexpected alert: ${alert.reason}`);
    }
    aborter.abort();
    const summary = (xs: number[]) => ({ n: xs.length, p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: Math.max(...xs) });
    return { driver, batches: BATCHES, eventsPerBatch: ITEMS, alertLatencyMs: { ...summary(ms), raw: ms }, ingestRequestMs: { ...summary(requestMs), raw: requestMs } };
  } finally {
    await database.close();
  }
}

async function main() {
  const drivers: Driver[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "results", "alerts-latency.json");
  // A run with one driver keeps the other driver's last numbers.
  const previous = (() => {
    try {
      return (JSON.parse(readFileSync(file, "utf8")) as { results: { driver: string }[] }).results;
    } catch {
      return [];
    }
  })();
  const results = [];
  for (const driver of drivers) {
    const r = await measure(driver);
    console.log(`${driver}: alert latency p50 ${r.alertLatencyMs.p50.toFixed(1)} ms, p95 ${r.alertLatencyMs.p95.toFixed(1)} ms over ${r.batches} batches (ingest request p50 ${r.ingestRequestMs.p50.toFixed(1)} ms)`);
    results.push({ ...r, measuredAt: new Date().toISOString() });
  }
  const kept = previous.filter((p) => !drivers.includes(p.driver as Driver));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ machine: { cpus: availableParallelism(), loadavg: loadavg() }, results: [...kept, ...results] }, null, 2)}\n`);
}

await main();
