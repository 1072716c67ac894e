// Plain constants (no drizzle import) so client components can use them without the ORM.
export const ROLES = ["viewer", "analyst", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];
