import { z } from "zod";
import { epochDayToIso, looseDateToEpochDay } from "./dates";

/** Cells that mean "no value" in common exports. */
const EMPTY = new Set(["", "na", "n/a", "nan", "null", "none", "-"]);
const TRUE = new Set(["1", "true", "t", "yes", "y"]);
const FALSE = new Set(["0", "false", "f", "no", "n"]);

export const isEmptyCell = (s: string) => EMPTY.has(s.toLowerCase());
export const isFlagCell = (s: string) => TRUE.has(s.toLowerCase()) || FALSE.has(s.toLowerCase()) || /^[01](\.0+)?$/.test(s);
export const isTrueCell = (s: string) => TRUE.has(s.toLowerCase()) || /^1(\.0+)?$/.test(s);

/** Files repeat the same few hundred dates millions of times; parsing each once saves most of the work. */
const dateCache = new Map<string, number | null>();
const DATE_CACHE_LIMIT = 100_000;

function cachedDay(s: string): number | null {
  let day = dateCache.get(s);
  if (day === undefined) {
    if (dateCache.size >= DATE_CACHE_LIMIT) dateCache.clear();
    day = looseDateToEpochDay(s);
    dateCache.set(s, day);
  }
  return day;
}

/** A date cell as days since 1970-01-01 (accepts `YYYY-MM-DD`, slashes and a trailing time). */
export const epochDayCell = z.string().transform((s, ctx) => {
  const day = cachedDay(s);
  if (day === null) {
    ctx.addIssue({ code: "custom", message: `"${s}" is not a date (expected YYYY-MM-DD)` });
    return z.NEVER;
  }
  return day;
});

/** A date cell as ISO `YYYY-MM-DD`. */
export const dateCell = epochDayCell.transform(epochDayToIso);

export const idCell = z.string().min(1, "is empty (an id is required)");

/** A number cell; empty-like cells are null. Thousands separators are not guessed. */
export const numberCell = z.string().transform((s, ctx): number | null => {
  if (isEmptyCell(s)) return null;
  const n = Number(s);
  if (s === "" || !Number.isFinite(n)) {
    ctx.addIssue({ code: "custom", message: `"${s}" is not a number` });
    return z.NEVER;
  }
  return n;
});

export const nonNegativeCell = numberCell.refine((n) => n === null || n >= 0, { message: "must not be negative" });

/** 0/1, true/false, yes/no; empty-like cells are null. */
export const flagCell = z.string().transform((s, ctx): boolean | null => {
  if (isEmptyCell(s)) return null;
  if (isTrueCell(s)) return true;
  if (isFlagCell(s)) return false;
  ctx.addIssue({ code: "custom", message: `"${s}" is not a yes/no flag (use 0/1 or true/false)` });
  return z.NEVER;
});

export const textCell = z.string().transform((s) => (isEmptyCell(s) ? null : s));
