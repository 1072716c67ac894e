import { describe, expect, it } from "vitest";
import { activeSeriesAt, dateOfDay, hideAfter, panelFromRows } from "./index";

describe("panelFromRows", () => {
  const sales = [
    { date: "2024-02-27", storeId: "S2", itemId: "A", units: 2, price: 4, promo: true },
    { date: "2024-02-28", storeId: "S2", itemId: "A", units: 1 },
    { date: "2024-03-01", storeId: "S2", itemId: "A", units: 0, price: 5, censored: true },
    { date: "2024-02-28", storeId: "S1", itemId: "A", units: 3, price: 4, onlineUnits: 1 },
  ];

  it("builds a contiguous calendar across a leap day, sorted series and carried prices", () => {
    const panel = panelFromRows({ sales, missingRows: "zero" });
    expect(panel.dates).toEqual(["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(panel.series.map((s) => s.storeId)).toEqual(["S1", "S2"]);
    const s2 = panel.series[1]!;
    expect(Array.from(s2.units)).toEqual([2, 1, 0, 0]);
    expect(Array.from(s2.price!)).toEqual([4, 4, 4, 5]);
    expect(Array.from(s2.promo!)).toEqual([1, 0, 0, 0]);
    expect(Array.from(s2.censored)).toEqual([0, 0, 0, 1]);
    expect(s2.onlineUnits?.[0]).toBe(0);
    expect(panel.has).toMatchObject({ price: true, promo: true, onlineUnits: true, censored: true, discount: false, markdown: false });
    expect(dateOfDay(panel, 5)).toBe("2024-03-03");
  });

  it("rejects bad rows naming the row", () => {
    expect(() => panelFromRows({ sales: [{ date: "2024-02-30", storeId: "S", itemId: "A", units: 1 }] })).toThrow(/row 1: date "2024-02-30"/);
    expect(() => panelFromRows({ sales: [{ date: "2024-02-01", storeId: "S", itemId: "A", units: 1, discount: 30 }] })).toThrow(/discount 30 is outside 0–1/);
  });

  it("hides what happens after an origin but keeps planned prices", () => {
    const panel = panelFromRows({ sales, missingRows: "zero" });
    const seen = hideAfter(panel, 1);
    const s2 = seen.series[1]!;
    expect(Array.from(s2.units)).toEqual([2, 1, Number.NaN, Number.NaN]);
    expect(Array.from(s2.censored)).toEqual([0, 0, 0, 0]);
    expect(s2.price?.[3]).toBe(5);
    expect(panel.series[1]!.units[2]).toBe(0);
    expect(activeSeriesAt(panel, 0)).toEqual([1]);
    expect(activeSeriesAt(panel, 3)).toEqual([1]);
  });
});
