import { z } from "zod";

/**
 * The one schema for text that people type or integrations send, used by every REST, tRPC and form
 * input. Beyond the length it refuses NUL characters (PostgreSQL text cannot hold them, so they
 * used to surface as a 500) and unpaired UTF-16 surrogates (not Unicode: they would be stored as
 * U+FFFD, silently changed). Trimmed unless `trim: false` (passwords and tokens are taken as sent).
 */
export function text(options: { max: number; min?: number; trim?: boolean; required?: string }) {
  const base = options.trim === false ? z.string() : z.string().trim();
  const min = options.min ?? 0;
  const sized = (min > 0 ? base.min(min, options.required ?? `Must be at least ${min} character${min === 1 ? "" : "s"}`) : base).max(
    options.max,
    `Must be at most ${options.max} characters`,
  );
  return sized
    .refine((value) => !value.includes("\u0000"), "Must not contain NUL characters (\\u0000)")
    .refine((value) => value.isWellFormed(), "Must be valid Unicode text (it contains an unpaired surrogate)");
}
