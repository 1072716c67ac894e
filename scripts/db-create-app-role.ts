/**
 * `npm run db:create-app-role -- --name <role> --password <password>`: creates the login role the
 * app connects as (DATABASE_URL) through the schema owner's connection — MIGRATION_DATABASE_URL,
 * or DATABASE_URL while that is still the owner — which needs CREATEROLE. Migrates first: the
 * group roles the login role joins are made by the migrations.
 */
import { Command } from "commander";
import { ZodError, z } from "zod";
import { createAppLoginRole } from "@/server/db/app-login-role";
import { migrateDatabase } from "@/server/db/migrate";
import { openPostgres } from "@/server/db/open-postgres";
import { env } from "@/server/env";

const program = new Command()
  .name("db:create-app-role")
  .description("create (or re-password) the app's login role: LOGIN NOINHERIT, member of foresight_app and foresight_auth")
  .requiredOption("--name <role>", "role name, e.g. foresight_web")
  .requiredOption("--password <password>", "its password (at least 12 characters)")
  .action(async (options: { name: string; password: string }) => {
    const ownerUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
    if (!ownerUrl) throw new Error("The embedded database has no login roles: set MIGRATION_DATABASE_URL (or DATABASE_URL) to the schema owner's URL.");
    const owner = await openPostgres(ownerUrl, { max: 1 });
    try {
      await migrateDatabase(owner);
      const { created } = await createAppLoginRole(owner, options);
      const url = new URL(ownerUrl);
      url.username = options.name;
      url.password = "PASSWORD";
      console.log(`${created ? "Created" : "Updated"} login role ${options.name} (LOGIN NOINHERIT, member of foresight_app and foresight_auth).`);
      console.log(`Serve as it, keeping the owner for migrations and the demo seed:\n  DATABASE_URL=${url.toString()}\n  MIGRATION_DATABASE_URL=${ownerUrl.replace(/:[^:@/]*@/, ":PASSWORD@")}`);
    } finally {
      await owner.close();
    }
  });

program.parseAsync().catch((error: unknown) => {
  console.error(`Error: ${error instanceof ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
