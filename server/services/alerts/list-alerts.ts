import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { ALERT_KINDS, ALERT_STATUSES, alerts, items, stores } from "@/drizzle/schema";
import { SEVERITIES } from "@/models/anomaly";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { text } from "@/server/validation/text";

export const listAlertsSchema = z.strictObject({
  status: z.enum(ALERT_STATUSES).optional().describe("Only alerts in this status (open, acknowledged, muted)"),
  severity: z.enum(SEVERITIES).optional().describe("Only alerts of this severity"),
  kind: z.enum(ALERT_KINDS).optional().describe("Only alerts of this kind"),
  store: text({ min: 1, max: 64 }).optional().describe("Only alerts at this store"),
  item: text({ min: 1, max: 64 }).optional().describe("Only alerts for this item"),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("Alerts to return, newest first"),
  cursor: z.string().max(200).optional().describe("nextCursor of the previous page: continues after its last alert"),
});
export type ListAlertsInput = z.input<typeof listAlertsSchema>;

const columns = {
  id: alerts.id,
  kind: alerts.kind,
  severity: alerts.severity,
  status: alerts.status,
  date: alerts.date,
  storeId: alerts.storeId,
  storeName: stores.name,
  itemId: alerts.itemId,
  itemName: items.name,
  reason: alerts.reason,
  value: alerts.value,
  evidence: alerts.evidence,
  createdAt: alerts.createdAt,
  updatedAt: alerts.updatedAt,
};

const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

/** Opaque keyset position after an alert: newest first is (created_at, id) descending, unique. */
const encodeCursor = (row: { createdAt: Date; id: string }) => Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");

function decodeCursor(cursor: string) {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("bad_request:cursor", "cursor is not a nextCursor returned by this list.");
  }
}

const selectAlerts = (tx: Tx) =>
  tx.select(columns).from(alerts).leftJoin(stores, eq(stores.id, alerts.storeId)).leftJoin(items, eq(items.id, alerts.itemId));

/** Alerts newest first, filtered and keyset-paged, with the open count across all pages. */
export async function listAlerts(tx: Tx, input: ListAlertsInput = {}) {
  const { status, severity, kind, store, item, limit, cursor } = listAlertsSchema.parse(input);
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  const where = and(
    status ? eq(alerts.status, status) : undefined,
    severity ? eq(alerts.severity, severity) : undefined,
    kind ? eq(alerts.kind, kind) : undefined,
    store ? eq(alerts.storeId, store) : undefined,
    item ? eq(alerts.itemId, item) : undefined,
  );
  // Microsecond timestamps compared at the millisecond a cursor carries would skip or repeat rows: compare truncated.
  const createdMs = sql`date_trunc('milliseconds', ${alerts.createdAt})`;
  const keyset = after ? sql`(${createdMs}, ${alerts.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined;
  const [rows, [total]] = await Promise.all([
    selectAlerts(tx).where(and(where, keyset)).orderBy(desc(createdMs), desc(alerts.id)).limit(limit + 1),
    tx.select({ n: sql<number>`count(*)::int`, open: sql<number>`(count(*) filter (where ${alerts.status} = 'open'))::int` }).from(alerts).where(where),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { total: total?.n ?? 0, open: total?.open ?? 0, alerts: page, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** One alert by id; another tenant's id (RLS hides it) is as unknown as a made-up one. */
export async function getAlert(tx: Tx, id: string) {
  const parsed = z.uuid().safeParse(id);
  const [row] = parsed.success ? await selectAlerts(tx).where(eq(alerts.id, parsed.data)) : [];
  if (!row) throw new AppError("not_found:alert", `Alert ${id} not found.`);
  return row;
}

export const decideAlertSchema = z.strictObject({ status: z.enum(ALERT_STATUSES).describe("open again, acknowledged (seen, being handled) or muted (no news of it again)") });

/** Acknowledges, mutes or reopens an alert (audited). */
export async function decideAlert(tx: Tx, actor: Actor, id: string, input: z.input<typeof decideAlertSchema>) {
  const { status } = decideAlertSchema.parse(input);
  const current = await getAlert(tx, id);
  await tx.update(alerts).set({ status, decidedBy: actor.userId ?? null, decidedAt: new Date(), updatedAt: new Date() }).where(eq(alerts.id, current.id));
  await recordAudit(tx, actor, { action: `alert.${status}`, targetType: "alert", targetId: current.id, details: { kind: current.kind, storeId: current.storeId, itemId: current.itemId, date: current.date } });
  return getAlert(tx, current.id);
}
