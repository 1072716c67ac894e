/**
 * A CSV import in a process of its own, for the kill test: `tsx --conditions=react-server
 * tests/ingest/import-child.ts <pglite-dir | postgres-url> <tenant-id> <file>`. Prints each
 * progress report as a JSON line, so the test can kill it at a chosen phase.
 */
import { createReadStream } from "node:fs";
import type { Database } from "@/server/db/database";
import { openPglite } from "@/server/db/open-pglite";
import { openPostgres } from "@/server/db/open-postgres";
import { importCsv } from "@/server/services/ingest/import-csv";

const [target, tenantId, file] = process.argv.slice(2);
if (!target || !tenantId || !file) throw new Error("usage: import-child <pglite-dir | postgres-url> <tenant-id> <file>");
const database: Database = target.startsWith("postgres") ? await openPostgres(target, { max: 2 }) : await openPglite(target);
const result = await importCsv(database, { tenantId, role: "admin" }, { source: "sales" }, createReadStream(file, { highWaterMark: 16 * 1024 }), (p) => {
  process.stdout.write(`${JSON.stringify(p)}\n`);
});
process.stdout.write(`${JSON.stringify({ done: result.status })}\n`);
await database.close();
