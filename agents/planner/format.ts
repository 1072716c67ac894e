/** Numbers as the answers write them; the grounding check reads them back the same way. */
export const num = (x: number, digits = 0) => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const units = (x: number) => num(x, Number.isInteger(x) ? 0 : 1);
export const money = (x: number) => num(x, 2);
export const pct = (x: number) => `${num(x, 1)}%`;
export const signedPct = (x: number) => `${x > 0 ? "+" : ""}${num(x, 1)}%`;
