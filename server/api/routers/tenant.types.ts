import { z } from "zod";
import { BILLING_STATUSES, DOMAIN_STATUSES, ROLES, tenants } from "@/drizzle/schema";
import type { TenantBranding } from "@/drizzle/schema";
import type { UserTenant } from "@/server/services/auth/user-tenants";
import type { TenantProfile } from "@/server/services/tenant/get-tenant";
import type { CustomDomain } from "@/server/services/branding/custom-domain";

/** Output shapes of the tenant procedures; each `satisfies` keeps it in step with what the service returns. */

export const userTenantSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  billingStatus: z.enum(BILLING_STATUSES),
  graceUntil: z.date().nullable(),
}) satisfies z.ZodType<UserTenant>;

const brandingSchema = z.object({
  displayName: z.string(),
  primaryColor: z.string(),
  accentColor: z.string(),
  logoPath: z.string().optional(),
  logoVersion: z.string().optional(),
  faviconVersion: z.string().optional(),
}) satisfies z.ZodType<TenantBranding>;

export const currentTenantSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  plan: z.enum(tenants.plan.enumValues),
  currency: z.string(),
  locale: z.string(),
  timezone: z.string(),
  defaultServiceLevel: z.number(),
  branding: brandingSchema,
  isDemo: z.boolean(),
  role: z.enum(ROLES),
}) satisfies z.ZodType<TenantProfile & { role: UserTenant["role"] }>;

export const customDomainSchema = z.object({
  hostname: z.string(),
  status: z.enum(DOMAIN_STATUSES),
  verificationToken: z.string(),
  createdAt: z.date(),
  verifiedAt: z.date().nullable(),
  record: z.object({ name: z.string(), type: z.literal("TXT"), value: z.string() }),
}) satisfies z.ZodType<CustomDomain>;
