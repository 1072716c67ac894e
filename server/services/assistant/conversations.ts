import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { assistantConversations } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";

/** The member's own conversations, newest first (RLS keeps them to the tenant; the filter to the member). */
export function listConversations(tx: Tx, userId: string, limit = 30) {
  return tx
    .select({ id: assistantConversations.id, title: assistantConversations.title, updatedAt: assistantConversations.updatedAt })
    .from(assistantConversations)
    .where(eq(assistantConversations.userId, userId))
    .orderBy(desc(assistantConversations.updatedAt))
    .limit(limit);
}

/** One of the member's conversations; another member's or tenant's id is as unknown as a made-up one. */
export async function getConversation(tx: Tx, userId: string, id: string) {
  const parsed = z.uuid().safeParse(id);
  const [row] = parsed.success ? await tx.select().from(assistantConversations).where(and(eq(assistantConversations.id, parsed.data), eq(assistantConversations.userId, userId))) : [];
  if (!row) throw new AppError("not_found:conversation", `Conversation ${id} not found.`);
  return row;
}

const titleOf = (question: string) => (question.length > 80 ? `${question.slice(0, 77)}…` : question) || "New conversation";

/** Stores the conversation as the chat ended it; a new id creates it, titled by its first question. */
export async function saveConversation(tx: Tx, actor: Actor, input: { id: string; messages: unknown[]; firstQuestion: string; unverified: number }) {
  if (!actor.userId) throw new AppError("forbidden:conversation", "Only members keep conversations.");
  const id = z.uuid("conversation id must be a UUID").parse(input.id);
  await tx
    .insert(assistantConversations)
    .values({ tenantId: actor.tenantId, id, userId: actor.userId, title: titleOf(input.firstQuestion), messages: input.messages, unverifiedNumbers: input.unverified })
    .onConflictDoUpdate({
      target: [assistantConversations.tenantId, assistantConversations.id],
      set: { messages: input.messages, updatedAt: new Date(), unverifiedNumbers: sql`${assistantConversations.unverifiedNumbers} + ${input.unverified}` },
      // Someone else's conversation id is never overwritten.
      setWhere: eq(assistantConversations.userId, actor.userId),
    });
}
