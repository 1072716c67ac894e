/** A number in an answer, as written, and whether some tool result holds it. */
export type GroundingReport = { checked: number; unverified: string[] };

// ISO dates and ids like S03 are names, not quantities; they are checked as strings elsewhere or not at all.
const NUMBER = /(?<![\w.-])-?\d[\d,]*(?:\.\d+)?%?(?![\w-])/g;
const DATE = /\b\d{4}-\d{2}-\d{2}\b/g;

function collect(value: unknown, into: number[]): void {
  if (typeof value === "number" && Number.isFinite(value)) into.push(value);
  else if (typeof value === "string") for (const m of value.replace(DATE, " ").match(NUMBER) ?? []) into.push(Number(m.replace(/[,%]/g, "")));
  else if (Array.isArray(value)) for (const v of value) collect(v, into);
  else if (value && typeof value === "object") for (const v of Object.values(value)) collect(v, into);
}

/**
 * Flags every number of the final answer that appears in no tool result, at the precision the
 * answer wrote it (a probability 0.35 may be written 35%). Dates are left out.
 */
export function checkGrounding(answer: string, toolOutputs: readonly unknown[]): GroundingReport {
  const known: number[] = [];
  for (const o of toolOutputs) collect(o, known);
  const written = answer.replace(/\]\([^)]*\)/g, "]").replace(DATE, " ").match(NUMBER) ?? [];
  const unverified: string[] = [];
  for (const w of written) {
    const value = Number(w.replace(/[,%]/g, ""));
    const decimals = /\.(\d+)/.exec(w.replace(/%$/, ""))?.[1]?.length ?? 0;
    const tolerance = 0.5 * 10 ** -decimals + 1e-9;
    const candidates = w.endsWith("%") ? known.flatMap((k) => [k, k * 100]) : known;
    if (!candidates.some((k) => Math.abs(k - value) <= tolerance || Math.abs(Math.abs(k) - Math.abs(value)) <= tolerance)) unverified.push(w);
  }
  return { checked: written.length, unverified };
}
