import "server-only";
import { and, desc, eq, gt, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { ACTION_TYPES, actions, stores } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { text } from "@/server/validation/text";
import { refreshActions } from "./refresh-actions";

export const listActionsSchema = z.strictObject({
  type: z.enum(ACTION_TYPES).optional().describe("Only actions of this type"),
  store: text({ min: 1, max: 64 }).optional().describe("Only actions at this store (a transfer's sender or receiver)"),
  item: text({ min: 1, max: 64 }).optional().describe("Only actions for this item"),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("Actions to return, highest value first"),
  offset: z.coerce.number().int().min(0).default(0).describe("Actions to skip (page numbers); ignored when cursor is given"),
  cursor: z.string().max(200).optional().describe("nextCursor of the previous page: continues the ranked order after its last action"),
});
export type ListActionsInput = z.input<typeof listActionsSchema>;

const columns = {
  id: actions.id,
  type: actions.type,
  title: actions.title,
  storeId: actions.storeId,
  storeName: stores.name,
  itemId: actions.itemId,
  toStoreId: actions.toStoreId,
  quantity: actions.quantity,
  value: actions.value,
  dueDate: actions.dueDate,
  evidence: actions.evidence,
  status: actions.status,
};

const visible = eq(actions.status, "open");

const cursorSchema = z.tuple([z.number(), z.uuid()]);

/** Opaque keyset position after an action: ranked order is value desc, then id, so (value, id) is unique. */
function encodeCursor(row: { value: number; id: string }) {
  return Buffer.from(JSON.stringify([row.value, row.id])).toString("base64url");
}

function decodeCursor(cursor: string) {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("bad_request:cursor", "cursor is not a nextCursor returned by this list.");
  }
}

/** The ranked action list, recomputed first if forecasts, stock, drafts, overrides or settings changed. */
export async function listActions(tx: Tx, tenantId: string, input: ListActionsInput = {}) {
  const { type, store, item, limit, offset, cursor } = listActionsSchema.parse(input);
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  await refreshActions(tx, tenantId);
  const where = and(visible, type ? eq(actions.type, type) : undefined, store ? or(eq(actions.storeId, store), eq(actions.toStoreId, store)) : undefined, item ? eq(actions.itemId, item) : undefined);
  const keyset = after ? or(lt(actions.value, after[0]), and(eq(actions.value, after[0]), gt(actions.id, after[1]))) : undefined;
  const [tenant, rows, [total]] = await Promise.all([
    getTenant(tx, tenantId),
    // One row past the page tells whether a next page exists without a second count.
    tx.select(columns).from(actions).innerJoin(stores, eq(stores.id, actions.storeId)).where(and(where, keyset)).orderBy(desc(actions.value), actions.id).limit(limit + 1).offset(after ? 0 : offset),
    tx.select({ n: sql<number>`count(*)::int`, value: sql<number>`coalesce(sum(${actions.value}), 0)::float8` }).from(actions).where(where),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(last) : null;
  return { currency: tenant.currency, total: total?.n ?? 0, totalValue: Number(total?.value ?? 0), actions: page, nextCursor };
}

/** One action by id; another tenant's id is as unknown as a made-up one. */
export async function getAction(tx: Tx, id: string) {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw new AppError("not_found:action", `Action ${id} not found.`);
  const [row] = await tx.select(columns).from(actions).innerJoin(stores, eq(stores.id, actions.storeId)).where(eq(actions.id, parsed.data));
  if (!row) throw new AppError("not_found:action", `Action ${id} not found.`);
  return row;
}
