import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { acquireDirLock } from "./dir-lock";
import type { Database, Db } from "./database";
import { schema } from "./database";

/** Opens PGlite persisted in `dataDir` (locked to this process), or in memory when dataDir is null. */
export async function openPglite(dataDir: string | null): Promise<Database> {
  let release = () => {};
  let client: PGlite;
  if (dataDir) {
    const dir = path.resolve(dataDir, "pglite");
    mkdirSync(dir, { recursive: true });
    release = acquireDirLock(dir);
    try {
      client = await PGlite.create(dir);
    } catch (err) {
      release();
      throw err;
    }
  } else {
    client = await PGlite.create();
  }
  const db = drizzle({ client, schema }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    copyRows: async (table, columns, csv) => {
      await client.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
    },
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    close: async () => {
      await client.close();
      release();
    },
  };
}
