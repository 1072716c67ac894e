import "server-only";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ImportFormat } from "@/drizzle/schema";
import { AppError } from "@/server/errors/app-error";
import { csvField } from "@/server/services/demo-data/demo-data-csv";
import { openCsv } from "./csv-reader";
import type { CsvRecord } from "./csv-reader";
import { guessDateFormat } from "./date-formats";
import type { DateFormat } from "./date-formats";
import { fieldValidators } from "./field-schemas";
import { planColumns } from "./map-columns";
import type { ColumnPlan } from "./map-columns";
import type { Rejections } from "./rejections";
import type { SourceSpec } from "./sources";

export type ReadOptions = {
  delimiter?: string;
  dateFormat?: DateFormat;
  mapping?: Record<string, string>;
  onProgress?: (progress: { rowsRead: number; bytesRead: number }) => void;
};

/** Validated rows on disk, in chunks ready for COPY, and what was learnt about the file. */
export type StagedFile = {
  dir: string;
  chunks: string[];
  /** Staging columns of each chunk, in order: `line`, the source's fields, `extra`. */
  columns: string[];
  rowsRead: number;
  rowsStaged: number;
  bytes: number;
  format: ImportFormat;
  remove: () => Promise<void>;
};

const CHUNK_ROWS = 50_000;
/** Records looked at, at most, to learn the date format before any row is validated. */
const DATE_SAMPLE_RECORDS = 50_000;
const DATE_SAMPLE_VALUES = 200;

async function* prepend<T>(first: readonly T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** Reads ahead until enough distinct dates are seen, guesses their format, and gives the records back. */
async function learnDateFormat(records: AsyncIterator<CsvRecord>, plan: ColumnPlan, spec: SourceSpec, given: DateFormat | undefined) {
  const dateColumns = spec.fields.map((f, i) => (f.type === "date" ? plan.fieldIndex[i]! : -1)).filter((i) => i >= 0);
  const buffered: CsvRecord[] = [];
  if (given || dateColumns.length === 0) return { dateFormat: given ?? "YYYY-MM-DD", replay: prepend(buffered, records) };
  const samples = new Set<string>();
  while (buffered.length < DATE_SAMPLE_RECORDS && samples.size < DATE_SAMPLE_VALUES) {
    const next = await records.next();
    if (next.done) break;
    buffered.push(next.value);
    for (const c of dateColumns) {
      const v = next.value.fields[c]?.trim();
      if (v) samples.add(v);
    }
  }
  const guess = guessDateFormat([...samples]);
  if ("ambiguous" in guess) {
    const [example] = samples;
    throw new AppError("bad_request:date_format", `Dates such as "${example}" read as ${guess.ambiguous.join(" or ")}; choose the file's date format.`);
  }
  return { dateFormat: "format" in guess ? guess.format : ("YYYY-MM-DD" as const), replay: prepend(buffered, records) };
}

/**
 * Phase one of an import, before the database is touched: parses the upload as it streams in,
 * validates every cell (types, ranges, dates, formulas, required values, start before end),
 * records rejections with line, column and reason, and writes the rows that passed, normalised,
 * to temporary CSV chunks. Memory stays bounded by one chunk; the database's one transaction
 * then only loads and checks what is already on disk, however slowly the upload arrived.
 */
export async function readRows(spec: SourceSpec, body: AsyncIterable<Uint8Array>, rejections: Rejections, options: ReadOptions = {}): Promise<StagedFile> {
  const dir = await mkdtemp(path.join(tmpdir(), "foresight-import-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const { format, records, bytesRead } = await openCsv(body, { delimiter: options.delimiter });
    const first = await records.next();
    if (first.done) throw new AppError("bad_request:csv", "The file is empty: it needs a header line and rows.");
    const header = first.value.fields;
    const plan = planColumns(spec, header, format.delimiter, options.mapping);
    const { dateFormat, replay } = await learnDateFormat(records, plan, spec, options.dateFormat);
    const validate = fieldValidators({ dateFormat, decimalComma: format.delimiter === ";" });
    const fields = spec.fields;
    const fieldPosition = new Map(fields.map((f, i) => [f.name, i]));
    const chunks: string[] = [];
    let chunk = "";
    let chunkRows = 0;
    let rowsRead = 0;
    let rowsStaged = 0;
    const flush = async () => {
      if (chunkRows === 0) return;
      const file = path.join(dir, `chunk-${chunks.length}.csv`);
      await writeFile(file, chunk);
      chunks.push(file);
      chunk = "";
      chunkRows = 0;
      options.onProgress?.({ rowsRead, bytesRead: bytesRead() });
    };
    const values: (string | number | boolean | null)[] = new Array(fields.length);
    for await (const { line, fields: cells } of replay) {
      rowsRead++;
      if (cells.length !== header.length) {
        rejections.add(line, null, null, `has ${cells.length} field${cells.length === 1 ? "" : "s"}; the header has ${header.length}`);
        continue;
      }
      let ok = true;
      for (let i = 0; i < fields.length; i++) {
        const field = fields[i]!;
        const index = plan.fieldIndex[i]!;
        const raw = index >= 0 ? (cells[index] ?? "").trim() : "";
        if (raw === "") {
          if (typeof field.fallback === "string") values[i] = field.fallback;
          else if (field.required) {
            rejections.add(line, field.name, raw, "is required but empty");
            ok = false;
          } else values[i] = null;
          continue;
        }
        const result = validate[field.type](raw);
        if (result.ok) values[i] = result.value;
        else {
          rejections.add(line, field.name, raw, result.reason);
          ok = false;
        }
      }
      if (!ok) continue;
      for (let i = 0; i < fields.length; i++) {
        const fallback = fields[i]!.fallback;
        if (values[i] === null && fallback && typeof fallback === "object") values[i] = values[fieldPosition.get(fallback.from)!] ?? null;
      }
      for (const [start, end] of spec.ordered ?? []) {
        const a = values[fieldPosition.get(start)!];
        const b = values[fieldPosition.get(end)!];
        if (typeof a === "string" && typeof b === "string" && b < a) {
          rejections.add(line, end, b, `is before ${start} (${a})`);
          ok = false;
        }
      }
      if (!ok) continue;
      let extra = "{}";
      if (plan.extra.length > 0) {
        const kept: Record<string, string> = {};
        for (const { index, name } of plan.extra) {
          const v = cells[index] ?? "";
          // PostgreSQL text and jsonb cannot hold NUL.
          if (v.includes("\u0000")) {
            rejections.add(line, name, v.replaceAll("\u0000", "\\0"), "contains a NUL character");
            ok = false;
          } else if (v !== "") kept[name] = v;
        }
        extra = JSON.stringify(kept);
      }
      if (!ok) continue;
      chunk += `${line},${values.map((v) => csvField(v)).join(",")},${csvField(extra)}\n`;
      rowsStaged++;
      if (++chunkRows >= CHUNK_ROWS) await flush();
    }
    await flush();
    return {
      dir,
      chunks,
      columns: ["line", ...fields.map((f) => f.name), "extra"],
      rowsRead,
      rowsStaged,
      bytes: bytesRead(),
      format: { ...format, dateFormat, mapping: plan.mapping, extraColumns: plan.extra.map((e) => e.name) },
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
