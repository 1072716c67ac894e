import "server-only";
import createDOMPurify from "dompurify";
import { JSDOM } from "jsdom";
import { AppError } from "@/server/errors/app-error";

/** Largest logo accepted: brand marks are small; anything bigger is a photo or a mistake. */
export const LOGO_MAX_BYTES = 256 * 1024;

export type BrandImageType = "image/png" | "image/svg+xml";
export type CheckedBrandImage = { contentType: BrandImageType; bytes: Uint8Array; removed: string[] };

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

function sniff(bytes: Uint8Array): BrandImageType | null {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return "image/png";
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

/**
 * Checks an uploaded logo: at most LOGO_MAX_BYTES, really a PNG or an SVG (by its bytes, not its
 * name), labelled as what it is, and for SVGs sanitised. Refusals say what was wrong.
 */
export function checkBrandImage(file: { name: string; type: string; bytes: Uint8Array }): CheckedBrandImage {
  if (file.bytes.length === 0) throw new AppError("bad_request:logo_empty", "The uploaded file is empty.");
  if (file.bytes.length > LOGO_MAX_BYTES) {
    throw new AppError("payload_too_large:logo", `The logo is ${Math.ceil(file.bytes.length / 1024)} KB; logos may be at most ${LOGO_MAX_BYTES / 1024} KB.`);
  }
  const actual = sniff(file.bytes);
  if (!actual) throw new AppError("bad_request:logo_type", `"${file.name}" is neither a PNG nor an SVG image; upload a PNG or SVG logo.`);
  const declared = file.type.split(";")[0]!.trim().toLowerCase();
  const extension = file.name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const expectedExtension = actual === "image/png" ? "png" : "svg";
  if ((declared && declared !== "application/octet-stream" && declared !== actual) || (extension && extension !== expectedExtension)) {
    throw new AppError(
      "bad_request:logo_mislabelled",
      `"${file.name}" is labelled ${declared || "without a type"}${extension ? ` (.${extension})` : ""} but its content is ${actual === "image/png" ? "a PNG" : "an SVG"}; upload it under its real type.`,
    );
  }
  if (actual === "image/png") return { contentType: actual, bytes: file.bytes, removed: [] };
  const { svg, removed } = sanitizeSvg(new TextDecoder().decode(file.bytes));
  const trimmed = svg.trim();
  if (!/^<svg[\s>]/i.test(trimmed) || /^<svg[^>]*(\/>|>\s*<\/svg>)$/i.test(trimmed)) throw new AppError("bad_request:logo_svg", "Nothing of the SVG image is left once its scripts and external content are removed.");
  return { contentType: actual, bytes: new TextEncoder().encode(svg), removed };
}
