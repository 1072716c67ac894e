import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { withTenant } from "@/server/db/tenant-context";
import { createRestApi } from "@/server/rest/endpoints";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import { call, createKey } from "./rest-client";

describe.each(testDrivers())("REST import and streaming ingest on %s", (driver) => {
  let database: Database;
  let api: ReturnType<typeof createRestApi>;
  let a: FixtureTenant;
  let b: FixtureTenant;
  let aRead: string;
  let aWrite: string;

  const sales = (tenantId: string) =>
    withTenant(database, tenantId, (tx) => executeRows<{ date: string; units: number; online_units: number; price: string | number; promo: boolean }>(tx, sql`select date::text as date, units, online_units, price, promo from sales order by date`));

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    api = createRestApi({ getDatabase: async () => database });
    a = await createFixtureTenant(database, "a");
    b = await createFixtureTenant(database, "b");
    aRead = (await createKey(database, a.id, "read")).key;
    aWrite = (await createKey(database, a.id, "write")).key;
  });
  afterAll(() => database.close());

  const importCall = (body: BodyInit, options: { key?: string; query?: string; headers?: Record<string, string>; source?: string } = {}) =>
    call(api.importCsv, `/import/${options.source ?? "sales"}`, {
      key: options.key ?? aWrite,
      method: "POST",
      params: { source: options.source ?? "sales" },
      query: options.query,
      headers: { "content-type": "text/csv", ...options.headers },
      body,
    });

  describe("POST /import/{source}", () => {
    it("imports a text/csv body, and the history answers GET /imports/{id}", async () => {
      const res = await importCall("date,store_id,item_id,units\n2026-03-01,a-S1,a-I1,9\n", { query: "fileName=march.csv" });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ status: "imported", rowsRead: 1, rowsInserted: 1 });
      const id = (res.body.data as { importId: string }).importId;
      const got = await call(api.getImport, `/imports/${id}`, { key: aRead, params: { id } });
      expect(got.body.data).toMatchObject({ importId: id, status: "imported" });
      const other = await call(api.getImport, `/imports/${id}`, { key: (await createKey(database, b.id, "read")).key, params: { id } });
      expect(other.status).toBe(404);
    });

    it("imports the `file` field of a multipart form", async () => {
      const form = new FormData();
      form.set("file", new Blob(["date,store_id,item_id,units\n2026-03-02,a-S1,a-I1,4\n"], { type: "text/csv" }), "upload.csv");
      const request = new Request("http://localhost/api/v1/import/sales", { method: "POST", body: form });
      const res = await call(api.importCsv, "/import/sales", { key: aWrite, method: "POST", params: { source: "sales" }, headers: { "content-type": request.headers.get("content-type")! }, body: await request.arrayBuffer() });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ status: "imported", rowsInserted: 1 });
    });

    it("a file with rejected rows is a 400 naming line, column and reason, and stores nothing", async () => {
      const before = await sales(a.id);
      const res = await importCall("date,store_id,item_id,units\n2026-03-03,a-S1,a-I1,2\n2026-03-04,a-S1,a-I1,-1\n");
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe("bad_request:rows");
      expect(res.body.error?.message).toMatch(/1 of 2 rows were rejected.*line 3, units "-1": is negative.*GET \/api\/v1\/imports\//);
      expect(await sales(a.id)).toEqual(before);
      const partial = await importCall("date,store_id,item_id,units\n2026-03-03,a-S1,a-I1,2\n2026-03-04,a-S1,a-I1,-1\n", { query: "mode=valid_rows" });
      expect(partial.body.data).toMatchObject({ status: "imported", rowsInserted: 1, rowsRejected: 1 });
    });

    it("refuses a read key, an unknown source, other media types and unreadable files", async () => {
      expect((await importCall("x", { key: aRead })).status).toBe(403);
      expect((await importCall("x", { source: "weather" })).body.error?.code).toBe("bad_request:validation");
      expect((await importCall("{}", { headers: { "content-type": "application/json" } })).status).toBe(415);
      const broken = await importCall('date,store_id,item_id,units\n2026-03-05,"a-S1,a-I1,2\n');
      expect(broken.status).toBe(400);
      expect(broken.body.error).toMatchObject({ code: "bad_request:csv" });
      expect((await importCall("a,b\n1,2\n", { query: "mapping=notjson" })).body.error?.message).toMatch(/mapping: Must be a JSON object/);
    });

    it("maps file columns named otherwise", async () => {
      const res = await importCall("Datum;Filiale;Artikel;Menge\n06.03.2026;a-S1;a-I1;5\n", { query: `mapping=${encodeURIComponent(JSON.stringify({ Datum: "date", Filiale: "store_id", Artikel: "item_id", Menge: "units" }))}` });
      expect(res.body.data).toMatchObject({ status: "imported", rowsInserted: 1, format: { delimiter: ";", dateFormat: "DD.MM.YYYY" } });
    });
  });

  describe("POST /ingest/sales", () => {
    const ingest = (body: unknown, key = aWrite) => call(api.ingestSales, "/ingest/sales", { key, method: "POST", body: JSON.stringify(body) });

    it("adds events to the day's sales; a resent batch changes nothing", async () => {
      const batch = {
        events: [
          { eventId: "e1", date: "2026-04-01", storeId: "a-S1", itemId: "a-I1", units: 2 },
          { eventId: "e2", date: "2026-04-01", storeId: "a-S1", itemId: "a-I1", units: 3, onlineUnits: 1, price: 2.5, promo: true },
          { eventId: "e2", date: "2026-04-01", storeId: "a-S1", itemId: "a-I1", units: 3 },
        ],
      };
      const first = await ingest(batch);
      expect(first.body.data).toEqual({ received: 3, accepted: 2, duplicates: 1, salesDays: 1, alertsRaised: 0 });
      const day = async () => (await sales(a.id)).find((s) => s.date === "2026-04-01");
      expect(await day()).toMatchObject({ units: 5, online_units: 1, promo: true });
      expect(Number((await day())?.price)).toBe(2.5);
      const again = await ingest(batch);
      expect(again.body.data).toEqual({ received: 3, accepted: 0, duplicates: 3, salesDays: 0, alertsRaised: 0 });
      expect(await day()).toMatchObject({ units: 5 });
      await ingest({ events: [{ eventId: "e3", date: "2026-04-01", storeId: "a-S1", itemId: "a-I1", units: 1 }] });
      expect(await day()).toMatchObject({ units: 6, promo: true });
      expect(Number((await day())?.price)).toBe(2.5);
    });

    it("a bad event is a 400 naming its index and field, and nothing of the batch is stored", async () => {
      const before = await sales(a.id);
      const good = { eventId: "g1", date: "2026-04-02", storeId: "a-S1", itemId: "a-I1", units: 1 };
      const cases: [unknown, RegExp][] = [
        [{ ...good, eventId: "g2", units: -1 }, /events\.1\.units/],
        [{ ...good, eventId: "g2", storeId: "b-S1" }, /events\.1\.storeId: "b-S1" is not a store of this workspace/],
        [{ ...good, eventId: "g2", date: "02/04/2026" }, /events\.1\.date: Dates are YYYY-MM-DD/],
        [{ ...good, eventId: "g2", colour: "red" }, /events\.1: Unrecognized key/],
      ];
      for (const [bad, message] of cases) {
        const res = await ingest({ events: [good, bad] });
        expect(res.status).toBe(400);
        expect(res.body.error?.message).toMatch(message);
      }
      expect(await sales(a.id)).toEqual(before);
      // The good event was not recorded as received either: sent alone now, it counts.
      expect((await ingest({ events: [good] })).body.data).toMatchObject({ accepted: 1 });
      expect((await ingest({ events: [good] }, aRead)).status).toBe(403);
    });
  });
});
