import { sql } from "drizzle-orm";
import { boolean, doublePrecision, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** Tenant branding as stored; validated by `server/tenants/tenant-config.ts`. */
export type TenantBranding = {
  displayName: string;
  primaryColor: string;
  accentColor: string;
  /** A shipped demo logo, under tenants/<slug>/. */
  logoPath?: string;
  /** Set when an admin uploaded a logo (stored in brand_assets): its hash, which also busts caches. */
  logoVersion?: string;
  /** Set when an admin uploaded a favicon (stored in brand_assets): its hash. */
  faviconVersion?: string;
};

export const DOMAIN_STATUSES = ["pending", "verified"] as const;
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];

export const BILLING_STATUSES = ["active", "past_due", "canceled", "paused"] as const;
export type BillingStatus = (typeof BILLING_STATUSES)[number];

// Platform tables hold no tenant data: they are read before a tenant is known (sign-in, routing).
export const tenants = pgTable(
  "tenants",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    plan: text("plan", { enum: ["free", "pro", "enterprise"] }).notNull().default("free"),
    currency: text("currency").notNull().default("USD"),
    locale: text("locale").notNull().default("en-US"),
    /** IANA time zone the tenant's days and reports are read in. */
    timezone: text("timezone").notNull().default("UTC"),
    /** Cycle service level inventory recommendations aim for unless asked otherwise. */
    defaultServiceLevel: doublePrecision("default_service_level").notNull().default(0.95),
    branding: jsonb("branding").$type<TenantBranding>().notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    /** Subscription state (Stripe's, re-read on every webhook; "active" in local billing mode). */
    billingStatus: text("billing_status", { enum: BILLING_STATUSES }).notNull().default("active"),
    /** After a failed payment: until then the tenant works as usual, afterwards it is read-only. */
    graceUntil: timestamp("grace_until", { withTimezone: true }),
    stripeCustomerId: text("stripe_customer_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    /**
     * The tenant's custom domain (lower-case, no port or trailing dot). On the tenant row, like the
     * slug, because it must be unique across tenants: a tenant table's keys start with tenant_id.
     * Requests are routed to the tenant only once it is verified.
     */
    customDomain: text("custom_domain"),
    /** Published by the tenant as a TXT record at _foresight.<domain> to prove it owns the name. */
    customDomainToken: text("custom_domain_token"),
    customDomainStatus: text("custom_domain_status", { enum: DOMAIN_STATUSES }),
    customDomainSetAt: timestamp("custom_domain_set_at", { withTimezone: true }),
    customDomainVerifiedAt: timestamp("custom_domain_verified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("tenants_slug_key").on(t.slug), uniqueIndex("tenants_custom_domain_key").on(t.customDomain)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

/** Server-side record of each sign-in, so sign-out and expiry revoke the JWT for real. */
export const authSessions = pgTable("auth_sessions", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  ip: text("ip"),
  userAgent: text("user_agent"),
});

/** Failed-login counters keyed by `email:<addr>` or `ip:<addr>`, for throttling and lockout. */
export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

/**
 * What is left of a deleted tenant: that it existed, who deleted it, when and from where. Its own
 * audit log goes with its data, so this platform record is the proof of the deletion.
 */
export const tenantDeletions = pgTable("tenant_deletions", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  deletedTenantId: uuid("deleted_tenant_id").notNull(),
  slug: text("slug").notNull(),
  deletedBy: uuid("deleted_by"),
  deletedAt: timestamp("deleted_at", { withTimezone: true }).notNull().defaultNow(),
  ip: text("ip"),
});

export type Tenant = typeof tenants.$inferSelect;
export type NewTenant = typeof tenants.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type AuthSession = typeof authSessions.$inferSelect;
export type NewAuthSession = typeof authSessions.$inferInsert;
export type TenantDeletion = typeof tenantDeletions.$inferSelect;
export type NewTenantDeletion = typeof tenantDeletions.$inferInsert;
export type AuthThrottle = typeof authThrottle.$inferSelect;
export type NewAuthThrottle = typeof authThrottle.$inferInsert;
