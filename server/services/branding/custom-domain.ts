import "server-only";
import { randomBytes } from "node:crypto";
import { resolveTxt as dnsResolveTxt } from "node:dns/promises";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { tenantDomains, tenants } from "@/drizzle/schema";
import type { TenantBranding, TenantDomain } from "@/drizzle/schema";
import type { Database, Tx } from "@/server/db/database";
import { currentTenantId, withAuthRole } from "@/server/db/tenant-context";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { couldBeCustomDomain, customHostnameSchema } from "./hostname";

export const setCustomDomainSchema = z.object({ hostname: customHostnameSchema });

/** Where the tenant proves it owns the name: a TXT record at this name holding the token. */
export const verificationRecordName = (hostname: string) => `_foresight.${hostname}`;

export type CustomDomain = Pick<TenantDomain, "hostname" | "status" | "verificationToken" | "createdAt" | "verifiedAt"> & {
  /** The DNS record to publish: `<name> TXT "<value>"`. */
  record: { name: string; type: "TXT"; value: string };
};

const toCustomDomain = (row: Pick<TenantDomain, "hostname" | "status" | "verificationToken" | "createdAt" | "verifiedAt">): CustomDomain => ({
  ...row,
  record: { name: verificationRecordName(row.hostname), type: "TXT", value: row.verificationToken },
});

const columns = {
  hostname: tenantDomains.hostname,
  status: tenantDomains.status,
  verificationToken: tenantDomains.verificationToken,
  createdAt: tenantDomains.createdAt,
  verifiedAt: tenantDomains.verifiedAt,
};

/** The current tenant's custom domain, or null. */
export async function getCustomDomain(tx: Tx): Promise<CustomDomain | null> {
  const [row] = await tx.select(columns).from(tenantDomains).where(eq(tenantDomains.tenantId, currentTenantId)).limit(1);
  return row ? toCustomDomain(row) : null;
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
  await tx.delete(tenantDomains).where(eq(tenantDomains.tenantId, currentTenantId));
  const verificationToken = `foresight-verify=${randomBytes(18).toString("base64url")}`;
  // ON CONFLICT rather than catching the unique violation, which would abort the transaction; the
  // conflicting row is another tenant's, invisible under RLS, but the index still sees it.
  const [row] = await tx
    .insert(tenantDomains)
    .values({ tenantId: actor.tenantId, hostname, verificationToken })
    .onConflictDoNothing({ target: tenantDomains.hostname })
    .returning(columns);
  if (!row) throw new AppError("conflict:domain_taken", `${hostname} is already the custom domain of another workspace.`);
  await recordAudit(tx, actor, { action: "tenant.domain_set", targetType: "domain", targetId: hostname, details: { previous: current?.hostname ?? null } });
  forgetHost(hostname);
  if (current) forgetHost(current.hostname);
  return toCustomDomain(row);
}

/** Removes the tenant's custom domain; its host then behaves like any unknown host. */
export async function removeCustomDomain(tx: Tx, actor: Actor): Promise<{ hostname: string | null }> {
  const removed = await tx.delete(tenantDomains).where(eq(tenantDomains.tenantId, currentTenantId)).returning({ hostname: tenantDomains.hostname });
  const hostname = removed[0]?.hostname ?? null;
  if (hostname) {
    await recordAudit(tx, actor, { action: "tenant.domain_removed", targetType: "domain", targetId: hostname });
    forgetHost(hostname);
  }
  return { hostname };
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
    .update(tenantDomains)
    .set({ status: "verified", verifiedAt: new Date() })
    .where(and(eq(tenantDomains.tenantId, currentTenantId), eq(tenantDomains.hostname, domain.hostname)))
    .returning(columns);
  if (!row) throw new Error("verified domain update returned no row");
  await recordAudit(tx, actor, { action: "tenant.domain_verified", targetType: "domain", targetId: domain.hostname, details: { dnsChecked: !options.skipDns } });
  forgetHost(domain.hostname);
  return toCustomDomain(row);
}

/** The tenant (id and slug) that holds a hostname, verified or not, for the CLI. */
export async function findDomainOwner(database: Database, hostname: string): Promise<{ tenantId: string; slug: string; status: TenantDomain["status"] } | null> {
  const host = customHostnameSchema.parse(hostname);
  const [row] = await withAuthRole(database, (tx) =>
    tx
      .select({ tenantId: tenantDomains.tenantId, slug: tenants.slug, status: tenantDomains.status })
      .from(tenantDomains)
      .innerJoin(tenants, eq(tenants.id, tenantDomains.tenantId))
      .where(eq(tenantDomains.hostname, host)),
  );
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
      .from(tenantDomains)
      .innerJoin(tenants, eq(tenants.id, tenantDomains.tenantId))
      .where(and(eq(tenantDomains.hostname, host), eq(tenantDomains.status, "verified"))),
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
