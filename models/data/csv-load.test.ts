import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CsvError, loadPanelFromCsvDir } from "./index";

const dirs: string[] = [];
function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "panel-csv-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function loadError(dir: string): CsvError {
  try {
    loadPanelFromCsvDir(dir);
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error("expected a CsvError");
}

describe("loadPanelFromCsvDir", () => {
  it("loads sales alone: no prices, no optional files, extra columns reported", () => {
    const dir = dirWith({
      "sales.csv": [" Date , Store_ID,item_id,units,weather", "2024-01-01,S1,A,3,sunny", "2024-01-02,S1,A,0,rain", "2024-01-03,S1,A,2,", "2024-01-02,S1,B,5,"].join("\n"),
    });
    const panel = loadPanelFromCsvDir(dir);
    expect(panel.dates).toEqual(["2024-01-01", "2024-01-02", "2024-01-03"]);
    expect(panel.has.price).toBe(false);
    expect(panel.has.calendar).toBe(false);
    expect(panel.stores.size).toBe(0);
    const [a, b] = panel.series;
    expect(a?.price).toBeUndefined();
    expect(Array.from(a!.units)).toEqual([3, 0, 2]);
    // B sold only on day 1: inactive before and after, not zero.
    expect(b?.firstDay).toBe(1);
    expect(b?.lastDay).toBe(1);
    expect(Array.from(b!.units)).toEqual([Number.NaN, 5, Number.NaN]);
    expect(panel.warnings.join("\n")).toContain('"weather"');
  });

  it("reads missing rows as zeros in a sparse export and whole missing dates as gaps", () => {
    const rows = ["date,store_id,item_id,units,price"];
    const items = ["A", "B", "C", "D", "E", "F"];
    for (let day = 1; day <= 9; day++) {
      if (day === 5) continue; // no file rows at all on the 5th
      for (const item of items) if (!(item === "A" && day % 2 === 0)) rows.push(`2024-03-0${day},S1,${item},4,2.50`);
    }
    rows.push("2024-03-09,S1,A,1,2.00");
    const panel = loadPanelFromCsvDir(dirWith({ "sales.csv": rows.join("\n") }));
    const a = panel.series.find((s) => s.itemId === "A")!;
    // Days 2, 4, 6, 8 have no A row while others sold: zero. Day 5 (index 4) has no rows at all: unknown.
    expect(Array.from(a.units)).toEqual([4, 0, 4, 0, Number.NaN, 0, 4, 0, 5]);
    expect(a.price?.[1]).toBeCloseTo(2.5);
    expect(panel.warnings.join("\n")).toMatch(/1 duplicate/);
    expect(panel.warnings.join("\n")).toMatch(/1 dates have no rows/);
  });

  it("reads missing rows as unknown in a dense export", () => {
    const rows = ["date,store_id,item_id,units"];
    for (let day = 10; day <= 31; day++) if (day !== 20) rows.push(`2024-01-${day},S1,A,${day % 3}`);
    for (let day = 10; day <= 31; day++) rows.push(`2024-01-${day},S1,B,1`);
    const panel = loadPanelFromCsvDir(dirWith({ "sales.csv": rows.join("\n") }));
    const a = panel.series[0]!;
    expect(a.firstDay).toBe(0);
    expect(Number.isNaN(a.units[10]!)).toBe(true);
    expect(a.units[11]).toBe(21 % 3);
  });

  it("keeps store and catalog extras, reads calendar flags and names, inventory stockouts", () => {
    const dir = dirWith({
      "sales.csv": "date,store_id,item_id,units,price,discount,promo\n2024-12-24,S1,A,3,10,20,1\n2024-12-25,S1,A,0,10,,0\n2024-12-26,S1,A,1,10,0,no\n",
      "stores.csv": "store_id,size_sqm,region,manager\nS1,1200,North,Ann\n",
      "catalog.csv": "item_id,category,base_price,unit_cost,colour\nA,Dairy,10,6,white\n",
      "calendar.csv": "date,holiday_name,is_black_friday,temperature\n2024-12-25,Christmas,0,3.5\n2024-11-29,,1,8\n2025-01-01,New Year,,2\n",
      "inventory.csv": "date,store_id,item_id,on_hand\n2024-12-25,S1,A,0\n2024-12-26,S1,A,7\n",
    });
    const panel = loadPanelFromCsvDir(dir);
    expect(panel.stores.get("S1")).toMatchObject({ sizeSqm: 1200, region: "North", extra: { manager: "Ann" } });
    expect(panel.items.get("A")).toMatchObject({ category: "Dairy", basePrice: 10, unitCost: 6, extra: { colour: "white" } });
    expect(panel.events.get("2024-12-25")).toEqual(["Christmas"]);
    expect(panel.events.get("2024-11-29")).toEqual(["black_friday"]);
    expect(panel.events.get("2025-01-01")).toEqual(["New Year"]);
    expect(panel.warnings.join("\n")).toContain('"temperature"');
    const a = panel.series[0]!;
    expect(Array.from(a.censored)).toEqual([0, 1, 0]);
    expect(a.discount?.[0]).toBeCloseTo(0.2); // 20 read as a percentage
    expect(Array.from(a.promo!)).toEqual([1, 0, 0]);
  });

  it("names the file, line and column of bad rows", () => {
    const dir = dirWith({ "sales.csv": "date,store_id,item_id,units\n2024-01-01,S1,A,3\n\n2024-01-02,S1,A,abc\n2024-13-01,S1,A,1\n" });
    const error = loadError(dir);
    expect(error.message).toContain('sales.csv line 4, column "units": "abc" is not a number');
    expect(error.message).toContain('sales.csv line 5, column "date"');
    expect(error.problems).toHaveLength(2);
  });

  it("counts lines across quoted cells that span lines", () => {
    const dir = dirWith({
      "sales.csv": "date,store_id,item_id,units\n2024-01-01,S1,A,3\n",
      "stores.csv": 'store_id,size_sqm,note\nS1,100,"two\nlines"\nS2,big,x\n',
    });
    expect(loadError(dir).message).toContain('stores.csv line 4, column "size_sqm": "big" is not a number');
  });

  it("rejects discounts that are neither fractions nor percentages, naming the header used", () => {
    const dir = dirWith({ "sales.csv": "date,store_id,item_id,units,discount_rate\n2024-01-01,S1,A,3,10\n2024-01-02,S1,A,3,250\n" });
    expect(loadError(dir).message).toBe('sales.csv line 3, column "discount_rate": 250 is neither a fraction (0–1) nor a percentage (0–100)');
  });

  it("requires sales.csv and its columns", () => {
    expect(loadError(dirWith({})).message).toMatch(/sales\.csv: not found/);
    expect(loadError(dirWith({ "sales.csv": "date,store_id,item_id\n2024-01-01,S1,A\n" })).message).toMatch(/missing required column "units"/);
  });
});
