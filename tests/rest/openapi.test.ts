import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/database";
import { createRestApi } from "@/server/rest/endpoints";
import { buildOpenApiDocument, serveOpenApiDocument } from "@/server/rest/openapi";
import { createFixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import { call, createKey } from "./rest-client";

type Schema = { type?: string | string[]; anyOf?: Schema[]; $ref?: string; required?: string[]; properties?: Record<string, Schema> };

/** The JSON types a schema allows (enough of JSON Schema for the flat shapes the API returns). */
function allowedTypes(schema: Schema): string[] {
  if (schema.anyOf) return schema.anyOf.flatMap(allowedTypes);
  return [schema.type ?? []].flat().map((t) => (t === "integer" ? "number" : t));
}
const jsonType = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/** Checks a response object against a component: required keys present, no undocumented keys, types match. */
function expectMatches(value: Record<string, unknown>, schema: Schema) {
  expect(Object.keys(value).sort()).toEqual(expect.arrayContaining([...(schema.required ?? [])].sort()));
  for (const [key, v] of Object.entries(value)) {
    const property = schema.properties?.[key];
    expect(property, `undocumented key ${key}`).toBeDefined();
    expect(allowedTypes(property!), `type of ${key}`).toContain(jsonType(v));
  }
}

describe("OpenAPI document", () => {
  const doc = buildOpenApiDocument();
  const schemas = doc.components.schemas as Record<string, Schema>;

  it("is an OpenAPI 3.1 JSON document with the endpoints and bearer security", async () => {
    const response = serveOpenApiDocument();
    expect(response.status).toBe(200);
    const served = (await response.json()) as typeof doc;
    expect(served).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(served.openapi).toMatch(/^3\.1\./);
    expect(served.servers).toEqual([{ url: "/api/v1" }]);
    expect(Object.keys(served.paths).sort()).toEqual(["/actions", "/actions/{id}/accept", "/actions/{id}/dismiss", "/alerts", "/assistant", "/expansion/analyse", "/explain", "/forecasts", "/forecasts/aggregate", "/import/{source}", "/imports/{id}", "/ingest/sales", "/inventory/recommendations", "/items", "/items/{id}", "/pricing/curve", "/pricing/markdown", "/pricing/recommendation", "/reports/executive", "/reports/forecast", "/sales/summary", "/scenarios", "/scenarios/{id}", "/stores"]);
    expect(Object.keys(served.paths["/items/{id}"]!)).toEqual(["patch"]);
    for (const path of ["/actions/{id}/accept", "/actions/{id}/dismiss"]) expect(Object.keys(served.paths[path]!)).toEqual(["post"]);
    for (const path of ["/stores", "/items", "/sales/summary", "/actions", "/alerts", "/inventory/recommendations", "/forecasts", "/forecasts/aggregate"]) expect(Object.keys(served.paths[path]!)).toEqual(["get"]);
    expect(served.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(served.security).toEqual([{ bearerAuth: [] }]);
  });

  it("documents parameters, bodies and errors from the zod schemas", () => {
    const summary = doc.paths["/sales/summary"]!.get as { parameters: { name: string; in: string; schema: Schema }[] };
    expect(summary.parameters.map((p) => p.name)).toEqual(["from", "to", "storeId", "category", "itemId", "granularity"]);
    expect(summary.parameters.find((p) => p.name === "granularity")?.schema).toMatchObject({ enum: ["day", "week", "month"] });
    const items = doc.paths["/items"]!.get as { parameters: { name: string; schema: Schema }[] };
    expect(items.parameters.find((p) => p.name === "limit")?.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 500, default: 50 });
    const patch = doc.paths["/items/{id}"]!.patch as { parameters: { in: string; required: boolean }[]; requestBody: { content: Record<string, { schema: Schema & { additionalProperties?: boolean } }> }; responses: Record<string, unknown> };
    expect(patch.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
    const body = patch.requestBody.content["application/json"]!.schema;
    expect(Object.keys(body.properties ?? {}).sort()).toEqual(["basePrice", "brand", "category", "name", "subcategory", "unitCost"]);
    expect(body.additionalProperties).toBe(false);
    expect(Object.keys(patch.responses).sort()).toEqual(["200", "400", "401", "403", "404", "413", "429", "500", "503"]);
    expect(schemas.Error?.properties?.error?.required).toEqual(["code", "message"]);
    const upload = doc.paths["/import/{source}"]!.post as { requestBody: { content: Record<string, unknown> }; responses: Record<string, unknown>; parameters: { name: string }[] };
    expect(Object.keys(upload.requestBody.content).sort()).toEqual(["multipart/form-data", "text/csv"]);
    expect(upload.parameters.map((p) => p.name)).toEqual(["source", "mode", "delimiter", "dateFormat", "fileName", "mapping"]);
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(["200", "400", "403", "413", "415"]));
  });

  it("has no dangling $ref", () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(schemas).toHaveProperty(ref.slice('"$ref":"#/components/schemas/'.length, -1));
  });

  describe.each(testDrivers())("matches real responses on %s", (driver) => {
    let database: Database;
    let key: string;
    const api = createRestApi({ getDatabase: async () => database });

    beforeAll(async () => {
      database = await createTestDatabase(driver);
      const tenant = await createFixtureTenant(database, "o");
      key = (await createKey(database, tenant.id, "read")).key;
    });
    afterAll(() => database.close());

    it("an item from GET /items has exactly the Item schema's keys and types", async () => {
      const res = await call(api.listItems, "/items", { key });
      const list = res.body.data as { items: Record<string, unknown>[] };
      expectMatches(res.body.data as Record<string, unknown>, schemas.ItemList!);
      expect(list.items).toHaveLength(1);
      expectMatches(list.items[0]!, schemas.Item!);
      expect(Object.keys(list.items[0]!).sort()).toEqual(Object.keys(schemas.Item!.properties!).sort());
    });

    it("stores and the sales summary match their schemas", async () => {
      const stores = (await call(api.listStores, "/stores", { key })).body.data as Record<string, unknown>[];
      expectMatches(stores[0]!, schemas.Store!);
      const summary = (await call(api.salesSummary, "/sales/summary", { key })).body.data as Record<string, unknown>;
      expectMatches(summary, schemas.SalesSummary!);
    });
  });
});
