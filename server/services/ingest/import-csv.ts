import "server-only";
import { z } from "zod";
import { IMPORT_MODES, IMPORT_SOURCES, imports } from "@/drizzle/schema";
import type { ImportFormat, ImportRejection, ImportStatus, NewImport } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { analyzeTables } from "@/server/db/planner-statistics";
import { BACKGROUND_STATEMENT_TIMEOUT_MS, withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { text } from "@/server/validation/text";
import { DATE_FORMATS } from "./date-formats";
import { DELIMITERS } from "./csv-reader";
import { ROLLUP_TABLES } from "@/server/services/sales/refresh-sales-rollups";
import { loadRows } from "./load-rows";
import type { LoadCounts } from "./load-rows";
import { readRows } from "./read-rows";
import type { StagedFile } from "./read-rows";
import { Rejections } from "./rejections";
import { SOURCES } from "./sources";

export const importOptionsSchema = z.object({
  source: z.enum(IMPORT_SOURCES),
  mode: z.enum(IMPORT_MODES).default("all_or_nothing").describe("validate: report only; all_or_nothing: import only a file without rejected rows; valid_rows: import the rows that pass"),
  fileName: text({ max: 255 }).optional(),
  delimiter: z.enum(DELIMITERS).optional().describe("Detected from the header line when absent"),
  dateFormat: z.enum(DATE_FORMATS).optional().describe("Detected from the first dates when absent"),
  mapping: z.record(text({ min: 1, max: 200 }), text({ min: 1, max: 64 })).optional().describe("File column → field, for headers named otherwise"),
});
export type ImportOptions = z.input<typeof importOptionsSchema>;

/** The options as query parameters of an upload (REST and the Data page): the mapping as JSON text. */
export const importQuerySchema = importOptionsSchema.pick({ mode: true, delimiter: true, dateFormat: true, fileName: true }).extend({
  mapping: text({ max: 10_000 })
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: 'Must be a JSON object of file column → field, e.g. {"Datum":"date"}' });
        return z.NEVER;
      }
    })
    .pipe(importOptionsSchema.shape.mapping.unwrap())
    .optional()
    .describe('JSON object of file column → field, for headers named otherwise, e.g. {"Datum":"date"}'),
});

export type ImportProgress = { phase: "reading" | "loading"; rowsRead: number; bytesRead: number; rowsLoaded: number; rowsPerSecond: number };

export type ImportResult = {
  importId: string;
  source: (typeof IMPORT_SOURCES)[number];
  mode: (typeof IMPORT_MODES)[number];
  status: ImportStatus;
  rowsRead: number;
  rowsRejected: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rejections: ImportRejection[];
  format: ImportFormat | null;
  error: string | null;
  bytes: number;
  durationMs: number;
  rowsPerSecond: number;
};

/** Thrown inside the transaction to roll it back with the outcome in hand. */
class RollBack extends Error {
  constructor(readonly counts: LoadCounts) {
    super("rolled back");
  }
}

function summary(id: string, row: NewImport, rejections: ImportRejection[]): ImportResult {
  const durationMs = row.durationMs ?? 0;
  const rowsRead = row.rowsRead ?? 0;
  return {
    importId: id,
    source: row.source,
    mode: row.mode,
    status: row.status,
    rowsRead,
    rowsRejected: row.rowsRejected ?? 0,
    rowsInserted: row.rowsInserted ?? 0,
    rowsUpdated: row.rowsUpdated ?? 0,
    rowsUnchanged: row.rowsUnchanged ?? 0,
    rejections,
    format: row.format ?? null,
    error: row.error ?? null,
    bytes: row.bytes ?? 0,
    durationMs,
    rowsPerSecond: durationMs > 0 ? Math.round((rowsRead / durationMs) * 1000) : 0,
  };
}

/**
 * Imports one CSV file of a source into the actor's tenant: reads and validates it as it streams
 * (read-rows), then in ONE tenant transaction stages, checks and upserts it (load-rows) and records
 * the import in the history. `validate` and a refused `all_or_nothing` roll that transaction back:
 * nothing of the file is stored, only its history row. A process killed at any point leaves no
 * partial import either, since nothing commits before the end. A file the service cannot read at
 * all (no header, missing columns, broken quoting) throws a `bad_request:*` AppError after
 * recording it as rejected. Plain function of (database, input): a job queue can run it as it is.
 */
