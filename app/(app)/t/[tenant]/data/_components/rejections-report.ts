import type { ImportRejection } from "@/drizzle/schema";
import { exportCsv } from "@/server/validation/csv-cell";

/** Saves the rejected rows as CSV (cells neutralised against spreadsheet formulas). */
export function downloadRejections(rejections: readonly ImportRejection[], name: string): void {
  const csv = exportCsv(["line", "column", "value", "reason"], rejections.map((r) => [r.line, r.column, r.value, r.reason]));
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
