import { describe, expect, it } from "vitest";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import { csvField, DEMO_TABLES, demoDataCopyChunks, demoDataRowCounts } from "./demo-data-csv";
import { generateTenantData } from "./generate-tenant-data";

describe("csvField", () => {
  it("writes NULL, empty strings, booleans and numbers the way COPY reads them", () => {
    expect(csvField(null)).toBe("");
    expect(csvField("")).toBe('""');
    expect(csvField(true)).toBe("t");
    expect(csvField(3.49)).toBe("3.49");
    expect(() => csvField(Number.NaN)).toThrow();
  });

  it("quotes separators, quotes, line breaks and backslashes", () => {
    expect(csvField("Half & Half 32 oz")).toBe("Half & Half 32 oz");
    expect(csvField("Milk, whole")).toBe('"Milk, whole"');
    expect(csvField('12" pizza')).toBe('"12"" pizza"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("\\.")).toBe('"\\."');
  });
});

describe("demoDataCopyChunks", () => {
  it("covers every table, parents first, with as many CSV lines as rows", async () => {
    const [config] = await loadTenantConfigs();
    if (!config) throw new Error("no tenant configs");
    const data = generateTenantData(config, { scale: { stores: 2, items: 5, days: 40 } });
    const tenantId = "00000000-0000-4000-8000-000000000001";
    const chunks = [...demoDataCopyChunks(data, tenantId, 100)];
    expect(chunks.slice(0, 2).map((c) => c.table)).toEqual(["stores", "items"]);
    const lines: Record<string, number> = {};
    for (const chunk of chunks) {
      expect(chunk.rows).toBeLessThanOrEqual(100);
      expect(chunk.columns[0]).toBe("tenant_id");
      const chunkLines = chunk.csv.split("\n").slice(0, -1);
      expect(chunkLines).toHaveLength(chunk.rows);
      for (const line of chunkLines) expect(line.startsWith(`${tenantId},`)).toBe(true);
      lines[chunk.table] = (lines[chunk.table] ?? 0) + chunk.rows;
    }
    const counts = demoDataRowCounts(data);
    for (const table of DEMO_TABLES) expect(lines[table] ?? 0).toBe(counts[table]);
  });
});
