import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import type { Database } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { withTenant } from "@/server/db/tenant-context";
import { createRestApi } from "@/server/rest/endpoints";
import { openAlertStream } from "@/server/services/alerts/alert-stream";
import { ALERT_CHANNEL, raiseAlert } from "@/server/services/alerts/raise-alert";
import { refreshSalesRollups } from "@/server/services/sales/refresh-sales-rollups";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { callerFor } from "../helpers/trpc-caller";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";
import { call, createKey } from "../rest/rest-client";

const HISTORY_FROM = "2026-01-04";
const SPIKE_DAY = "2026-03-01";

/** No alert yet, eight weeks of 10–12 units a day up to the spike day, a production model forecasting 8–15 for March, and a fresh stock count. */
async function steadyHistory(database: Database, t: FixtureTenant, tag: string) {
  const store = `${tag}-S1`;
  const item = `${tag}-I1`;
  await withTenant(database, t.id, async (tx) => {
    await tx.delete(schema.alerts).where(eq(schema.alerts.tenantId, t.id));
    const days = Array.from({ length: 56 }, (_, i) => addDaysIso(HISTORY_FROM, i));
    await tx.insert(schema.sales).values(days.map((date, i) => ({ tenantId: t.id, date, storeId: store, itemId: item, units: 10 + (i % 3), price: 3, discount: 0 })));
    await refreshSalesRollups(tx, "tenant");
    const [model] = await tx.update(schema.modelVersions).set({ status: "production" }).where(eq(schema.modelVersions.version, 1)).returning({ id: schema.modelVersions.id });
    await tx.insert(schema.forecasts).values(Array.from({ length: 7 }, (_, i) => ({ tenantId: t.id, modelVersionId: model!.id, storeId: store, itemId: item, date: addDaysIso(SPIKE_DAY, i), p10: 8, p50: 11, p90: 15 })));
    await tx.insert(schema.inventory).values({ tenantId: t.id, date: "2026-02-28", storeId: store, itemId: item, onHand: 500, leadTimeDays: 3, orderCost: 25, holdingCostRate: 0.2 });
  });
}

/** Reads SSE `alert` events from a stream until `count` arrived (or the timeout). */
async function readAlertEvents(stream: ReadableStream<Uint8Array>, count: number, timeoutMs = 5000): Promise<{ id: string; tenantId?: string; reason: string; kind: string }[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const events: { id: string; reason: string; kind: string }[] = [];
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  while (events.length < count && Date.now() < deadline) {
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now())))]);
    if (!next || next.done) break;
    buffer += decoder.decode(next.value);
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!/^event: alert$/m.test(frame)) continue;
      events.push(JSON.parse(frame.split("\n").find((l) => l.startsWith("data: "))!.slice(6)));
    }
  }
  reader.releaseLock();
  return events;
}

