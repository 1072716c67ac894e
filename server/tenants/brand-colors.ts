/**
 * Colours derived from a tenant's brand so that text always stays readable (WCAG 2 AA: 4.5:1 for
 * normal text). Tenants pick any primary and accent colour; we never show text in a colour that
 * fails the contrast bar, but darken it (keeping its hue) until it passes. Pure functions: the
 * tenant layout uses them for CSS variables, the branding form for its warning, PDFs later too.
 */

export const AA_TEXT_CONTRAST = 4.5;

/** The lightest surface text sits on (white cards) and the darkest (the slate-50 page background). */
const SURFACES = ["#ffffff", "#f8fafc"] as const;
// Pure black and white: for any background one of them reaches √21 ≈ 4.58:1, so text on a brand
// fill always passes AA (slate-900 would not on mid-tones such as #777777).
const DARK_TEXT = "#000000";
const LIGHT_TEXT = "#ffffff";

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) throw new Error(`not a #RRGGBB colour: ${hex}`);
  const n = Number.parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;

/** WCAG relative luminance of an sRGB colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours, 1 … 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Opacities at which the shell lays the brand colour over a surface behind brand-coloured text
 * (`bg-brand/5` backtest row, `bg-brand/10` active nav link, `bg-brand/15` on hover). The tint is
 * darker than the surface, so text checked against white alone can miss AA on it.
 */
export const BRAND_TINT_ALPHAS = [0.05, 0.1, 0.15] as const;

/** `hex` at `alpha` composited over an opaque `surface`, as the browser paints it (sRGB blend). */
export function tintOver(hex: string, alpha: number, surface: string): string {
  const [fg, bg] = [parseHex(hex), parseHex(surface)];
  return toHex(fg.map((c, i) => alpha * c + (1 - alpha) * (bg[i] ?? 0)) as Rgb);
}

/** Every background brand-coloured text sits on: the surfaces and the brand's tints over them. */
export function brandTextBackgrounds(primary: string): string[] {
  return [...SURFACES, ...SURFACES.flatMap((s) => BRAND_TINT_ALPHAS.map((a) => tintOver(primary, a, s)))];
}

const worstContrast = (hex: string, backgrounds: readonly string[]) => Math.min(...backgrounds.map((s) => contrastRatio(hex, s)));
const worstContrastOnSurfaces = (hex: string) => worstContrast(hex, SURFACES);

/**
 * The colour itself when text in it is readable on every background (default: the app's light
 * surfaces), otherwise the same hue mixed with black in small steps until it reaches `min`. Black
 * always does on light backgrounds such as the surfaces and brand tints of at most 15 %.
 */
export function readableTextColor(hex: string, min = AA_TEXT_CONTRAST, backgrounds: readonly string[] = SURFACES): string {
  const rgb = parseHex(hex);
  for (let k = 0; k <= 100; k++) {
    const candidate = toHex(rgb.map((c) => c * (1 - k / 100)) as Rgb);
    if (worstContrast(candidate, backgrounds) >= min) return candidate;
  }
  return "#000000";
}

/** White or black text, whichever reads better on a background of this colour. */
export function textOnColor(hex: string): string {
  return contrastRatio(LIGHT_TEXT, hex) >= contrastRatio(DARK_TEXT, hex) ? LIGHT_TEXT : DARK_TEXT;
}

/** Contrast of text in this colour on the app's light surfaces (for the branding form's warning). */
export function textContrastOnSurfaces(hex: string): number {
  return worstContrastOnSurfaces(hex);
}

/** The CSS variables of a tenant's theme: raw colours for fills and lines, derived ones for text. */
export function brandCssVariables(branding: { primaryColor: string; accentColor: string }): Record<string, string> {
  return {
    "--color-brand": branding.primaryColor,
    "--color-brand-accent": branding.accentColor,
    "--color-brand-text": readableTextColor(branding.primaryColor, AA_TEXT_CONTRAST, brandTextBackgrounds(branding.primaryColor)),
    "--color-brand-accent-text": readableTextColor(branding.accentColor),
    "--color-on-brand": textOnColor(branding.primaryColor),
  };
}
