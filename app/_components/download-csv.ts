import Papa from "papaparse";

/**
 * Saves rows as a CSV file in the browser. Cells that a spreadsheet would run as a formula
 * (=, +, -, @, tab or carriage return first) are prefixed with an apostrophe: names come from imported data.
 */
export function downloadCsv(filename: string, rows: readonly Record<string, string | number | boolean | null>[]): void {
  const safe = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v])));
  const blob = new Blob([Papa.unparse(safe)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
