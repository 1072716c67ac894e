import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { importCsv } from "@/server/services/ingest/import-csv";
import type { ImportOptions } from "@/server/services/ingest/import-csv";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";

/** The bytes as an upload arrives: in small pieces, so records and characters straddle chunks. */
async function* chunked(content: string | Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe.each(testDrivers())("CSV import: bad input corpus on %s", (driver) => {
  let database: Database;
  let a: FixtureTenant;
  let b: FixtureTenant;
  let actor: Actor;

  /** Every sales row of tenant a as text, to prove a refused file stored nothing. */
  const salesOf = (tenantId: string) =>
    withTenant(database, tenantId, (tx) => executeRows<{ row: string }>(tx, sql`select (s.*)::text as row from sales s order by store_id, item_id, date`));
  const run = (csv: string | Uint8Array, options: Partial<ImportOptions> = {}) => importCsv(database, actor, { source: "sales", ...options }, chunked(csv));

  async function refusedWholeFile(csv: string | Uint8Array, message: RegExp, options: Partial<ImportOptions> = {}) {
    const before = await salesOf(a.id);
    const error = await run(csv, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(message);
    expect((error as AppError).status).toBe(400);
    expect(await salesOf(a.id)).toEqual(before);
  }

  async function refusedRows(csv: string, expected: { line: number; column: string | null; reason: RegExp }[], options: Partial<ImportOptions> = {}) {
    const before = await salesOf(a.id);
    const result = await run(csv, options);
    expect(result.status).toBe("rejected");
    expect(result.rowsInserted + result.rowsUpdated).toBe(0);
    expect(result.rejections).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(result.rejections[i]).toMatchObject({ line: e.line, column: e.column });
      expect(result.rejections[i]?.reason).toMatch(e.reason);
    });
    expect(await salesOf(a.id)).toEqual(before);
    return result;
  }

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    a = await createFixtureTenant(database, "a");
    b = await createFixtureTenant(database, "b");
    actor = { tenantId: a.id, userId: a.users.analyst.id, role: "analyst" };
  });
  afterAll(() => database.close());

  const HEADER = "date,store_id,item_id,units,price,discount,promo,online_units\n";

  it("imports a good file, and the same file again changes nothing", async () => {
    const csv = `${HEADER}2026-02-01,a-S1,a-I1,5,3.10,0,false,1\n2026-02-02,a-S1,a-I1,6,3.10,0.1,true,0\n`;
    const first = await run(csv);
    expect(first).toMatchObject({ status: "imported", rowsRead: 2, rowsRejected: 0, rowsInserted: 2, rowsUpdated: 0, rowsUnchanged: 0 });
    const after = await salesOf(a.id);
    const second = await run(csv);
    expect(second).toMatchObject({ status: "imported", rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 2 });
    expect(await salesOf(a.id)).toEqual(after);
    const changed = await run(`${HEADER}2026-02-01,a-S1,a-I1,7,3.10,0,false,1\n`);
    expect(changed).toMatchObject({ rowsInserted: 0, rowsUpdated: 1 });
  });

  it("wrong delimiter: a one-column header names the delimiter it contains", async () => {
    await refusedWholeFile("date;store_id;item_id;units\n2026-02-01;a-S1;a-I1;5\n", /lacks the required columns.*semicolons rather than commas/, { delimiter: "," });
  });

  it("missing required columns are named", async () => {
    await refusedWholeFile("date,store_id,units\n2026-02-01,a-S1,5\n", /lacks the required column item_id for sales/);
  });

  it("text in numeric columns, negative units, shares over 1: every bad cell with line and column", async () => {
    await refusedRows(`${HEADER}2026-03-01,a-S1,a-I1,five,3,0,false,0\n2026-03-02,a-S1,a-I1,-2,3,0,false,0\n2026-03-03,a-S1,a-I1,1,abc,1.5,maybe,0\n`, [
      { line: 2, column: "units", reason: /is not a whole number/ },
      { line: 3, column: "units", reason: /is negative/ },
      { line: 4, column: "price", reason: /is not a number/ },
      { line: 4, column: "discount", reason: /is above 1/ },
      { line: 4, column: "promo", reason: /is not yes\/no/ },
    ]);
  });

  it("three date formats: each one alone is detected; mixed, the odd ones are rejected; ambiguous asks", async () => {
    for (const [date, iso] of [["2026-04-13", "2026-04-13"], ["13/04/2026", "2026-04-13"], ["04/13/2026", "2026-04-13"], ["13.04.2026", "2026-04-13"]] as const) {
      const result = await run(`date,store_id,item_id,units\n${date},a-S1,a-I1,3\n`);
      expect(result.status, date).toBe("imported");
      const [row] = await withTenant(database, a.id, (tx) => executeRows<{ units: number }>(tx, sql`select units from sales where date = ${iso}`));
      expect(row?.units).toBe(3);
    }
    await refusedRows("date,store_id,item_id,units\n2026-04-14,a-S1,a-I1,3\n2026-04-15,a-S1,a-I1,3\n15/04/2026,a-S1,a-I1,3\n04/16/2026,a-S1,a-I1,3\n", [
      { line: 4, column: "date", reason: /not a date in the file's format YYYY-MM-DD/ },
      { line: 5, column: "date", reason: /not a date in the file's format YYYY-MM-DD/ },
    ]);
    await refusedWholeFile("date,store_id,item_id,units\n01/02/2026,a-S1,a-I1,3\n", /read as DD\/MM\/YYYY or MM\/DD\/YYYY; choose the file's date format/);
    expect((await run("date,store_id,item_id,units\n01/02/2026,a-S1,a-I1,3\n", { dateFormat: "MM/DD/YYYY", mode: "validate" })).format?.dateFormat).toBe("MM/DD/YYYY");
  });

  it("a byte-order mark, CRLF line ends, quoted fields and Windows-1252 are read", async () => {
    const result = await run(`\uFEFFdate,store_id,item_id,units,note\r\n2026-05-01,a-S1,a-I1,4,"one, two"\r\n`);
    expect(result).toMatchObject({ status: "imported", rowsInserted: 1, format: { bom: true, encoding: "utf-8", extraColumns: ["note"] } });
    const [row] = await withTenant(database, a.id, (tx) => executeRows<{ extra: unknown }>(tx, sql`select extra from sales where date = '2026-05-01'`));
    expect(row?.extra).toEqual({ note: "one, two" });
    const latin = Uint8Array.from([...new TextEncoder().encode("date;store_id;item_id;units;price;note\n2026-05-02;a-S1;a-I1;4;3,49;caf"), 0xe9, 0x0a]);
    const win = await run(latin);
    expect(win).toMatchObject({ status: "imported", format: { encoding: "windows-1252", delimiter: ";" } });
    const [cafe] = await withTenant(database, a.id, (tx) => executeRows<{ note: string; price: string | number }>(tx, sql`select extra->>'note' as note, price from sales where date = '2026-05-02'`));
    expect(cafe).toMatchObject({ note: "café" });
    expect(Number(cafe?.price)).toBe(3.49);
  });

  it("a 10 MB single line is refused without reading it whole", async () => {
    await refusedWholeFile(`${HEADER}2026-06-01,a-S1,a-I1,1,3,0,false,${"9".repeat(10 * 1024 * 1024)}\n`, /Line 2 holds a record longer than 1 MB/);
  });

  it("duplicate keys: the repeat names the line it repeats", async () => {
    await refusedRows(`${HEADER}2026-06-02,a-S1,a-I1,1,3,0,f,0\n2026-06-03,a-S1,a-I1,1,3,0,f,0\n2026-06-02,a-S1,a-I1,2,3,0,f,0\n`, [
      { line: 4, column: null, reason: /repeats the store_id, item_id, date of line 2/ },
    ]);
  });

  it("another tenant's store id is an unknown store", async () => {
    await refusedRows(`${HEADER}2026-06-04,b-S1,a-I1,1,3,0,f,0\n2026-06-04,a-S1,b-I1,1,3,0,f,0\n`, [
      { line: 2, column: "store_id", reason: /is not a store of this workspace/ },
      { line: 3, column: "item_id", reason: /is not an item of this workspace/ },
    ]);
    expect((await salesOf(b.id)).length).toBe(2);
  });

  it("formula injection in text fields is refused", async () => {
    const before = await withTenant(database, a.id, (tx) => executeRows(tx, sql`select * from stores order by id`));
    const result = await importCsv(database, actor, { source: "stores" }, chunked('store_id,name,city\nS9,"=HYPERLINK(""http://evil.test"",""x"")",Berlin\nS10,@SUM(A1),Paris\nS11,-2+3,Rome\nS12,Shop 12,+49 30 1234\n'));
    expect(result.status).toBe("rejected");
    expect(result.rejections.map((r) => [r.line, r.column])).toEqual([[2, "name"], [3, "name"], [4, "name"]]);
    expect(result.rejections[0]?.reason).toMatch(/spreadsheet formula/);
    expect(await withTenant(database, a.id, (tx) => executeRows(tx, sql`select * from stores order by id`))).toEqual(before);
  });

  it("a NUL character in a kept extra column rejects its row", async () => {
    await refusedRows("date,store_id,item_id,units,note\n2026-06-07,a-S1,a-I1,1,a\u0000b\n", [{ line: 2, column: "note", reason: /contains a NUL character/ }]);
  });

  it("a row with the wrong number of fields, and an empty required cell", async () => {
    await refusedRows(`${HEADER}2026-06-05,a-S1,a-I1,1\n2026-06-06,a-S1,,1,3,0,f,0\n`, [
      { line: 2, column: null, reason: /has 4 fields; the header has 8/ },
      { line: 3, column: "item_id", reason: /is required but empty/ },
    ]);
  });

  it("valid_rows imports what passes and reports the rest; validate stores nothing but the report", async () => {
    const csv = `${HEADER}2026-07-01,a-S1,a-I1,1,3,0,f,0\n2026-07-02,a-S1,a-I1,x,3,0,f,0\n2026-07-03,zz,a-I1,1,3,0,f,0\n`;
    const before = await salesOf(a.id);
    const preview = await run(csv, { mode: "validate" });
    expect(preview).toMatchObject({ status: "validated", rowsRead: 3, rowsRejected: 2, rowsInserted: 1 });
    expect(await salesOf(a.id)).toEqual(before);
    const partial = await run(csv, { mode: "valid_rows" });
    expect(partial).toMatchObject({ status: "imported", rowsRead: 3, rowsRejected: 2, rowsInserted: 1 });
    expect((await salesOf(a.id)).length).toBe(before.length + 1);
  });

  it("a missing price takes the item's base price", async () => {
    await run("date,store_id,item_id,units\n2026-07-10,a-S1,a-I1,2\n");
    const [row] = await withTenant(database, a.id, (tx) => executeRows<{ price: string | number }>(tx, sql`select price from sales where date = '2026-07-10'`));
    expect(Number(row?.price)).toBe(3);
  });

  it("an empty file and a header-only file", async () => {
    await refusedWholeFile("", /The file is empty/);
    expect(await run(HEADER)).toMatchObject({ status: "imported", rowsRead: 0, rowsInserted: 0 });
  });
});
