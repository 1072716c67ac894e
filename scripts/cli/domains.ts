import type { Command } from "commander";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { findDomainOwner, getCustomDomain, setCustomDomain, verifyCustomDomain } from "@/server/services/branding/custom-domain";
import { printJson, wantsJson } from "./output";
import { resolveTenant } from "./resolve-tenant";
import { withDatabase } from "./with-database";

/** `domains set`, `domains verify`, `domains show`: a tenant's custom domain from the shell. */
export function registerDomainCommands(program: Command): void {
  const domains = program.command("domains").description("tenants' custom domains");

  domains
    .command("set")
    .description("set a tenant's custom domain (pending until verified)")
    .requiredOption("--tenant <slug>", "tenant slug")
    .requiredOption("--host <hostname>", "the hostname, e.g. forecasts.example.com")
    .action(async (options: { tenant: string; host: string }, command: Command) => {
      const domain = await withDatabase(async (database) => {
        const tenant = await resolveTenant(database, options.tenant);
        return withTenant(database, tenant.id, (tx) => setCustomDomain(tx, { tenantId: tenant.id, role: "owner" }, { hostname: options.host }));
      });
      if (wantsJson(command)) return printJson(domain);
      console.log(`${domain.hostname}: ${domain.status}. Publish ${domain.record.name} TXT "${domain.record.value}", then run \`domains verify --host ${domain.hostname}\`.`);
    });

  domains
    .command("verify")
    .description("verify a custom domain by its TXT record (--skip-dns marks it verified without the lookup, for local use)")
    .requiredOption("--host <hostname>", "the hostname to verify")
    .option("--skip-dns", "do not look up the TXT record (offline and local use only)")
    .action(async (options: { host: string; skipDns?: boolean }, command: Command) => {
      const domain = await withDatabase(async (database) => {
        const owner = await findDomainOwner(database, options.host);
        if (!owner) throw new AppError("not_found:domain", `No tenant has set ${options.host} as its custom domain.`);
        return { tenant: owner.slug, ...(await withTenant(database, owner.tenantId, (tx) => verifyCustomDomain(tx, { tenantId: owner.tenantId, role: "owner" }, { skipDns: options.skipDns }))) };
      });
      if (wantsJson(command)) return printJson(domain);
      console.log(`${domain.hostname} is verified: requests for it now resolve to ${domain.tenant}.`);
    });

  domains
    .command("show")
    .description("show a tenant's custom domain and its verification record")
    .requiredOption("--tenant <slug>", "tenant slug")
    .action(async (options: { tenant: string }, command: Command) => {
      const domain = await withDatabase(async (database) => {
        const tenant = await resolveTenant(database, options.tenant);
        return withTenant(database, tenant.id, (tx) => getCustomDomain(tx));
      });
      if (wantsJson(command)) return printJson(domain);
      console.log(domain ? `${domain.hostname}: ${domain.status} (${domain.record.name} TXT "${domain.record.value}")` : `${options.tenant} has no custom domain.`);
    });
}
