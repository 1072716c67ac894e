import "server-only";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { recordAudit } from "@/server/services/audit/record-audit";
import { listUserTenants } from "./user-tenants";

/** Writes `user.signed_in` (with the client's address) into the audit log of every tenant the user belongs to. */
export async function recordSignIn(database: Database, userId: string, ip: string | undefined): Promise<void> {
  for (const tenant of await listUserTenants(database, userId)) {
    await withTenant(database, tenant.id, (tx) =>
      recordAudit(tx, { tenantId: tenant.id, userId, role: tenant.role, ip }, { action: "user.signed_in", targetType: "user", targetId: userId }),
    );
  }
}
