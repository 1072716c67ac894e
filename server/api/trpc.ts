import { TRPCError, initTRPC } from "@trpc/server";
import type Stripe from "stripe";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Role } from "@/drizzle/schema";
import type { Database, Tx } from "@/server/db/database";
import type { Mailer } from "@/server/services/email/mailer";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { ErrorKind } from "@/server/errors/app-error";
import { appErrorFromDatabase } from "@/server/errors/database-error";
import { enforceRateLimit } from "@/server/http/rate-limit";
import type { RateLimiter } from "@/server/http/rate-limit";
import { describeIssues } from "@/server/validation/describe-issues";
import type { Actor } from "@/server/services/actor";
import { roleAtLeast } from "@/server/services/actor";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import type { UserTenant } from "@/server/services/auth/user-tenants";
import { assertWritable } from "@/server/services/billing/billing-state";
import { tenantForHost } from "@/server/services/branding/custom-domain";
import { requestHost } from "@/server/http/request-host";

/** Header the client sends with the slug of the tenant the page belongs to. */
export const TENANT_HEADER = "x-tenant";

export type SessionUser = {
  id: string;
  email?: string | null;
  name?: string | null;
  /** When the current session signed in; read only by procedures that need a recent sign-in. */
  signedInAt?: () => Promise<Date | null>;
};

/** How recent a sign-in must be for sensitive actions (billing changes, key creation, deletion). */
export const RECENT_SIGN_IN_MINUTES = 15;

/**
 * @param user the signed-in user, or null; resolved by the caller (Auth.js in the app, a fixture in tests).
 * @param rateLimiter the per-user request budget (the process's shared one in the app); tests leave it out.
 * @param stripe the Stripe client when billing runs through Stripe; null or absent is local billing mode.
 * @param mailer where e-mail goes; absent is SMTP_URL's (tests pass one pointed at their SMTP stand-in).
 */
export function createTRPCContext(opts: { database: Database; user: SessionUser | null; headers: Headers; ip?: string; rateLimiter?: RateLimiter; stripe?: Stripe | null; mailer?: Mailer }) {
  return { ...opts, stripe: opts.stripe ?? null, tenantSlug: opts.headers.get(TENANT_HEADER) };
}
export type TRPCContext = ReturnType<typeof createTRPCContext>;

const TRPC_CODE: Record<ErrorKind, TRPCError["code"]> = {
  bad_request: "BAD_REQUEST",
  unauthorized: "UNAUTHORIZED",
  payment_required: "PAYMENT_REQUIRED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  payload_too_large: "PAYLOAD_TOO_LARGE",
  unsupported_media_type: "UNSUPPORTED_MEDIA_TYPE",
  too_many_requests: "TOO_MANY_REQUESTS",
  unavailable: "SERVICE_UNAVAILABLE",
};

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error }) => {
    const appError = error.cause instanceof AppError ? error.cause : null;
    // Input errors read like the REST API's: "search: Must not contain NUL characters".
    const message = error.cause instanceof ZodError ? describeIssues(error.cause) : shape.message;
    return {
      ...shape,
      message: error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side." : message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        appCode: appError?.code ?? null,
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

/**
 * Turns AppErrors thrown by services (and database errors that are the caller's, such as a NUL
 * byte or the statement timeout) into the matching tRPC error, keeping the cause for the formatter.
 */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause instanceof AppError ? result.error.cause : appErrorFromDatabase(result.error.cause);
    if (cause) throw new TRPCError({ code: TRPC_CODE[cause.kind], message: cause.message, cause });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapAppErrors);

/** A signed-in user's call; each takes a token from that user's request budget. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  if (ctx.rateLimiter) enforceRateLimit(ctx.rateLimiter, { kind: "user", id: ctx.user.id });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export type TenantContext = {
  tenant: UserTenant;
  actor: Actor;
  /** Runs work in this tenant's RLS context. */
  withTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
};

/**
 * A procedure for members of the tenant named by the x-tenant header holding at least `minRole`
 * (on a tenant's custom domain, only that tenant).
 * Mutations are refused (402) while the tenant is read-only for an unpaid or paused subscription,
 * except those marked `whileReadOnly` (billing itself, so an owner can pay). `recentSignIn`
 * procedures need a sign-in within the last RECENT_SIGN_IN_MINUTES, so a session left open on a
 * shared machine cannot change billing, create keys or delete the workspace.
 */
export function tenantProcedure(minRole: Role, options: { whileReadOnly?: boolean; recentSignIn?: boolean } = {}) {
  return protectedProcedure.use(async ({ ctx, next, type }) => {
    if (!ctx.tenantSlug) throw new TRPCError({ code: "BAD_REQUEST", message: `Missing ${TENANT_HEADER} header.` });
    const tenant = await findMembershipBySlug(ctx.database, ctx.user.id, ctx.tenantSlug);
    // Not a member and no such tenant look the same, so slugs cannot be probed.
    if (!tenant) throw new TRPCError({ code: "NOT_FOUND", message: "No such workspace." });
    // A tenant's custom domain serves that tenant only, whatever else the session may reach.
    const hostTenant = await tenantForHost(ctx.database, requestHost(ctx.headers));
    if (hostTenant && hostTenant.id !== tenant.id) throw new TRPCError({ code: "NOT_FOUND", message: "No such workspace." });
    if (!roleAtLeast(tenant.role, minRole)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${minRole} role or higher; you are ${tenant.role}.` });
    }
    if (type === "mutation" && !options.whileReadOnly) assertWritable(tenant);
    if (options.recentSignIn) {
      const signedInAt = await ctx.user.signedInAt?.();
      if (!signedInAt || Date.now() - signedInAt.getTime() > RECENT_SIGN_IN_MINUTES * 60_000) {
        throw new AppError("forbidden:recent_sign_in", `This needs a sign-in within the last ${RECENT_SIGN_IN_MINUTES} minutes: sign out, sign in again, then retry.`);
      }
    }
    const actor: Actor = { tenantId: tenant.id, userId: ctx.user.id, role: tenant.role, ip: ctx.ip };
    const tenantCtx: TenantContext = {
      tenant,
      actor,
      withTenant: (fn) => withTenant(ctx.database, tenant.id, fn),
    };
    return next({ ctx: { ...ctx, ...tenantCtx } });
  });
}
