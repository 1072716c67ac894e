import "server-only";
import { eq, like } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/server/validation/text";
import { newPasswordSchema } from "./new-password-schema";
import { admitSignUp } from "./sign-up-throttle";
import { emailSchema } from "./email-schema";
import { memberships, tenants, users } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { enterTenant, withAuthRole } from "@/server/db/tenant-context";
import { hashPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors/app-error";
import { recordAudit } from "@/server/services/audit/record-audit";

export const signUpSchema = z.object({
  name: text({ min: 1, max: 100, required: "Your name is required" }),
  email: emailSchema,
  password: newPasswordSchema,
  organization: text({ min: 2, max: 80, required: "Organisation name must be at least 2 characters" }),
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const DEFAULT_BRANDING = { primaryColor: "#2563eb", accentColor: "#0f172a" } as const;

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base.length >= 2 ? base : `org-${base}`;
}

/**
 * Creates a tenant, its owner and the owner's membership in one transaction: the tenant and user
 * rows as the identity role, the membership and audit entry in the new tenant's own context. With
 * the caller's address, sign-ups from it are limited (sign-up-throttle.ts); the CLI and tests have none.
 */
export async function signUp(
  database: Database,
  input: SignUpInput,
  caller: { ip?: string } = {},
): Promise<{ userId: string; tenantId: string; slug: string }> {
  const data = signUpSchema.parse(input);
  const ip = caller.ip;
  if (ip) await withAuthRole(database, (tx) => admitSignUp(tx, ip));
  const passwordHash = await hashPassword(data.password);
  return withAuthRole(database, async (tx) => {
    const existing = await tx.select({ id: users.id }).from(users).where(eq(users.email, data.email)).limit(1);
    if (existing.length) throw new AppError("conflict:email", "An account with this email already exists; sign in instead.");

    const base = slugify(data.organization);
    const taken = new Set(
      (await tx.select({ slug: tenants.slug }).from(tenants).where(like(tenants.slug, `${base}%`))).map((r) => r.slug),
    );
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;

    const [tenant] = await tx
      .insert(tenants)
      .values({ slug, name: data.organization, branding: { displayName: data.organization, ...DEFAULT_BRANDING } })
      .returning({ id: tenants.id });
    const [user] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, passwordHash })
      .returning({ id: users.id });
    if (!tenant || !user) throw new Error("sign-up insert returned no row");

    await enterTenant(tx, tenant.id);
    await tx.insert(memberships).values({ tenantId: tenant.id, userId: user.id, role: "owner" });
    await recordAudit(tx, { tenantId: tenant.id, userId: user.id, role: "owner", ip }, {
      action: "tenant.created",
      targetType: "tenant",
      targetId: tenant.id,
      details: { slug, owner: data.email },
    });
    return { userId: user.id, tenantId: tenant.id, slug };
  });
}
