import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** The text of every page through pdf.js, whitespace collapsed, as a reader copying it would get it. */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; all: string }> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ("str" in it ? it.str + (it.hasEOL ? "\n" : "") : "")).join("").replace(/[ \t]+/g, " "));
  }
  await pdf.destroy();
  return { pages, all: pages.join("\n").replace(/\s+/g, " ") };
}

/** `pdffonts` rows (poppler), or null when poppler-utils is not installed. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] | null {
  try {
    const out = execFileSync("pdffonts", [file], { encoding: "utf8" });
    return out
      .split("\n")
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => {
        const cols = l.trim().split(/\s+/);
        // name type [encoding…] emb sub uni object ID: emb is the 5th column from the end.
        return { name: cols[0]!, embedded: cols[cols.length - 5] === "yes" };
      });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** One rendered page: RGB pixels, `width × height`, row by row. */
export type RenderedPage = { width: number; height: number; rgb: Buffer };

/** Every page rendered by `pdftoppm` (poppler) at `dpi` as raw RGB, or null when poppler-utils is not installed. */
export function renderPages(file: string, dpi: number): RenderedPage[] | null {
  const dir = mkdtempSync(path.join(tmpdir(), "foresight-ppm-"));
  try {
    execFileSync("pdftoppm", ["-r", String(dpi), file, path.join(dir, "p")]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ppm"))
    .sort()
    .map((f) => {
      // Binary PPM: "P6 <width> <height> <max>" then one whitespace byte, then RGB triples.
      const buf = readFileSync(path.join(dir, f));
      const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString("latin1"))!;
      return { width: Number(header[1]), height: Number(header[2]), rgb: buf.subarray(header[0].length) };
    });
}

/** Pixels inside the box (in PDF points from the top left) whose colour `match` accepts. */
export function countPixels(page: RenderedPage, dpi: number, box: { x: number; y: number; w: number; h: number }, match: (r: number, g: number, b: number) => boolean): number {
  const k = dpi / 72;
  let n = 0;
  for (let y = Math.floor(box.y * k); y < Math.min(page.height, Math.ceil((box.y + box.h) * k)); y++) {
    for (let x = Math.floor(box.x * k); x < Math.min(page.width, Math.ceil((box.x + box.w) * k)); x++) {
      const i = (y * page.width + x) * 3;
      if (match(page.rgb[i]!, page.rgb[i + 1]!, page.rgb[i + 2]!)) n++;
    }
  }
  return n;
}
