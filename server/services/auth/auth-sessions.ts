import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { authSessions } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withAuthRole } from "@/server/db/tenant-context";

/** How long a sign-in lasts without activity before the user must sign in again. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export async function createAuthSession(
  database: Database,
  userId: string,
  meta: { ip?: string; userAgent?: string } = {},
): Promise<string> {
  const expiresAt = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  const [row] = await withAuthRole(database, (tx) =>
    tx
      .insert(authSessions)
      .values({ userId, expiresAt, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null })
      .returning({ id: authSessions.id }),
  );
  if (!row) throw new Error("session insert returned no row");
  return row.id;
}

/** True while the session is neither revoked nor expired. */
export async function isAuthSessionActive(database: Database, sessionId: string, userId: string): Promise<boolean> {
  const rows = await withAuthRole(database, (tx) =>
    tx
      .select({ id: authSessions.id })
      .from(authSessions)
      .where(
        and(
          eq(authSessions.id, sessionId),
          eq(authSessions.userId, userId),
          isNull(authSessions.revokedAt),
          gt(authSessions.expiresAt, new Date()),
        ),
      )
      .limit(1),
  );
  return rows.length === 1;
}

export async function revokeAuthSession(database: Database, sessionId: string): Promise<void> {
  await withAuthRole(database, (tx) =>
    tx.update(authSessions).set({ revokedAt: new Date() }).where(eq(authSessions.id, sessionId)),
  );
}

/** When this session's sign-in happened (null when it is not active), for actions that need a recent one. */
export async function sessionSignedInAt(database: Database, sessionId: string, userId: string): Promise<Date | null> {
  const [row] = await withAuthRole(database, (tx) =>
    tx
      .select({ createdAt: authSessions.createdAt })
      .from(authSessions)
      .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, new Date())))
      .limit(1),
  );
  return row?.createdAt ?? null;
}
