import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database, Db } from "./database";
import { schema } from "./database";
import { forcedRlsStatement } from "./owner-transaction";

/** Opens a postgres.js pool on `url`. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzle({ client, schema }) as unknown as Db;
  return {
    db,
    driver: "postgres",
    copyRows: async (table, columns, csv) => {
      await client.begin(async (sql) => {
        // A schema owner that is no superuser cannot COPY into a forced-RLS table otherwise.
        await sql.unsafe(forcedRlsStatement([table], "lift"));
        const writable = await sql.unsafe(`COPY ${table} (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv)`).writable();
        await pipeline(Readable.from([csv]), writable);
        await sql.unsafe(forcedRlsStatement([table], "restore"));
      });
    },
    listen: async (channel, onPayload) => {
      const { unlisten } = await client.listen(channel, onPayload);
      return unlisten;
    },
    close: async () => {
      await client.end({ timeout: 5 });
    },
  };
}
