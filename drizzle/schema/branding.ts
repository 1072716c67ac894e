import { sql } from "drizzle-orm";
import { integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { tenants } from "./platform";

export const BRAND_ASSET_KINDS = ["logo", "favicon"] as const;
export type BrandAssetKind = (typeof BRAND_ASSET_KINDS)[number];
export const BRAND_IMAGE_TYPES = ["image/png", "image/svg+xml", "image/x-icon"] as const;

/** Uploaded brand images, already validated (PNG, ICO) or sanitised (SVG) before they are stored. */
export const brandAssets = pgTable(
  "brand_assets",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: BRAND_ASSET_KINDS }).notNull(),
    contentType: text("content_type", { enum: BRAND_IMAGE_TYPES }).notNull(),
    bytes: bytea("bytes").notNull(),
    sha256: text("sha256").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind] })],
);

export type BrandAsset = typeof brandAssets.$inferSelect;
export type NewBrandAsset = typeof brandAssets.$inferInsert;

export const DOMAIN_STATUSES = ["pending", "verified"] as const;
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];

/**
 * A tenant's custom domain. The hostname is unique across all tenants (its own index, the one key
 * here that does not start with tenant_id): a host must resolve to exactly one tenant. Requests are
 * routed to the tenant only once the domain is verified.
 */
export const tenantDomains = pgTable(
  "tenant_domains",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** Lower-case, without port or trailing dot. */
    hostname: text("hostname").notNull(),
    /** Published by the tenant as a TXT record at _foresight.<hostname> to prove it owns the name. */
    verificationToken: text("verification_token").notNull(),
    status: text("status", { enum: DOMAIN_STATUSES }).notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.hostname] }), uniqueIndex("tenant_domains_hostname_key").on(t.hostname)],
);

export type TenantDomain = typeof tenantDomains.$inferSelect;
export type NewTenantDomain = typeof tenantDomains.$inferInsert;
