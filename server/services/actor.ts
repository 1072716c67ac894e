import "server-only";
import type { Role } from "@/drizzle/schema";

/** Who is acting inside a tenant: a signed-in member or an API key. */
export type Actor = {
  tenantId: string;
  userId?: string;
  apiKeyId?: string;
  role: Role;
  ip?: string;
};

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}
