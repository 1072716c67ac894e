import "server-only";
import createDOMPurify from "dompurify";
import { JSDOM } from "jsdom";
import type { BRAND_IMAGE_TYPES, BrandAssetKind } from "@/drizzle/schema";
import { AppError } from "@/server/errors/app-error";

/** Largest logo accepted: brand marks are small; anything bigger is a photo or a mistake. */
export const LOGO_MAX_BYTES = 256 * 1024;
/** Largest favicon: a multi-size ICO of 16–48 px icons is a few KB; a 256 px PNG well under this. */
export const FAVICON_MAX_BYTES = 100 * 1024;

export type BrandImageType = (typeof BRAND_IMAGE_TYPES)[number];
export type CheckedBrandImage = { contentType: BrandImageType; bytes: Uint8Array; removed: string[] };

/** What each kind of brand image may be: its size limit, types and the words messages use. */
export const BRAND_IMAGE_RULES: Record<BrandAssetKind, { maxBytes: number; types: readonly BrandImageType[]; noun: string; Noun: string }> = {
  logo: { maxBytes: LOGO_MAX_BYTES, types: ["image/png", "image/svg+xml"], noun: "logo", Noun: "Logos" },
  favicon: { maxBytes: FAVICON_MAX_BYTES, types: ["image/png", "image/svg+xml", "image/x-icon"], noun: "favicon", Noun: "Favicons" },
};

const TYPE_NAMES: Record<BrandImageType, { article: string; extensions: string[] }> = {
  "image/png": { article: "a PNG", extensions: ["png"] },
  "image/svg+xml": { article: "an SVG", extensions: ["svg"] },
  "image/x-icon": { article: "an ICO", extensions: ["ico"] },
};
// Browsers and tools label ICO files either way.
const TYPE_ALIASES: Record<string, BrandImageType> = { "image/vnd.microsoft.icon": "image/x-icon" };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const purify = createDOMPurify(new JSDOM("").window as unknown as Window & typeof globalThis);
let removedByHooks: string[] = [];
// References outside the image itself (http:, data:, file:, other documents) are what make an
// SVG fetch or leak anything: only same-document fragments (#id) stay.
purify.addHook("afterSanitizeAttributes", (node) => {
  for (const name of ["href", "xlink:href"]) {
    const value = node.getAttribute(name);
    if (value !== null && !value.trim().startsWith("#")) {
      node.removeAttribute(name);
      removedByHooks.push(`external reference ${name}="${value.slice(0, 40)}"`);
    }
  }
  const style = node.getAttribute("style");
  if (style && /url\(\s*['"]?(?!#)/i.test(style)) {
    node.removeAttribute("style");
    removedByHooks.push("style with an external url()");
  }
});

/** An ICO header: reserved 0, type 1 (icon), then 1–255 images. */
const isIco = (bytes: Uint8Array) => bytes.length >= 22 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 1 && bytes[3] === 0 && (bytes[4]! > 0 || bytes[5]! > 0);

function sniff(bytes: Uint8Array): BrandImageType | null {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return "image/png";
  if (isIco(bytes)) return "image/x-icon";
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, "");
  // An optional XML declaration, doctype and comments, then the <svg> root.
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head)) return "image/svg+xml";
  return null;
}

/** Scripts, event handlers, foreign content and external references removed; what went is listed. */
export function sanitizeSvg(svg: string): { svg: string; removed: string[] } {
  removedByHooks = [];
  const clean = purify.sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true }, FORBID_TAGS: ["style", "foreignObject", "a"] });
  // DOMPurify reports the <body> wrapper it parses the string into; that was never in the file.
  const reported = purify.removed.filter((r) => !("element" in r && r.element?.nodeName === "BODY"));
  const removed = [
    ...reported.map((r) => ("element" in r && r.element ? `<${r.element.nodeName.toLowerCase()}> element` : "attribute" in r && r.attribute ? `${r.attribute.name} attribute` : "content")),
    ...removedByHooks,
  ];
  return { svg: clean, removed: [...new Set(removed)] };
}

const listTypes = (types: readonly BrandImageType[]) => {
  const names = types.map((t) => TYPE_NAMES[t].article.split(" ")[1]!);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : names[0]!;
};

/**
 * Checks an uploaded logo or favicon: within its size limit, really one of the kind's types (by
 * its bytes, not its name), labelled as what it is, and for SVGs sanitised. Refusals say what was
 * wrong, with codes named after the kind (`bad_request:favicon_type`).
 */
export function checkBrandImage(file: { name: string; type: string; bytes: Uint8Array }, kind: BrandAssetKind = "logo"): CheckedBrandImage {
  const rules = BRAND_IMAGE_RULES[kind];
  if (file.bytes.length === 0) throw new AppError(`bad_request:${kind}_empty`, "The uploaded file is empty.");
  if (file.bytes.length > rules.maxBytes) {
    throw new AppError(`payload_too_large:${kind}`, `The ${rules.noun} is ${Math.ceil(file.bytes.length / 1024)} KB; ${rules.Noun.toLowerCase()} may be at most ${rules.maxBytes / 1024} KB.`);
  }
  const sniffed = sniff(file.bytes);
  const actual = sniffed && rules.types.includes(sniffed) ? sniffed : null;
  if (!actual) {
    throw new AppError(`bad_request:${kind}_type`, `"${file.name}" is neither ${rules.types.map((t) => TYPE_NAMES[t].article).join(" nor ")} image; upload a ${listTypes(rules.types)} ${rules.noun}.`);
  }
  const labelled = file.type.split(";")[0]!.trim().toLowerCase();
  const declared = TYPE_ALIASES[labelled] ?? labelled;
  const extension = file.name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if ((declared && declared !== "application/octet-stream" && declared !== actual) || (extension && !TYPE_NAMES[actual].extensions.includes(extension))) {
    throw new AppError(
      `bad_request:${kind}_mislabelled`,
      `"${file.name}" is labelled ${labelled || "without a type"}${extension ? ` (.${extension})` : ""} but its content is ${TYPE_NAMES[actual].article}; upload it under its real type.`,
    );
  }
  if (actual !== "image/svg+xml") return { contentType: actual, bytes: file.bytes, removed: [] };
  const { svg, removed } = sanitizeSvg(new TextDecoder().decode(file.bytes));
  const trimmed = svg.trim();
  if (!/^<svg[\s>]/i.test(trimmed) || /^<svg[^>]*(\/>|>\s*<\/svg>)$/i.test(trimmed)) throw new AppError(`bad_request:${kind}_svg`, "Nothing of the SVG image is left once its scripts and external content are removed.");
  return { contentType: actual, bytes: new TextEncoder().encode(svg), removed };
}
