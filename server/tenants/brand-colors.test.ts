import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/models/util";
import { DEFAULT_BRANDING } from "@/server/services/auth/sign-up";
import { BRAND_TINT_ALPHAS, brandCssVariables, contrastRatio, readableTextColor, relativeLuminance, textOnColor, tintOver } from "./brand-colors";

const SHELL_SURFACES = ["#ffffff", "#f8fafc"];

/** Every text/background pair the tenant shell paints with theme variables. */
function shellPairs(primaryColor: string, accentColor: string): Array<{ text: string; background: string; what: string }> {
  const v = brandCssVariables({ primaryColor, accentColor });
  const [brandText, accentText, onBrand] = [v["--color-brand-text"], v["--color-brand-accent-text"], v["--color-on-brand"]] as [string, string, string];
  return [
    ...SHELL_SURFACES.flatMap((s) => [
      { text: brandText, background: s, what: `brand text on ${s}` },
      { text: accentText, background: s, what: `accent text on ${s}` },
      ...BRAND_TINT_ALPHAS.map((a) => ({ text: brandText, background: tintOver(primaryColor, a, s), what: `brand text on brand/${a * 100} over ${s}` })),
    ]),
    { text: onBrand, background: primaryColor, what: "on-brand text on the brand fill" },
  ];
}

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

  it("composites a tint as the browser does (sRGB alpha blend)", () => {
    expect(tintOver("#000000", 0.1, "#ffffff")).toBe("#e6e6e6");
    expect(tintOver("#2563eb", 0, "#f8fafc")).toBe("#f8fafc");
    expect(tintOver("#2563eb", 1, "#ffffff")).toBe("#2563eb");
  });

  it("gives the sign-up default brand an active nav link of at least 4.5:1 (it was 4.48:1 on its tint)", () => {
    expect(contrastRatio(DEFAULT_BRANDING.primaryColor, tintOver(DEFAULT_BRANDING.primaryColor, 0.1, "#ffffff"))).toBeLessThan(4.5);
    for (const p of shellPairs(DEFAULT_BRANDING.primaryColor, DEFAULT_BRANDING.accentColor)) {
      expect(contrastRatio(p.text, p.background), p.what).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("reaches 4.5:1 for every text/background pair of the shell, whatever the brand colours", () => {
    const rand = mulberry32(20261202);
    const colour = () => `#${Math.floor(rand() * 0x1000000).toString(16).padStart(6, "0")}`;
    for (let i = 0; i < 500; i++) {
      const [primary, accent] = [colour(), colour()];
      for (const p of shellPairs(primary, accent)) {
        expect(contrastRatio(p.text, p.background), `${primary}/${accent}: ${p.what}`).toBeGreaterThanOrEqual(4.5);
      }
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
