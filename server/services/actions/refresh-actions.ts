import "server-only";
import { and, count, desc, eq, inArray, isNotNull, max, sql } from "drizzle-orm";
import { COMPUTED_ACTION_TYPES, actionRefreshes, actions, alerts, forecastOverrides, inventory, inventorySettings, items, purchaseOrderLines, stores } from "@/drizzle/schema";
import type { NewAction } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { computeInventoryPlan } from "@/server/services/inventory/inventory-plan";
import { STOCK_RISK_LINES, stockRiskOf } from "@/server/services/inventory/stock-risk";
import type { StockRisk } from "@/server/services/inventory/stock-risk";
import { getProductionModel } from "@/server/services/models/registry";
import { actionCandidates, alertCandidates } from "./candidates";
import type { OpenAlert } from "./candidates";

/** Open alerts offered as investigations at most, the most money at stake first. */
const MAX_ALERT_ACTIONS = 200;

async function openAlerts(tx: Tx): Promise<OpenAlert[]> {
  const rows = await tx
    .select({ id: alerts.id, kind: alerts.kind, severity: alerts.severity, date: alerts.date, reason: alerts.reason, value: alerts.value, evidence: alerts.evidence, storeId: alerts.storeId, itemId: alerts.itemId, storeName: stores.name, itemName: items.name })
    .from(alerts)
    .innerJoin(stores, eq(stores.id, alerts.storeId))
    .innerJoin(items, eq(items.id, alerts.itemId))
    .where(and(eq(alerts.status, "open"), isNotNull(alerts.storeId), isNotNull(alerts.itemId)))
    .orderBy(sql`${alerts.value} desc nulls last`, desc(alerts.createdAt))
    .limit(MAX_ALERT_ACTIONS);
  return rows.flatMap((r) => (r.storeId && r.itemId ? [{ ...r, storeId: r.storeId, itemId: r.itemId }] : []));
}

/** What the actions are computed from, read cheaply: model, latest stock count, drafts, overrides, settings, alerts, the date. */
async function currentStamp(tx: Tx): Promise<string> {
  const [model, [counted], [drafts], [overrides], [settings], [raised]] = await Promise.all([
    getProductionModel(tx),
    tx.select({ date: max(inventory.date) }).from(inventory),
    tx.select({ n: count(), at: max(purchaseOrderLines.createdAt) }).from(purchaseOrderLines),
    tx.select({ n: count(), at: max(forecastOverrides.createdAt) }).from(forecastOverrides),
    tx.select({ at: inventorySettings.updatedAt }).from(inventorySettings),
    tx.select({ n: count(), at: max(alerts.updatedAt) }).from(alerts),
  ]);
  const at = (d: Date | null | undefined) => d?.toISOString() ?? "-";
  // The date too: snoozes run out with it.
  const today = new Date().toISOString().slice(0, 10);
  return [model?.id ?? "none", counted?.date ?? "-", `${drafts?.n ?? 0}:${at(drafts?.at)}`, `${overrides?.n ?? 0}:${at(overrides?.at)}`, at(settings?.at), `${raised?.n ?? 0}:${at(raised?.at)}`, today].join("|");
}

/**
 * Recomputes the tenant's open actions when what they rest on changed since the last time.
 * Open actions keep their id when they are still wanted (so a link or API client holding one
 * still finds it), change their numbers, or go; an action accepted or dismissed on the same basis
 * is not offered again, nor a snoozed one before its date. One refresh at a time per tenant.
 */
export async function refreshActions(tx: Tx, tenantId: string, options: { force?: boolean } = {}): Promise<{ refreshed: boolean }> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`actions:${tenantId}`}, 0))`);
  const stamp = await currentStamp(tx);
  const [last] = await tx.select().from(actionRefreshes);
  if (!options.force && last?.stamp === stamp) return { refreshed: false };

  const plan = await computeInventoryPlan(tx);
  const candidates = [...(plan ? actionCandidates(plan) : []), ...alertCandidates(await openAlerts(tx))];
  // Only the types computed here: price changes made from scenarios are not the plan's to remove.
  const existing = await tx
    .select({ id: actions.id, key: actions.key, basis: actions.basis, status: actions.status, snoozedUntil: actions.snoozedUntil })
    .from(actions)
    .where(inArray(actions.type, [...COMPUTED_ACTION_TYPES]));
  const today = new Date().toISOString().slice(0, 10);
  // A snooze that has run out makes its action open again, under the same id.
  const reopened = (a: (typeof existing)[number]) => a.status === "snoozed" && (a.snoozedUntil ?? "") <= today;
  const open = new Map(existing.filter((a) => a.status === "open" || reopened(a)).map((a) => [a.key, a.id]));
  const blocked = new Set(
    existing.filter((a) => ((a.status === "accepted" || a.status === "dismissed") && a.basis === plan?.basis) || (a.status === "snoozed" && !reopened(a))).map((a) => a.key),
  );
  const basis = plan?.basis ?? "none";
  const keep = new Set<string>();
  const inserts: NewAction[] = [];
  for (const c of candidates) {
    if (blocked.has(c.key) || keep.has(c.key)) continue;
    keep.add(c.key);
    const id = open.get(c.key);
    const fields = { ...c, basis };
    if (id) await tx.update(actions).set({ ...fields, status: "open", snoozedUntil: null }).where(eq(actions.id, id));
    else inserts.push({ ...fields, tenantId });
  }
  const gone = [...open.entries()].filter(([key]) => !keep.has(key)).map(([, id]) => id);
  if (gone.length) await tx.delete(actions).where(inArray(actions.id, gone));
  for (let i = 0; i < inserts.length; i += 1000) await tx.insert(actions).values(inserts.slice(i, i + 1000));
  // The same plan's stock risks, kept for reports: computing the plan is the costly part (seconds on Acme).
  const stockRisk = { risk: plan ? stockRiskOf(plan, STOCK_RISK_LINES) : null };
  await tx
    .insert(actionRefreshes)
    .values({ tenantId, stamp, stockRisk })
    .onConflictDoUpdate({ target: actionRefreshes.tenantId, set: { stamp, stockRisk, refreshedAt: sql`now()` } });
  return { refreshed: true };
}

/**
 * Stockouts and overstock as of the action center's current basis (recomputed first when it is out
 * of date, exactly when the actions are): what the last refresh's inventory plan gave. Null before
 * a model is in production.
 */
export async function currentStockRisk(tx: Tx, tenantId: string): Promise<StockRisk | null> {
  await refreshActions(tx, tenantId);
  const read = async () => (await tx.select({ stockRisk: actionRefreshes.stockRisk }).from(actionRefreshes))[0]?.stockRisk;
  let kept = await read();
  if (!kept) {
    // A refresh stored before stock risks were kept has none: recompute once.
    await refreshActions(tx, tenantId, { force: true });
    kept = await read();
  }
  // Written by refreshActions above from stockRiskOf.
  return (kept?.risk ?? null) as StockRisk | null;
}
