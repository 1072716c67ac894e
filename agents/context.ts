import "server-only";
import type { Role } from "@/drizzle/schema";
import type { Database, Tx } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";

/** Who the assistant acts for. It comes from the session or API key, never from the model. */
export type AgentContext = {
  database: Database;
  tenantId: string;
  tenantSlug: string;
  userId?: string;
  apiKeyId?: string;
  role: Role;
};

export const actorOf = (ctx: AgentContext): Actor => ({ tenantId: ctx.tenantId, userId: ctx.userId, apiKeyId: ctx.apiKeyId, role: ctx.role });

/** One short tenant transaction per tool call: none stays open across a model round trip. */
export function inTenant<T>(ctx: AgentContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withTenant(ctx.database, ctx.tenantId, fn);
}

/** The product's own errors (unknown id, missing role, no model yet) go back to the model as `{ error }`. */
export async function recoverable<T>(fn: () => Promise<T>): Promise<T | { error: string; code: string }> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) return { error: e.message, code: e.code };
    if (e instanceof Error && e.name === "ZodError") return { error: e.message, code: "bad_request:tool_input" };
    throw e;
  }
}
