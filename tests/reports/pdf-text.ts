import { execFileSync } from "node:child_process";
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
