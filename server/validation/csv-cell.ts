/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula
 * (`=HYPERLINK(…)`). A signed number or phone number ("-5", "+49 30 1234") is not one; "-2+3" is.
 * The import refuses such text; every CSV the product writes for people neutralises it.
 */
export function looksLikeFormula(value: string): boolean {
  return /^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !/^[+-][\d\s().]*$/.test(value));
}

/**
 * One cell of a CSV the product exports: quoted when it holds a delimiter, quote or line break,
 * and prefixed with an apostrophe when a spreadsheet would run it as a formula (OWASP's advice),
 * so the file opens as the data it is.
 */
export function exportCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  const safe = looksLikeFormula(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV text, header first, every cell through `exportCell`. */
export function exportCsv(header: readonly string[], rows: Iterable<readonly (string | number | boolean | null)[]>): string {
  let out = `${header.map(exportCell).join(",")}\n`;
  for (const row of rows) out += `${row.map(exportCell).join(",")}\n`;
  return out;
}
