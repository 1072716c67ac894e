import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { actions, alerts, items, purchaseOrderLines } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";

export const decideActionSchema = z.discriminatedUnion("decision", [
  z.strictObject({ decision: z.literal("accept") }),
  z.strictObject({ decision: z.literal("dismiss"), reason: z.string().trim().max(500).optional().describe("Why it was dismissed") }),
  z.strictObject({ decision: z.literal("snooze"), days: z.number().int().min(1).max(90).describe("Days until it may show again") }),
]);
export type DecideActionInput = z.input<typeof decideActionSchema>;

const STATUS = { accept: "accepted", dismiss: "dismissed", snooze: "snoozed" } as const;

/**
 * Accepts, dismisses or snoozes an open action, audited in the same transaction. Accepting a
 * reorder writes its draft purchase order line, which counts as on order from then on, so the
 * reorder is not proposed again. A decided action cannot be decided twice (409).
 */
export async function decideAction(tx: Tx, actor: Actor, id: string, input: DecideActionInput) {
  const decision = decideActionSchema.parse(input);
  const parsedId = z.uuid().safeParse(id);
  const [action] = parsedId.success ? await tx.select().from(actions).where(eq(actions.id, parsedId.data)).for("update") : [];
  if (!action) throw new AppError("not_found:action", `Action ${id} not found.`);
  if (action.status !== "open") throw new AppError("conflict:action_decided", `Action ${id} is already ${action.status}.`);
  const snoozedUntil = decision.decision === "snooze" ? new Date(Date.now() + decision.days * 86_400_000).toISOString().slice(0, 10) : null;
  await tx
    .update(actions)
    .set({ status: STATUS[decision.decision], snoozedUntil, decidedBy: actor.userId ?? null, decidedAt: new Date() })
    .where(eq(actions.id, action.id));
  // Investigating an alert settles it: accepted is acknowledged, dismissed is muted; a snooze leaves it open.
  const alertId = action.type === "investigate" ? z.uuid().safeParse(action.evidence.alertId) : null;
  if (alertId?.success && decision.decision !== "snooze") {
    await tx
      .update(alerts)
      .set({ status: decision.decision === "accept" ? "acknowledged" : "muted", decidedBy: actor.userId ?? null, decidedAt: new Date(), updatedAt: new Date() })
      .where(eq(alerts.id, alertId.data));
  }
  let purchaseOrderLineId: string | null = null;
  if (decision.decision === "accept" && action.type === "reorder") {
    const [item] = await tx.select({ unitCost: items.unitCost }).from(items).where(eq(items.id, action.itemId));
    const [line] = await tx
      .insert(purchaseOrderLines)
      .values({ tenantId: actor.tenantId, actionId: action.id, storeId: action.storeId, itemId: action.itemId, quantity: action.quantity, orderDate: action.dueDate, unitCost: item?.unitCost ?? 0, createdBy: actor.userId ?? null })
      .returning({ id: purchaseOrderLines.id });
    purchaseOrderLineId = line?.id ?? null;
  }
  await recordAudit(tx, actor, {
    action: `action.${STATUS[decision.decision]}`,
    targetType: "action",
    targetId: action.id,
    details: {
      type: action.type,
      title: action.title,
      storeId: action.storeId,
      itemId: action.itemId,
      toStoreId: action.toStoreId,
      quantity: action.quantity,
      value: action.value,
      ...(decision.decision === "dismiss" && decision.reason ? { reason: decision.reason } : {}),
      ...(snoozedUntil ? { snoozedUntil } : {}),
      ...(purchaseOrderLineId ? { purchaseOrderLineId } : {}),
    },
  });
  return { id: action.id, status: STATUS[decision.decision], purchaseOrderLineId };
}
