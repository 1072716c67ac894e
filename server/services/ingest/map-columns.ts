import "server-only";
import { AppError } from "@/server/errors/app-error";
import { DELIMITERS } from "./csv-reader";
import type { SourceField, SourceSpec } from "./sources";

/** Header cell as compared with field names: case, surrounding spaces and word separators do not matter. */
export const normalizeHeader = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

export type ColumnPlan = {
  /** For each field of the source, the index of the file column it is read from (-1: absent). */
  fieldIndex: number[];
  /** File columns no field reads, kept in `extra` under their header name. */
  extra: { index: number; name: string }[];
  /** File column → field, as resolved. */
  mapping: Record<string, string>;
};

const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };

/**
 * Matches a header row to the source's fields: an explicit `mapping` (file column → field name)
 * first, then names and aliases. Refuses, naming them, empty or repeated headers, unknown mapping
 * targets and missing required fields; a single-column header that contains another delimiter
 * says so, since that is the usual reason.
 */
export function planColumns(spec: SourceSpec, header: readonly string[], delimiter: string, mapping: Record<string, string> = {}): ColumnPlan {
  const fieldsByName = new Map<string, { field: SourceField; i: number }>();
  spec.fields.forEach((field, i) => {
    fieldsByName.set(field.name, { field, i });
    for (const alias of field.aliases ?? []) fieldsByName.set(alias, { field, i });
  });
  const explicit = new Map(Object.entries(mapping).map(([column, field]) => [normalizeHeader(column), field]));
  const fieldIndex = spec.fields.map(() => -1);
  const extra: ColumnPlan["extra"] = [];
  const resolved: Record<string, string> = {};
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = normalizeHeader(raw);
    if (name === "") throw new AppError("bad_request:csv", `Column ${index + 1} of the header has no name.`);
    if (seen.has(name)) throw new AppError("bad_request:csv", `The header names column "${raw.trim()}" twice.`);
    seen.add(name);
    const target = explicit.get(name) ?? name;
    const match = fieldsByName.get(target);
    if (explicit.has(name) && !match) {
      throw new AppError("bad_request:mapping", `Column "${raw.trim()}" is mapped to "${target}", which is not a field of ${spec.source} (fields: ${spec.fields.map((f) => f.name).join(", ")}).`);
    }
    if (!match) return extra.push({ index, name: raw.trim() });
    if (fieldIndex[match.i] !== -1) throw new AppError("bad_request:csv", `Two columns are read as ${match.field.name}: "${header[fieldIndex[match.i]!]?.trim()}" and "${raw.trim()}".`);
    fieldIndex[match.i] = index;
    resolved[raw.trim()] = match.field.name;
  });
  const missing = spec.fields.filter((field, i) => field.required && fieldIndex[i] === -1).map((f) => f.name);
  if (missing.length > 0) {
    const other = header.length === 1 ? DELIMITERS.find((d) => d !== delimiter && (header[0] ?? "").includes(d)) : undefined;
    const hint = other
      ? ` The header is one column, "${header[0]}": is the file separated by ${DELIMITER_NAMES[other]}s rather than ${DELIMITER_NAMES[delimiter] ?? delimiter}s?`
      : ` The header has ${header.map((h) => `"${h.trim()}"`).join(", ")}.`;
    throw new AppError("bad_request:csv", `The file lacks the required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} for ${spec.source}.${hint}`);
  }
  return { fieldIndex, extra, mapping: resolved };
}
