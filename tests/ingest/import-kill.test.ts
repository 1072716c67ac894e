import { spawn } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenants } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { migrateDatabase } from "@/server/db/migrate";
import { openPglite } from "@/server/db/open-pglite";
import { withAuthRole, withTenant } from "@/server/db/tenant-context";
import { importCsv } from "@/server/services/ingest/import-csv";
import { createTestDatabase, testDrivers } from "../helpers/test-database";

const ROWS = 300_000;
const STORES = 10;
const ITEMS = 100;

function salesFile(dir: string): string {
  const lines = ["date,store_id,item_id,units,price"];
  for (let n = 0; n < ROWS; n++) {
    const day = Math.floor(n / (STORES * ITEMS));
    const date = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${date},S${Math.floor(n / ITEMS) % STORES},I${n % ITEMS},${n % 13},2.50`);
  }
  const file = path.join(dir, "sales.csv");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

async function* body(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/** Runs the import in a child process and SIGKILLs it at the first progress report of `phase`. */
function killDuring(target: string, tenantId: string, file: string, phase: "reading" | "loading"): Promise<{ killedAt: unknown; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "--conditions=react-server", "tests/ingest/import-child.ts", target, tenantId, file], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"], detached: true });
    let killedAt: unknown = null;
    createInterface({ input: child.stdout }).on("line", (line) => {
      const report = JSON.parse(line) as { phase?: string; done?: string };
      if (report.done) reject(new Error(`the import finished before it was killed (${report.done})`));
      if (report.phase === phase && killedAt === null) {
        killedAt = report;
        // npx runs tsx, which runs node: kill the whole group, as a crash or OOM kill would.
        process.kill(-child.pid!, "SIGKILL");
      }
    });
    child.on("exit", (_code, signal) => resolve({ killedAt, signal }));
    child.on("error", reject);
  });
}

describe.each(testDrivers())("an import killed midway on %s", (driver) => {
  let dir: string;
  let file: string;
  let database: Database;
  let target: string;
  let tenantId: string;
  let closeTest: () => Promise<void>;

  /** The killed group's processes may linger for a moment as zombies, holding PGlite's lock by pid. */
  const open = async (): Promise<Database> => {
    if (driver === "postgres") return database;
    for (let attempt = 0; ; attempt++) {
      try {
        return await openPglite(target);
      } catch (error) {
        if (attempt > 50 || !(error instanceof Error) || error.name !== "DataDirLockedError") throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  const state = (db: Database) =>
    withTenant(db, tenantId, async (tx) => {
      const [sales] = await executeRows(tx, sql`select count(*)::int as rows, md5(coalesce(string_agg((s.*)::text, '|' order by store_id, item_id, date), '')) as digest from sales s`);
      const history = await executeRows(tx, sql`select status from imports where source = 'sales' order by started_at`);
      return { sales, history };
    });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "foresight-kill-"));
    file = salesFile(dir);
    if (driver === "pglite") {
      target = path.join(dir, "data");
      database = await openPglite(target);
      await migrateDatabase(database);
    } else {
      const test = await createTestDatabase("postgres");
      database = test;
      target = test.ownerUrl!;
      closeTest = test.close;
    }
    const [tenant] = await withAuthRole(database, (tx) =>
      tx.insert(tenants).values({ slug: "kill", name: "Kill", branding: { displayName: "Kill", primaryColor: "#112233", accentColor: "#445566" } }).returning(),
    );
    tenantId = tenant!.id;
    const actor = { tenantId, role: "admin" as const };
    const stores = ["store_id", ...Array.from({ length: STORES }, (_, s) => `S${s}`)].join("\n");
    const catalog = ["item_id,category,unit_cost,base_price", ...Array.from({ length: ITEMS }, (_, i) => `I${i},C,1.00,2.50`)].join("\n");
    expect((await importCsv(database, actor, { source: "stores" }, body(stores))).status).toBe("imported");
    expect((await importCsv(database, actor, { source: "catalog" }, body(catalog))).status).toBe("imported");
    // History that was there before the killed import must come out unchanged.
    expect((await importCsv(database, actor, { source: "sales" }, body("date,store_id,item_id,units\n2024-12-31,S0,I0,7\n"))).status).toBe("imported");
    if (driver === "pglite") await database.close();
  });
  afterAll(async () => {
    if (driver === "postgres") await closeTest();
    rmSync(dir, { recursive: true, force: true });
  });

  it("SIGKILL while loading or while reading leaves the database as it was; a re-import completes it", async () => {
    let db = await open();
    const before = await state(db);
    expect(before.sales).toMatchObject({ rows: 1 });
    if (driver === "pglite") await db.close();
    for (const phase of ["loading", "reading"] as const) {
      const { killedAt, signal } = await killDuring(target, tenantId, file, phase);
      expect(signal).toBe("SIGKILL");
      expect(killedAt).toMatchObject({ phase });
      db = await open();
      expect(await state(db), `after a kill while ${phase}`).toEqual(before);
      if (driver === "pglite") await db.close();
    }
    db = await open();
    const result = await importCsv(db, { tenantId, role: "admin" }, { source: "sales" }, createReadStream(file));
    expect(result).toMatchObject({ status: "imported", rowsInserted: ROWS, rowsRejected: 0 });
    const after = await state(db);
    expect(after.sales).toMatchObject({ rows: ROWS + 1 });
    expect(after.history).toEqual([{ status: "imported" }, { status: "imported" }]);
    if (driver === "pglite") await db.close();
  }, 300_000);
});
