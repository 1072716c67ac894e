import "server-only";
import { randomBytes } from "node:crypto";
import { resolveTxt as dnsResolveTxt } from "node:dns/promises";
import { and, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { tenants } from "@/drizzle/schema";
import type { DomainStatus, TenantBranding } from "@/drizzle/schema";
import type { Database, Tx } from "@/server/db/database";
import { currentTenantId, withAuthRole } from "@/server/db/tenant-context";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import { AppError } from "@/server/errors/app-error";
import { sqlState } from "@/server/errors/database-error";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { couldBeCustomDomain, customHostnameSchema } from "./hostname";

export const setCustomDomainSchema = z.object({ hostname: customHostnameSchema });

/** Where the tenant proves it owns the name: a TXT record at this name holding the token. */
export const verificationRecordName = (hostname: string) => `_foresight.${hostname}`;

export type CustomDomain = {
  hostname: string;
  status: DomainStatus;
  verificationToken: string;
  createdAt: Date;
  verifiedAt: Date | null;
  /** The DNS record to publish: `<name> TXT "<value>"`. */
  record: { name: string; type: "TXT"; value: string };
};

const columns = {
  hostname: tenants.customDomain,
  status: tenants.customDomainStatus,
  verificationToken: tenants.customDomainToken,
  createdAt: tenants.customDomainSetAt,
  verifiedAt: tenants.customDomainVerifiedAt,
};

type Row = { hostname: string | null; status: DomainStatus | null; verificationToken: string | null; createdAt: Date | null; verifiedAt: Date | null };

const toCustomDomain = (row: Row | undefined): CustomDomain | null =>
  row?.hostname && row.status && row.verificationToken && row.createdAt
    ? {
        hostname: row.hostname,
        status: row.status,
        verificationToken: row.verificationToken,
        createdAt: row.createdAt,
        verifiedAt: row.verifiedAt,
        record: { name: verificationRecordName(row.hostname), type: "TXT", value: row.verificationToken },
      }
    : null;

const NO_DOMAIN = { customDomain: null, customDomainToken: null, customDomainStatus: null, customDomainSetAt: null, customDomainVerifiedAt: null };

/** The current tenant's custom domain, or null (RLS limits the app role to its own tenant row). */
export async function getCustomDomain(tx: Tx): Promise<CustomDomain | null> {
  const [row] = await tx.select(columns).from(tenants).where(eq(tenants.id, currentTenantId));
  return toCustomDomain(row);
}

/**
 * Sets the tenant's custom domain (one per tenant: a new one replaces the old), pending until its
 * TXT record is checked. A hostname another tenant holds is a 409; the unique index decides, so
 * two tenants racing for one name cannot both get it.
 */
export async function setCustomDomain(tx: Tx, actor: Actor, input: z.input<typeof setCustomDomainSchema>): Promise<CustomDomain> {
  const { hostname } = setCustomDomainSchema.parse(input);
  const current = await getCustomDomain(tx);
  if (current?.hostname === hostname) return current;
  const values = { customDomain: hostname, customDomainToken: `foresight-verify=${randomBytes(18).toString("base64url")}`, customDomainStatus: "pending" as const, customDomainSetAt: new Date(), customDomainVerifiedAt: null };
  let row: Row | undefined;
  try {
    // In a savepoint: the other tenant's row is invisible under RLS, but its unique index still
    // refuses the name, and that error must not abort the whole transaction.
    [row] = await tx.transaction((sp) => sp.update(tenants).set(values).where(eq(tenants.id, actor.tenantId)).returning(columns));
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("conflict:domain_taken", `${hostname} is already the custom domain of another workspace.`);
    throw error;
  }
  const domain = toCustomDomain(row);
  if (!domain) throw new Error("custom domain update returned no row");
  await recordAudit(tx, actor, { action: "tenant.domain_set", targetType: "domain", targetId: hostname, details: { previous: current?.hostname ?? null } });
  forgetHost(hostname);
  if (current) forgetHost(current.hostname);
  return domain;
}

/** Removes the tenant's custom domain; its host then behaves like any unknown host. */
export async function removeCustomDomain(tx: Tx, actor: Actor): Promise<{ hostname: string | null }> {
  const current = await getCustomDomain(tx);
  if (!current) return { hostname: null };
  await tx.update(tenants).set(NO_DOMAIN).where(eq(tenants.id, actor.tenantId));
  await recordAudit(tx, actor, { action: "tenant.domain_removed", targetType: "domain", targetId: current.hostname });
  forgetHost(current.hostname);
  return { hostname: current.hostname };
}

export type TxtResolver = (name: string) => Promise<string[][]>;

export type VerifyOptions = {
  /** Mark the domain verified without looking its TXT record up (CUSTOM_DOMAINS_SKIP_DNS, `--skip-dns`): for local and offline use. */
  skipDns?: boolean;
  resolveTxt?: TxtResolver;
};

/**
 * Verifies the current tenant's domain: its TXT record at _foresight.<hostname> must hold the
 * token. Once verified, requests for the host resolve to this tenant.
 */
export async function verifyCustomDomain(tx: Tx, actor: Actor, options: VerifyOptions = {}): Promise<CustomDomain> {
  const domain = await getCustomDomain(tx);
  if (!domain) throw new AppError("not_found:domain", "This workspace has no custom domain; set one first.");
  if (domain.status === "verified") return domain;
  if (!options.skipDns) {
    const name = verificationRecordName(domain.hostname);
    const records = await (options.resolveTxt ?? dnsResolveTxt)(name).catch((error: unknown) => {
      const code = (error as { code?: string }).code ?? "lookup failed";
      throw new AppError("conflict:domain_unverified", `No TXT record found at ${name} (${code}). Publish ${name} TXT "${domain.verificationToken}" and try again once DNS has updated.`);
    });
    if (!records.some((chunks) => chunks.join("") === domain.verificationToken)) {
      throw new AppError("conflict:domain_unverified", `The TXT records at ${name} do not contain "${domain.verificationToken}". Publish it and try again once DNS has updated.`);
    }
  }
  const [row] = await tx
    .update(tenants)
    .set({ customDomainStatus: "verified", customDomainVerifiedAt: new Date() })
    .where(and(eq(tenants.id, actor.tenantId), eq(tenants.customDomain, domain.hostname)))
    .returning(columns);
  const verified = toCustomDomain(row);
  if (!verified) throw new Error("verified domain update returned no row");
  await recordAudit(tx, actor, { action: "tenant.domain_verified", targetType: "domain", targetId: domain.hostname, details: { dnsChecked: !options.skipDns } });
  forgetHost(domain.hostname);
  return verified;
}

/** The tenant (id and slug) that holds a hostname, verified or not, for the CLI. */
export async function findDomainOwner(database: Database, hostname: string): Promise<{ tenantId: string; slug: string } | null> {
  const host = customHostnameSchema.parse(hostname);
  const [row] = await withAuthRole(database, (tx) => tx.select({ tenantId: tenants.id, slug: tenants.slug }).from(tenants).where(eq(tenants.customDomain, host)));
  return row ?? null;
}

export type HostTenant = { id: string; slug: string; branding: TenantBranding };

// Every page and tRPC call on a custom domain resolves its host; a short cache keeps that off the
// database. Changes made in this process drop their entry at once; other processes see them
// within HOST_CACHE_MS.
const HOST_CACHE_MS = 10_000;
type HostCache = Map<string, { tenant: HostTenant | null; until: number }>;
const hostCaches = new Set<HostCache>();
const cacheByDatabase = new WeakMap<Database, HostCache>();
function hostCacheOf(database: Database): HostCache {
  let cache = cacheByDatabase.get(database);
  if (!cache) {
    cache = new Map();
    cacheByDatabase.set(database, cache);
    hostCaches.add(cache);
  }
  return cache;
}
// Services see a transaction, not its database: drop the host from every cache of the process.
function forgetHost(hostname: string) {
  for (const cache of hostCaches) cache.delete(hostname);
}

/**
 * The tenant whose VERIFIED custom domain `host` is (a normalised request host, see
 * server/http/request-host.ts), or null for every other host, which then behaves as the app's own.
 */
export async function tenantForHost(database: Database, host: string | undefined): Promise<HostTenant | null> {
  if (!host || !couldBeCustomDomain(host)) return null;
  const hostCache = hostCacheOf(database);
  const cached = hostCache.get(host);
  if (cached && cached.until > Date.now()) return cached.tenant;
  const [row] = await withAuthRole(database, (tx) =>
    tx
      .select({ id: tenants.id, slug: tenants.slug, branding: tenants.branding })
      .from(tenants)
      .where(and(eq(tenants.customDomain, host), eq(tenants.customDomainStatus, "verified"), isNotNull(tenants.customDomainToken))),
  );
  const tenant = row ?? null;
  if (hostCache.size > 10_000) hostCache.clear();
  hostCache.set(host, { tenant, until: Date.now() + HOST_CACHE_MS });
  return tenant;
}

/**
 * Whether a user may sign in on this host: anywhere on the app's own hosts; on a tenant's custom
 * domain only as that tenant's member (anyone else would land on a domain that must never show
 * another workspace).
 */
export async function mayUseHost(database: Database, userId: string, host: string | undefined): Promise<boolean> {
  const tenant = await tenantForHost(database, host);
  return !tenant || (await findMembershipBySlug(database, userId, tenant.slug)) !== null;
}
