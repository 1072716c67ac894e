import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { tenants } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import type { PlanId } from "@/server/services/billing/plans";

/** A tRPC call's error code and message, or "OK". */
export async function trpcOutcome(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, message: e.message };
    throw e;
  }
  return { code: "OK", message: "" };
}

/** Puts a fixture tenant on a plan directly (tests start from a known plan). */
export async function putOnPlan(database: Database, tenantId: string, plan: PlanId): Promise<void> {
  await withTenant(database, tenantId, (tx) => tx.update(tenants).set({ plan }).where(eq(tenants.id, tenantId)));
}
