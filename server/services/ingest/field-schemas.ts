import "server-only";
import { z } from "zod";
import { looksLikeFormula } from "@/server/validation/csv-cell";
import { FIRST_YEAR, LAST_YEAR, parseDate } from "./date-formats";
import type { DateFormat } from "./date-formats";
import type { FieldType } from "./sources";

/** A cell after validation: its value as Postgres reads it from COPY (csv), or why it was refused. */
export type FieldResult = { ok: true; value: string | number | boolean } | { ok: false; reason: string };

export type FieldContext = {
  dateFormat: DateFormat;
  /** `;`-separated files usually write 3,49 for 3.49. */
  decimalComma: boolean;
};

const MAX_ID = 64;
const MAX_TEXT = 500;
const MAX_INT = 2_147_483_647;
const MAX_MONEY = 9_999_999_999.99;

const FORMULA = "starts like a spreadsheet formula (= + - @), which is refused to keep exports safe";

const text = (max: number) =>
  z
    .string()
    .max(max, `is longer than ${max} characters`)
    .refine((s) => !looksLikeFormula(s), FORMULA)
    .refine((s) => !s.includes("\u0000"), "contains a NUL character");

const decimal = (decimalComma: boolean) =>
  z
    .string()
    .transform((s) => (decimalComma ? s.replace(",", ".") : s))
    .pipe(z.string().regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, "is not a number"))
    .transform(Number);

function schemas(ctx: FieldContext): Record<FieldType, z.ZodType<string | number | boolean, string>> {
  return {
    id: text(MAX_ID),
    text: text(MAX_TEXT),
    count: z
      .string()
      .regex(/^[+-]?\d+(\.0*)?$/, "is not a whole number")
      .transform(Number)
      .pipe(z.number().min(0, "is negative").max(MAX_INT, "is too large")),
    money: decimal(ctx.decimalComma).pipe(z.number().min(0, "is negative").max(MAX_MONEY, "is too large")).transform((n) => Math.round(n * 100) / 100),
    fraction: z
      .string()
      .transform((s) => (s.endsWith("%") ? { percent: true, s: s.slice(0, -1).trim() } : { percent: false, s }))
      .pipe(z.object({ percent: z.boolean(), s: decimal(ctx.decimalComma) }))
      .transform(({ percent, s }) => (percent ? s / 100 : s))
      .pipe(z.number().min(0, "is below 0 (a share is 0–1, or 0%–100%)").max(1, "is above 1 (a share is 0–1, or 0%–100%)")),
    rate: decimal(ctx.decimalComma).pipe(z.number().min(0, "is negative").max(1000, "is too large")),
    date: z
      .string()
      .transform((s, issue) => {
        const iso = parseDate(s, ctx.dateFormat);
        if (iso === null) {
          issue.addIssue({ code: "custom", message: `is not a date in the file's format ${ctx.dateFormat}` });
          return z.NEVER;
        }
        return iso;
      })
      .refine((iso) => {
        const year = Number(iso.slice(0, 4));
        return year >= FIRST_YEAR && year <= LAST_YEAR;
      }, `is outside ${FIRST_YEAR}–${LAST_YEAR}`),
    bool: z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(["true", "false", "t", "f", "1", "0", "yes", "no", "y", "n"], { error: "is not yes/no (true/false, 1/0, yes/no)" }))
      .transform((s) => ["true", "t", "1", "yes", "y"].includes(s)),
  };
}

/** Field validators for one file, built once (the date format and decimal mark are the file's). */
export function fieldValidators(ctx: FieldContext): Record<FieldType, (raw: string) => FieldResult> {
  const built = schemas(ctx);
  const validators = {} as Record<FieldType, (raw: string) => FieldResult>;
  for (const [type, schema] of Object.entries(built) as [FieldType, z.ZodType<string | number | boolean, string>][]) {
    validators[type] = (raw) => {
      const result = schema.safeParse(raw);
      return result.success ? { ok: true, value: result.data } : { ok: false, reason: result.error.issues[0]?.message ?? "is invalid" };
    };
  }
  return validators;
}
