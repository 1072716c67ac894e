import { describe, expect, it } from "vitest";
import { exportCell, exportCsv, looksLikeFormula } from "./csv-cell";

describe("CSV cells the product exports", () => {
  it("neutralises anything a spreadsheet would run as a formula", () => {
    for (const formula of ['=HYPERLINK("http://evil.test","x")', "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3", "\t=1", "\r=1"]) {
      expect(looksLikeFormula(formula), formula).toBe(true);
      expect(exportCell(formula).replace(/^"/, "").startsWith("'"), formula).toBe(true);
    }
  });

  it("leaves numbers, phone numbers and plain text as they are", () => {
    for (const plain of ["-5", "+49 30 1234", "3.5", "Oat milk", "a=b"]) expect(exportCell(plain)).toBe(plain);
    expect(exportCell(-2.5)).toBe("-2.5");
    expect(exportCell(null)).toBe("");
  });

  it("quotes delimiters, quotes and line breaks", () => {
    expect(exportCsv(["a", "b"], [['x, "y"', "line\nbreak"]])).toBe('a,b\n"x, ""y""","line\nbreak"\n');
    expect(exportCell('=1,"2"')).toBe(`"'=1,""2"""`);
  });
});