describe.each(testDrivers())("alerts on %s", (driver) => {
  let database: TestDatabase;
  let a: FixtureTenant;
  let b: FixtureTenant;
  let api: ReturnType<typeof createRestApi>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    api = createRestApi({ getDatabase: async () => database });
    a = await createFixtureTenant(database, "a");
    b = await createFixtureTenant(database, "b");
    await steadyHistory(database, a, "a");
    await steadyHistory(database, b, "b");
  });
  afterAll(() => database.close());

  const ingest = async (key: string, events: unknown[]) => call(api.ingestSales, "/ingest/sales", { key, method: "POST", body: JSON.stringify({ events }) });

  it("an injected spike in a streamed batch raises one spike alert, announced on the stream; normal sales raise none", async () => {
    const aborter = new AbortController();
    const stream = await openAlertStream(database, a.id, aborter.signal);
    const write = (await createKey(database, a.id, "write")).key;
    const normal = await ingest(write, [{ eventId: "n1", date: SPIKE_DAY, storeId: "a-S1", itemId: "a-I1", units: 11, price: 3 }]);
    expect(normal.body).toMatchObject({ data: { accepted: 1, alertsRaised: 0 } });
    const spike = await ingest(write, [{ eventId: "s1", date: SPIKE_DAY, storeId: "a-S1", itemId: "a-I1", units: 35, price: 3 }]);
    expect(spike.status).toBe(200);
    expect(spike.body.data).toMatchObject({ accepted: 1, alertsRaised: 1 });

    const rows = await withTenant(database, a.id, (tx) => tx.select().from(schema.alerts));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "spike", storeId: "a-S1", itemId: "a-I1", date: SPIKE_DAY, status: "open" });
    expect(rows[0]!.reason).toMatch(/^Sold 46 units against a forecast band of 8–15 and a typical day of 11 \(robust z-score/);
    // Margin at stake: 35 units above the forecast's median × (3.00 − 1.50).
    expect(rows[0]!.value).toBeCloseTo(52.5, 2);

    const [event] = await readAlertEvents(stream, 1);
    expect(event).toMatchObject({ id: rows[0]!.id, kind: "spike" });
    aborter.abort();
  });

  it("the same anomaly again is de-duplicated and keeps its highest severity", async () => {
    const write = (await createKey(database, a.id, "write")).key;
    await ingest(write, [{ eventId: "s2", date: SPIKE_DAY, storeId: "a-S1", itemId: "a-I1", units: 60, price: 3 }]);
    const [first] = await withTenant(database, a.id, (tx) => tx.select().from(schema.alerts));
    expect(first).toMatchObject({ severity: "high" });
    const again = await withTenant(database, a.id, (tx) => raiseAlert(tx, { kind: "spike", severity: "low", reason: "Sold 106 units", date: SPIKE_DAY, storeId: "a-S1", itemId: "a-I1", value: 142.5 }));
    expect(again).toMatchObject({ id: first!.id, created: false, severity: "high", notified: false });
    expect(await withTenant(database, a.id, (tx) => tx.select().from(schema.alerts))).toHaveLength(1);
  });

  it("a CSV import of sales raises alerts for the days it touched, and a price of zero is a price error", async () => {
    const write = (await createKey(database, a.id, "write")).key;
    const res = await call(api.importCsv, "/import/sales", { key: write, method: "POST", params: { source: "sales" }, headers: { "content-type": "text/csv" }, body: `date,store_id,item_id,units,price\n2026-03-02,a-S1,a-I1,11,0\n` });
    expect(res.status).toBe(200);
    const rows = await withTenant(database, a.id, (tx) => executeRows<{ kind: string; reason: string }>(tx, sql`select kind, reason from alerts where date = '2026-03-02'`));
    expect(rows).toEqual([{ kind: "price_error", reason: "Sold 11 units at a price of 0.00 against a usual price of 3.00" }]);
  });

  it("acknowledging, muting, the rules and muted items through tRPC", async () => {
    const analyst = callerFor(database, a.users.analyst.id, a.slug);
    const list = await analyst.alerts.list({ status: "open" });
    expect(list.open).toBe(2);
    const decided = await analyst.alerts.decide({ id: list.alerts[0]!.id, status: "acknowledged" });
    expect(decided.status).toBe("acknowledged");
    await expect(analyst.alerts.updateRules({ zThreshold: 4, bandMargin: 0.5, priceRatio: 3, historyDays: 28, mutedItems: [] })).rejects.toThrow(/admin role/);
    const admin = callerFor(database, a.users.admin.id, a.slug);
    await expect(admin.alerts.updateRules({ zThreshold: 4, bandMargin: 0.5, priceRatio: 3, historyDays: 28, mutedItems: ["nope"] })).rejects.toThrow(/mutedItems: "nope" is not an item/);
    expect(await admin.alerts.updateRules({ zThreshold: 4, bandMargin: 0.5, priceRatio: 3, historyDays: 28, mutedItems: ["a-I1"] })).toMatchObject({ mutedItems: ["a-I1"] });
    const write = (await createKey(database, a.id, "write")).key;
    const muted = await ingest(write, [{ eventId: "m1", date: "2026-03-03", storeId: "a-S1", itemId: "a-I1", units: 90, price: 3 }]);
    expect(muted.body.data).toMatchObject({ accepted: 1, alertsRaised: 0 });
    expect(await admin.alerts.rules()).toMatchObject({ zThreshold: 4, mutedItems: ["a-I1"] });
  });

  it("GET /api/v1/alerts: newest first, filters and cursor paging", async () => {
    const read = (await createKey(database, a.id, "read")).key;
    const all = await call(api.listAlerts, "/alerts", { key: read });
    expect(all.status).toBe(200);
    const data = all.body.data as { total: number; alerts: { kind: string; date: string; storeId: string; itemId: string; severity: string; reason: string }[]; nextCursor: string | null };
    expect(data.alerts.map((x) => x.kind)).toEqual(["price_error", "spike"]);
    expect(data.alerts[0]).toMatchObject({ storeId: "a-S1", itemId: "a-I1", date: "2026-03-02", severity: "high" });
    const page1 = (await call(api.listAlerts, "/alerts", { key: read, query: "limit=1" })).body.data as typeof data;
    const page2 = (await call(api.listAlerts, "/alerts", { key: read, query: `limit=1&cursor=${page1.nextCursor}` })).body.data as typeof data;
    expect([...page1.alerts, ...page2.alerts].map((x) => x.kind)).toEqual(["price_error", "spike"]);
    expect(page2.nextCursor).toBeNull();
    const high = (await call(api.listAlerts, "/alerts", { key: read, query: "severity=high&status=open" })).body.data as typeof data;
    expect(high.alerts.every((x) => x.severity === "high")).toBe(true);
    expect((await call(api.listAlerts, "/alerts", { key: read, query: "severity=huge" })).status).toBe(400);
    expect((await call(api.listAlerts, "/alerts", { key: read, query: "cursor=junk" })).status).toBe(400);
  });

  it("open alerts are investigate actions in the action center, valued where money is at stake; accepting one acknowledges its alert", async () => {
    const analyst = callerFor(database, a.users.analyst.id, a.slug);
    const list = await analyst.actions.list({ type: "investigate" });
    const spike = list.actions.find((x) => (x.evidence as { kind?: string }).kind === "spike");
    expect(spike).toMatchObject({ type: "investigate", storeId: "a-S1", itemId: "a-I1", dueDate: SPIKE_DAY });
    expect(spike!.title).toMatch(/^Investigate the sales spike of Item a at Store a on 2026-03-01$/);
    expect(spike!.value).toBe(142.5);
    await analyst.actions.decide({ id: spike!.id, decision: "accept" });
    const alertId = (spike!.evidence as { alertId: string }).alertId;
    const [row] = await withTenant(database, a.id, (tx) => tx.select({ status: schema.alerts.status }).from(schema.alerts).where(eq(schema.alerts.id, alertId)));
    expect(row?.status).toBe("acknowledged");
    expect((await analyst.actions.list({ type: "investigate" })).actions.map((x) => x.id)).not.toContain(spike!.id);
  });

  it("another tenant's alerts are invisible through tRPC, REST and the stream", async () => {
    const bStream = new AbortController();
    const stream = await openAlertStream(database, b.id, bStream.signal);
    // Tenant a raises one (b's stream must not carry it), then b raises its own.
    await withTenant(database, a.id, (tx) => raiseAlert(tx, { kind: "drop", severity: "medium", reason: "a's own", date: "2026-03-04", storeId: "a-S1", itemId: "a-I1" }));
    const bWrite = (await createKey(database, b.id, "write")).key;
    await ingest(bWrite, [{ eventId: "bs", date: SPIKE_DAY, storeId: "b-S1", itemId: "b-I1", units: 50, price: 3 }]);
    const events = await readAlertEvents(stream, 2, 1500);
    expect(events.map((e) => e.reason)).toEqual([expect.stringMatching(/^Sold 50 units/)]);
    bStream.abort();

    const bList = await callerFor(database, b.users.viewer.id, b.slug).alerts.list({});
    expect(bList.alerts.map((x) => x.itemId)).toEqual(["b-I1"]);
    const aIds = (await withTenant(database, a.id, (tx) => tx.select({ id: schema.alerts.id }).from(schema.alerts))).map((x) => x.id);
    await expect(callerFor(database, b.users.analyst.id, b.slug).alerts.decide({ id: aIds[0]!, status: "muted" })).rejects.toThrow(/not found/);
    const bRest = (await call(api.listAlerts, "/alerts", { key: (await createKey(database, b.id, "read")).key })).body.data as { alerts: { itemId: string }[] };
    expect(bRest.alerts.map((x) => x.itemId)).toEqual(["b-I1"]);
    // A member of a is no member of b.
    await expect(callerFor(database, a.users.owner.id, b.slug).alerts.list({})).rejects.toThrow(/No such workspace/);
  });

  it.runIf(driver === "postgres")("an alert raised through one connection pool reaches an SSE client of another (as two app processes)", async () => {
    const aborter = new AbortController();
    // The owner's pool stands in for a second app process: its own LISTEN connection, its own subscribers.
    const stream = await openAlertStream(database.owner, b.id, aborter.signal);
    const raised = await withTenant(database, b.id, (tx) => raiseAlert(tx, { kind: "price_error", severity: "high", reason: "Sold 3 units at a price of 0.00", date: "2026-03-06", storeId: "b-S1", itemId: "b-I1" }));
    const [event] = await readAlertEvents(stream, 1);
    expect(event).toMatchObject({ id: raised.id, kind: "price_error" });
    aborter.abort();
  });

  it.runIf(driver === "postgres")("a LISTEN on a second connection hears the NOTIFY, payload tenant id and alert id only", async () => {
    const listener = postgres(database.ownerUrl!, { max: 1, onnotice: () => {} });
    try {
      const heard: string[] = [];
      await listener.listen(ALERT_CHANNEL, (p) => heard.push(p));
      const raised = await withTenant(database, b.id, (tx) => raiseAlert(tx, { kind: "model", severity: "low", reason: "Version 2 promoted", date: "2026-03-05", storeId: null, itemId: null }));
      for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(heard).toEqual([`${b.id}:${raised.id}`]);
    } finally {
      await listener.end();
    }
  });
});
