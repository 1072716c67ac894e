import "server-only";
import { Zip, ZipDeflate, strToU8 } from "fflate";
import Papa from "papaparse";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { BACKGROUND_STATEMENT_TIMEOUT_MS, withTenant } from "@/server/db/tenant-context";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";

/** Rows fetched from the cursor at a time: bounds memory whatever the table's size. */
const PAGE_ROWS = 20_000;

/** CSV cells: bytes (model artifacts, logos) as base64, JSON as JSON, times in ISO 8601. */
function cell(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

/** Every table with a tenant_id column, as the catalog lists them (new tables are exported without a change here). */
async function tenantTables(tx: Tx): Promise<string[]> {
  const rows = await executeRows<{ table_name: string }>(tx, sql`
    select distinct table_name from information_schema.columns
     where table_schema = 'public' and column_name = 'tenant_id' order by table_name`);
  return rows.map((r) => r.table_name);
}

/**
 * Streams a zip with one CSV per tenant table of everything the tenant owns, read in one tenant
 * transaction (RLS: only its rows, consistent across files) through a cursor per table, and audits
 * the export with the row counts in that same transaction.
 */
export function exportTenant(database: Database, actor: Actor): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start: async (controller) => {
      const zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
      try {
        await withTenant(
          database,
          actor.tenantId,
          async (tx) => {
            const counts: Record<string, number> = {};
            for (const table of await tenantTables(tx)) {
              const file = new ZipDeflate(`${table}.csv`, { level: 6 });
              zip.add(file);
              await tx.execute(sql`declare tenant_export no scroll cursor for select * from ${sql.identifier(table)}`);
              let columns: string[] | null = null;
              counts[table] = 0;
              for (;;) {
                const rows = await executeRows<Record<string, unknown>>(tx, sql.raw(`fetch ${PAGE_ROWS} from tenant_export`));
                if (!rows.length) break;
                columns ??= Object.keys(rows[0]!);
                const header = counts[table] === 0;
                const csv = Papa.unparse(rows.map((r) => columns!.map((c) => cell(r[c]))), { header: false, escapeFormulae: true });
                file.push(strToU8(`${header ? `${Papa.unparse([columns])}\r\n` : ""}${csv}\r\n`));
                counts[table] += rows.length;
              }
              await tx.execute(sql`close tenant_export`);
              file.push(new Uint8Array(0), true);
            }
            await recordAudit(tx, actor, { action: "tenant.exported", targetType: "tenant", targetId: actor.tenantId, details: { rows: counts } });
          },
          { statementTimeoutMs: BACKGROUND_STATEMENT_TIMEOUT_MS },
        );
        zip.end();
      } catch (error) {
        controller.error(error);
      }
    },
  });
}
