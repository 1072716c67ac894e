import "server-only";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { imports } from "@/drizzle/schema";
import type { Import } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { ImportResult } from "./import-csv";

/** An import's history row in the shape the import returned it. */
export function importResult(row: Import): ImportResult {
  return {
    importId: row.id,
    source: row.source,
    mode: row.mode,
    status: row.status,
    rowsRead: row.rowsRead,
    rowsRejected: row.rowsRejected,
    rowsInserted: row.rowsInserted,
    rowsUpdated: row.rowsUpdated,
    rowsUnchanged: row.rowsUnchanged,
    rejections: row.rejections,
    format: row.format,
    error: row.error,
    bytes: row.bytes,
    durationMs: row.durationMs,
    rowsPerSecond: row.durationMs > 0 ? Math.round((row.rowsRead / row.durationMs) * 1000) : 0,
  };
}

export type ImportSummary = Omit<ImportResult, "rejections"> & { fileName: string | null; startedAt: Date; createdBy: string | null; apiKeyId: string | null };

/** The tenant's latest imports, newest first, without their rejection lists (fetch one for those). */
export async function listImports(tx: Tx, input: { limit?: number } = {}): Promise<ImportSummary[]> {
  const limit = z.number().int().min(1).max(200).default(50).parse(input.limit);
  const rows = await tx.select().from(imports).orderBy(desc(imports.startedAt), desc(imports.id)).limit(limit);
  return rows.map((row) => {
    const { rejections: _omit, ...rest } = importResult(row);
    return { ...rest, fileName: row.fileName, startedAt: row.startedAt, createdBy: row.createdBy, apiKeyId: row.apiKeyId };
  });
}

/** One import with its rejected rows. */
export async function getImport(tx: Tx, input: { id: string }): Promise<ImportResult> {
  const id = z.uuid().parse(input.id);
  const [row] = await tx.select().from(imports).where(eq(imports.id, id));
  if (!row) throw new AppError("not_found:import", "No import with that id in this workspace.");
  return importResult(row);
}
