import { eq } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import type { Role } from "@/drizzle/schema";
import { withAuthRole, withTenant } from "@/server/db/tenant-context";
import { createTrainingRun, executeTrainingRun } from "@/server/services/forecasting/training-runs";
import type { AgentContext } from "@/agents/context";
import type { FixtureTenant } from "../helpers/fixtures";
import { seedAcmeBesideOther } from "../helpers/seeded-acme";
import type { TestDatabase } from "../helpers/test-database";

/** Three items a category (so Oat Milk is there), four stores, enough history for year-on-year. */
export const ASSISTANT_SCALE = { stores: 4, items: 30, days: 420 };
const FAST = { horizon: 14, folds: 2, trees: 12 };

export type AssistantFixture = { acmeId: string; other: FixtureTenant; as: (role: Role) => Promise<AgentContext>; otherCtx: AgentContext };

/** Acme at a small scale with a trained production model, beside a tenant that must never see it. */
export async function seedAssistantFixture(database: TestDatabase): Promise<AssistantFixture> {
  const { acmeId, other } = await seedAcmeBesideOther(database, ASSISTANT_SCALE);
  const owner = { tenantId: acmeId, role: "owner" as const };
  const run = await withTenant(database, acmeId, (tx) => createTrainingRun(tx, owner, FAST));
  await executeTrainingRun(database, owner, run.id);
  const as = async (role: Role): Promise<AgentContext> => {
    const [user] = await withAuthRole(database, (tx) => tx.select({ id: users.id }).from(users).where(eq(users.email, `${role}@acme.test`)));
    return { database, tenantId: acmeId, tenantSlug: "acme-grocers", userId: user!.id, role };
  };
  const otherCtx: AgentContext = { database, tenantId: other.id, tenantSlug: other.slug, userId: other.users.analyst.id, role: "analyst" };
  return { acmeId, other, as, otherCtx };
}