export async function importCsv(database: Database, actor: Actor, options: ImportOptions, body: AsyncIterable<Uint8Array>, onProgress?: (p: ImportProgress) => void): Promise<ImportResult> {
  const input = importOptionsSchema.parse(options);
  const spec = SOURCES[input.source];
  const started = performance.now();
  const rate = (rows: number) => Math.round(rows / Math.max(0.001, (performance.now() - started) / 1000));
  const rejections = new Rejections();
  const base = { tenantId: actor.tenantId, source: input.source, mode: input.mode, fileName: input.fileName ?? null, createdBy: actor.userId ?? null, apiKeyId: actor.apiKeyId ?? null };
  const record = (row: NewImport) =>
    withTenant(database, actor.tenantId, async (tx) => {
      const [saved] = await tx.insert(imports).values(row).returning({ id: imports.id });
      return saved!.id;
    });

  let staged: StagedFile;
  try {
    staged = await readRows(spec, body, rejections, {
      delimiter: input.delimiter,
      dateFormat: input.dateFormat,
      mapping: input.mapping,
      onProgress: (p) => onProgress?.({ phase: "reading", ...p, rowsLoaded: 0, rowsPerSecond: rate(p.rowsRead) }),
    });
  } catch (error) {
    if (error instanceof AppError) {
      const row: NewImport = { ...base, status: "rejected", error: error.message, durationMs: Math.round(performance.now() - started) };
      await record(row);
    }
    throw error;
  }

  try {
    const decide = () => (input.mode === "validate" ? "preview" : input.mode === "all_or_nothing" && rejections.rows > 0 ? "refuse" : "write");
    const outcome = (counts: LoadCounts, status: ImportStatus): NewImport => ({
      ...base,
      status,
      bytes: staged.bytes,
      rowsRead: staged.rowsRead,
      rowsRejected: rejections.rows,
      rowsInserted: counts.inserted,
      rowsUpdated: counts.updated,
      rowsUnchanged: counts.unchanged,
      rejections: rejections.list,
      format: staged.format,
      durationMs: Math.round(performance.now() - started),
    });
    try {
      const result = await withTenant(
        database,
        actor.tenantId,
        async (tx) => {
          const counts = await loadRows(tx, spec, staged, rejections, decide, (rowsLoaded) =>
            onProgress?.({ phase: "loading", rowsRead: staged.rowsRead, bytesRead: staged.bytes, rowsLoaded, rowsPerSecond: rate(staged.rowsRead) }),
          );
          if (decide() !== "write") throw new RollBack(counts);
          const row = outcome(counts, "imported");
          const [saved] = await tx.insert(imports).values(row).returning({ id: imports.id });
          await recordAudit(tx, actor, {
            action: "data.imported",
            targetType: "import",
            targetId: saved!.id,
            details: { source: input.source, rows: staged.rowsRead, inserted: counts.inserted, updated: counts.updated, rejected: rejections.rows },
          });
          return summary(saved!.id, row, rejections.list);
        },
        { statementTimeoutMs: BACKGROUND_STATEMENT_TIMEOUT_MS },
      );
      // Sales and catalog changes rebuild rollup cells in bulk too.
      if (result.rowsInserted + result.rowsUpdated > 0) await analyzeTables(database, spec.table === "sales" || spec.table === "items" ? [spec.table, ...ROLLUP_TABLES] : [spec.table]);
      return result;
    } catch (error) {
      if (!(error instanceof RollBack)) {
        const reason = error instanceof AppError ? error.message : "The import failed in the database; nothing of the file was stored.";
        await record({ ...outcome({ inserted: 0, updated: 0, unchanged: 0 }, "failed"), error: reason }).catch(() => {});
        throw error;
      }
      // Refused or only validated: the data rolled back, the report is kept.
      const row = outcome(input.mode === "validate" ? error.counts : { inserted: 0, updated: 0, unchanged: 0 }, input.mode === "validate" ? "validated" : "rejected");
      return summary(await record(row), row, rejections.list);
    }
  } finally {
    await staged.remove();
  }
}
