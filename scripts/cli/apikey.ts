import { Option } from "commander";
import type { Command } from "commander";
import { API_KEY_SCOPES } from "@/drizzle/schema";
import type { ApiKeyScope } from "@/drizzle/schema";
import { withTenant } from "@/server/db/tenant-context";
import type { Actor } from "@/server/services/actor";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/services/api-keys/api-keys";
import { printJson, printTable, wantsJson } from "./output";
import { resolveTenant } from "./resolve-tenant";
import { withDatabase } from "./with-database";

// Someone with the database at hand acts as the tenant's owner; there is no signed-in user.
const ownerActor = (tenantId: string): Actor => ({ tenantId, role: "owner" });

const formatTime = (at: Date | null) => (at ? at.toISOString().replace("T", " ").slice(0, 19) : "-");

/** `apikey create|list|revoke`: manage a tenant's REST API keys from the shell. */
export function registerApiKeyCommands(program: Command): void {
  const apikey = program.command("apikey").description("create, list and revoke a tenant's REST API keys");

  apikey
    .command("create")
    .description("create an API key; the key itself is printed this once and never stored")
    .requiredOption("--tenant <slug>", "tenant slug, e.g. acme-grocers")
    .addOption(new Option("--scope <scope>", "what the key may do").choices(API_KEY_SCOPES).makeOptionMandatory())
    .requiredOption("--name <name>", "what uses the key, e.g. 'ERP nightly sync'")
    .action(async (options: { tenant: string; scope: ApiKeyScope; name: string }, command: Command) => {
      const created = await withDatabase(async (database) => {
        const tenant = await resolveTenant(database, options.tenant);
        const key = await withTenant(database, tenant.id, (tx) => createApiKey(tx, ownerActor(tenant.id), { name: options.name, scope: options.scope }));
        return { tenant: tenant.slug, ...key };
      });
      if (wantsJson(command)) return printJson(created);
      console.log(`Created ${created.scope} API key "${created.name}" for ${created.tenant}.`);
      console.log(`  id      ${created.id}`);
      console.log(`  prefix  ${created.prefix}`);
      console.log(`\n${created.key}\n`);
      console.log("Copy the key now: only its hash is stored, so it cannot be shown again.");
    });

  apikey
    .command("list")
    .description("list a tenant's API keys (never the keys themselves)")
    .requiredOption("--tenant <slug>", "tenant slug")
    .action(async (options: { tenant: string }, command: Command) => {
      const keys = await withDatabase(async (database) => {
        const tenant = await resolveTenant(database, options.tenant);
        return withTenant(database, tenant.id, (tx) => listApiKeys(tx));
      });
      if (wantsJson(command)) return printJson(keys);
      if (!keys.length) return console.log(`${options.tenant} has no API keys.`);
      printTable(
        keys.map((k) => ({
          id: k.id,
          name: k.name,
          scope: k.scope,
          prefix: k.prefix,
          created: formatTime(k.createdAt),
          "last used": formatTime(k.lastUsedAt),
          revoked: formatTime(k.revokedAt),
        })),
      );
    });

  apikey
    .command("revoke")
    .description("revoke an API key; requests with it are refused from then on")
    .requiredOption("--tenant <slug>", "tenant slug")
    .requiredOption("--id <keyId>", "the key's id, as shown by create and list")
    .action(async (options: { tenant: string; id: string }, command: Command) => {
      const revoked = await withDatabase(async (database) => {
        const tenant = await resolveTenant(database, options.tenant);
        return withTenant(database, tenant.id, (tx) => revokeApiKey(tx, ownerActor(tenant.id), { keyId: options.id }));
      });
      if (wantsJson(command)) return printJson({ ...revoked, revoked: true });
      console.log(`Revoked API key "${revoked.name}" (${revoked.id}).`);
    });
}
