import { sql } from "drizzle-orm";
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { memberships } from "./access";
import { tenants } from "./platform";

/** Assistant conversations, one row each, private to the member who had them (UI messages as the SDK serialises them). */
export const assistantConversations = pgTable(
  "assistant_conversations",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().default(sql`foresight_uuidv7()`),
    userId: uuid("user_id").notNull(),
    title: text("title").notNull(),
    messages: jsonb("messages").$type<unknown[]>().notNull().default([]),
    /** Numbers of the final answers that no tool result held, counted over the conversation. */
    unverifiedNumbers: integer("unverified_numbers").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("assistant_conversations_user_idx").on(t.tenantId, t.userId, t.updatedAt),
    // A member's conversations go with their membership.
    foreignKey({ name: "assistant_conversations_member_fk", columns: [t.tenantId, t.userId], foreignColumns: [memberships.tenantId, memberships.userId] }).onDelete("cascade"),
  ],
);

export type AssistantConversation = typeof assistantConversations.$inferSelect;
export type NewAssistantConversation = typeof assistantConversations.$inferInsert;
