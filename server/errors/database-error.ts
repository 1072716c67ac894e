import { REQUEST_STATEMENT_TIMEOUT_MS } from "@/server/db/tenant-context";
import { AppError } from "./app-error";

/** The SQLSTATE of a database error, looking through drizzle's wrapper (`cause`). */
export function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * The caller's share of a database failure, as an AppError; null when it is ours (a 500).
 * Input schemas refuse these cases first (naming the field); this is the backstop for any path
 * that reaches the database without one.
 */
export function appErrorFromDatabase(error: unknown): AppError | null {
  switch (sqlState(error)) {
    // character_not_in_repertoire (a NUL byte in text) and untranslatable_character (\u0000 in JSON).
    case "22021":
    case "22P05":
      return new AppError("bad_request:text", "A text value contains a NUL character, which cannot be stored; remove it and try again.");
    // query_canceled: the statement_timeout of tenant transactions.
    case "57014":
      return new AppError(
        "unavailable:statement_timeout",
        `The database stopped a query that ran longer than ${REQUEST_STATEMENT_TIMEOUT_MS / 1000} s. Ask for less at once (a shorter period, one store) and try again.`,
      );
    default:
      return null;
  }
}
