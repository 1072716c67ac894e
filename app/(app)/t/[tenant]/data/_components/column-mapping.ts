import Papa from "papaparse";

export type SourceFields = { name: string; required: boolean; aliases: string[] }[];
export type FilePreview = { header: string[]; rows: string[][]; delimiter: string };

/** As the server compares headers: case, surrounding spaces and word separators do not matter. */
const normalize = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** The header and first rows of a file, from its first 64 KB, for the mapping step (the server reads the whole file itself). */
export async function previewFile(file: File): Promise<FilePreview> {
  const head = await file.slice(0, 64 * 1024).text();
  const parsed = Papa.parse<string[]>(head.replace(/^\uFEFF/, ""), { preview: 6, skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data;
  return { header, rows, delimiter: parsed.meta.delimiter };
}

/** The field each file column is read as without an explicit mapping ("" = kept as an extra column). */
export function autoMapping(header: readonly string[], fields: SourceFields): Record<string, string> {
  const byName = new Map<string, string>();
  for (const f of fields) for (const n of [f.name, ...f.aliases]) byName.set(n, f.name);
  return Object.fromEntries(header.map((h) => [h, byName.get(normalize(h)) ?? ""]));
}

/** Required fields no column is mapped to. */
export function missingFields(mapping: Record<string, string>, fields: SourceFields): string[] {
  const mapped = new Set(Object.values(mapping));
  return fields.filter((f) => f.required && !mapped.has(f.name)).map((f) => f.name);
}

/** Only what differs from what the server would match by itself is sent. */
export function explicitMapping(mapping: Record<string, string>, fields: SourceFields): Record<string, string> {
  const auto = autoMapping(Object.keys(mapping), fields);
  return Object.fromEntries(Object.entries(mapping).filter(([column, field]) => field !== "" && field !== auto[column]));
}
