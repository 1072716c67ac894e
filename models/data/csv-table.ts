import Papa from "papaparse";
import type { z } from "zod";

export interface CsvProblem {
  line?: number;
  column?: string;
  message: string;
}

/** A CSV problem located by file, line and column, so the user can fix the file. */
export class CsvError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly CsvProblem[],
  ) {
    super(problems.map((p) => `${file}${p.line !== undefined ? ` line ${p.line}` : ""}${p.column ? `, column "${p.column}"` : ""}: ${p.message}`).join("\n"));
    this.name = "CsvError";
  }
}

/** Stop collecting after this many bad rows: the first few are enough to fix a file. */
export const MAX_PROBLEMS = 5;

export interface CsvHeader {
  file: string;
  /** Normalised headers: trimmed, lower case, inner spaces and dashes as underscores. */
  header: string[];
}

export interface CsvTable extends CsvHeader {
  rows: string[][];
  /** 1-based line of each row in the file. */
  lines: Int32Array;
}

export const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/**
 * Streams CSV text row by row (header first); blank lines are skipped, every cell is trimmed.
 * `onRow` returns false to stop early. Rows are not kept, so large files stay cheap.
 */
export function streamCsv(file: string, text: string, onHeader: (h: CsvHeader) => void, onRow: (cells: string[], line: number) => boolean): void {
  const normalised = text.replace(/\r\n?/g, "\n");
  let line = 1;
  let counted = 0;
  let headerSeen = false;
  const problems: CsvProblem[] = [];
  // Step mode exposes the cursor, so line numbers stay right even when quoted cells span lines.
  Papa.parse<string[]>(normalised, {
    skipEmptyLines: false,
    step: (result, parser) => {
      const rowLine = line;
      const cursor = result.meta.cursor;
      for (let i = normalised.indexOf("\n", counted); i >= 0 && i < cursor; i = normalised.indexOf("\n", i + 1)) line++;
      counted = cursor;
      for (const e of result.errors) if (e.type !== "Delimiter" && problems.length < MAX_PROBLEMS) problems.push({ line: rowLine, message: e.message });
      const cells = result.data;
      let empty = true;
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i]!.trim();
        cells[i] = c;
        if (c !== "") empty = false;
      }
      if (empty) return;
      if (!headerSeen) {
        headerSeen = true;
        onHeader({ file, header: cells.map(normaliseHeader) });
      } else if (!onRow(cells, rowLine)) parser.abort();
    },
  });
  if (problems.length > 0) throw new CsvError(file, problems);
  if (!headerSeen) throw new CsvError(file, [{ message: "the file is empty (a header row is required)" }]);
}

/** Parses a whole (small) CSV file into memory. */
export function parseCsv(file: string, text: string): CsvTable {
  const table: CsvTable = { file, header: [], rows: [], lines: new Int32Array(0) };
  const lines: number[] = [];
  streamCsv(
    file,
    text,
    (h) => (table.header = h.header),
    (cells, line) => {
      table.rows.push(cells);
      lines.push(line);
      return true;
    },
  );
  table.lines = Int32Array.from(lines);
  return table;
}

/** Index of the first header among `names` (aliases), or -1. */
export function findColumn(h: CsvHeader, names: readonly string[]): number {
  for (const name of names) {
    const i = h.header.indexOf(name);
    if (i >= 0) return i;
  }
  return -1;
}

export function requireColumn(h: CsvHeader, names: readonly string[]): number {
  const i = findColumn(h, names);
  if (i < 0) throw new CsvError(h.file, [{ message: `missing required column "${names[0]}" (found: ${h.header.join(", ") || "none"})` }]);
  return i;
}

/** Zod schemas of the cells of a row, by output key. */
export type CellSpec = Record<string, z.ZodType>;
/** A read row: required fields always present, optional ones undefined when their column is absent. */
export type RowOf<R extends CellSpec, O extends CellSpec = Record<never, z.ZodType>> = { [K in keyof R]: z.output<R[K]> } & { [K in keyof O]: z.output<O[K]> | undefined };
export type ColumnsOf<R extends CellSpec, O extends CellSpec> = { [K in keyof R | keyof O]: number };

/** Distinct values remembered per column; ids, dates and small counts repeat endlessly in sales files. */
const CELL_CACHE_LIMIT = 20_000;

type CellResult = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * A row reader: validates the cells at `columns` (key → column index, -1 = absent) with their zod
 * schema. Each distinct cell text is validated once per column, so a file of millions of rows
 * costs map look-ups, not millions of schema runs. Failures go to `problems` with their line and
 * column, and the row reads as undefined.
 */
export function rowReader<R extends CellSpec, O extends CellSpec = Record<never, z.ZodType>>(
  h: CsvHeader,
  columns: ColumnsOf<R, O>,
  required: R,
  optional: O = {} as O,
  problems: CsvProblem[] = [],
): (cells: string[], line: number) => RowOf<R, O> | undefined {
  const fields = [...Object.entries(required), ...Object.entries(optional)].map(([key, schema]) => {
    const column = (columns as Record<string, number>)[key] ?? -1;
    if (column < 0 && key in required) throw new Error(`${h.file}: column for "${key}" is required`);
    return { key, column, schema, cache: new Map<string, CellResult>() };
  });
  return (cells, line) => {
    const row: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.column < 0) {
        row[f.key] = undefined;
        continue;
      }
      const text = cells[f.column] ?? "";
      let result = f.cache.get(text);
      if (!result) {
        const parsed = f.schema.safeParse(text);
        result = parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? "invalid value" };
        if (f.cache.size < CELL_CACHE_LIMIT) f.cache.set(text, result);
      }
      if (!result.ok) {
        problems.push({ line, column: h.header[f.column], message: result.message });
        return undefined;
      }
      row[f.key] = result.value;
    }
    return row as RowOf<R, O>;
  };
}

/** Validates every row of an in-memory table; throws a CsvError with the first few problems. */
export function validateRows<R extends CellSpec, O extends CellSpec = Record<never, z.ZodType>>(table: CsvTable, columns: ColumnsOf<R, O>, required: R, optional?: O): RowOf<R, O>[] {
  const problems: CsvProblem[] = [];
  const read = rowReader(table, columns, required, optional, problems);
  const out: RowOf<R, O>[] = [];
  for (let r = 0; r < table.rows.length && problems.length < MAX_PROBLEMS; r++) {
    const row = read(table.rows[r]!, table.lines[r]!);
    if (row !== undefined) out.push(row);
  }
  if (problems.length > 0) throw new CsvError(table.file, problems);
  return out;
}

/** Columns not claimed by any known field, as (header, index) pairs. */
export function unclaimedColumns(h: CsvHeader, claimed: readonly number[]): [string, number][] {
  const used = new Set(claimed);
  return h.header.flatMap((name, i): [string, number][] => (used.has(i) || name === "" ? [] : [[name, i]]));
}
