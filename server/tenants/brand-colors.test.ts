import { describe, expect, it } from "vitest";
import { brandCssVariables, contrastRatio, readableTextColor, relativeLuminance, textOnColor } from "./brand-colors";

describe("brand colours", () => {
  it("computes WCAG luminance and contrast (published reference values)", () => {
    expect(relativeLuminance("#ffffff")).toBeCloseTo(1, 6);
    expect(relativeLuminance("#000000")).toBeCloseTo(0, 6);
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 6);
    // #767676 is the classic lightest grey that passes AA on white (4.54:1).
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#ffffff", "#767676")).toBeCloseTo(contrastRatio("#767676", "#ffffff"), 10);
  });

  it("keeps a colour that already reads well and darkens one that does not, to at least 4.5:1", () => {
    expect(readableTextColor("#1f2937")).toBe("#1f2937");
    for (const hex of ["#F2A900", "#E8715A", "#ffff00", "#ffffff", "#2563eb", "#1F7A3F", "#3A2E7A", "#00ffcc"]) {
      const text = readableTextColor(hex);
      expect(contrastRatio(text, "#ffffff")).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(text, "#f8fafc")).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("keeps the hue when darkening (channels shrink in proportion)", () => {
    const text = readableTextColor("#F2A900");
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(text.slice(i, i + 2), 16));
    expect(b).toBe(0);
    expect((g ?? 0) / (r ?? 1)).toBeCloseTo(0xa9 / 0xf2, 1);
  });

  it("picks white on dark brand backgrounds and dark text on light ones", () => {
    expect(textOnColor("#3A2E7A")).toBe("#ffffff");
    expect(textOnColor("#F2A900")).toBe("#000000");
    for (const hex of ["#3A2E7A", "#F2A900", "#1F7A3F", "#ffff00", "#777777", "#757575", "#7a7a7a", "#ff0000"]) {
      expect(contrastRatio(textOnColor(hex), hex)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("names every theme variable", () => {
    expect(Object.keys(brandCssVariables({ primaryColor: "#1F7A3F", accentColor: "#F2A900" }))).toEqual([
      "--color-brand",
      "--color-brand-accent",
      "--color-brand-text",
      "--color-brand-accent-text",
      "--color-on-brand",
    ]);
  });
});
