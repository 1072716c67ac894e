import type { ZodError } from "zod";

/** One line per issue, each starting with the field it is about: "from: Dates are YYYY-MM-DD". */
export function describeIssues(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message)).join("; ");
}
