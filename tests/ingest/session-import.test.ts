import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/database";
import { sessionImportHandler } from "@/server/http/session-import";
import type { ImportStreamLine } from "@/server/http/session-import";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";

describe.each(testDrivers())("the Data page's upload route on %s", (driver) => {
  let database: Database;
  let a: FixtureTenant;
  let userId: string | null = null;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    a = await createFixtureTenant(database, "a");
  });
  afterAll(() => database.close());

  const handler = () => sessionImportHandler({ getDatabase: async () => database, getUserId: async () => userId });
  const post = (source: string, body: string, contentType = "text/csv", query = "") =>
    handler()(new Request(`http://localhost/api/import/${a.slug}/${source}${query}`, { method: "POST", headers: { "content-type": contentType }, body }), {
      params: Promise.resolve({ tenant: a.slug, source }),
    });
  const lines = async (res: Response) =>
    (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as ImportStreamLine);

  it("an analyst's upload streams its outcome as NDJSON", async () => {
    userId = a.users.analyst.id;
    const res = await post("sales", "date,store_id,item_id,units\n2026-08-01,a-S1,a-I1,3\n", "text/csv", "?mode=validate");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    expect((await lines(res)).at(-1)).toMatchObject({ result: { status: "validated", rowsInserted: 1 } });
  });

  it("a file error arrives as the last line, with its code", async () => {
    userId = a.users.analyst.id;
    expect((await lines(await post("sales", "date,units\n2026-08-01,3\n"))).at(-1)).toMatchObject({ error: { code: "bad_request:csv" } });
  });

  it("refuses, before reading the file: signed out, a viewer, another workspace, an unknown source, another media type", async () => {
    userId = null;
    expect((await post("sales", "x")).status).toBe(401);
    userId = a.users.viewer.id;
    const viewer = await post("sales", "x");
    expect(viewer.status).toBe(403);
    expect(((await viewer.json()) as { error: { message: string } }).error.message).toMatch(/analyst role or higher; you are viewer/);
    const b = await createFixtureTenant(database, "b");
    userId = b.users.owner.id;
    expect((await post("sales", "x")).status).toBe(404);
    userId = a.users.owner.id;
    expect((await post("weather", "x")).status).toBe(404);
    expect((await post("sales", "x", "text/plain")).status).toBe(415);
  });
});
