import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { ALERT_KINDS, ALERT_STATUSES } from "@/drizzle/schema";
import { SEVERITIES } from "@/models/anomaly";
import { listAlerts as listAlertRows } from "@/server/services/alerts/list-alerts";
import type { AgentContext } from "../context";
import { inTenant, recoverable } from "../context";

export const listAlertsInput = z.object({
  status: z.enum(ALERT_STATUSES).default("open").describe("Alerts in this status; open unless the question asks about acknowledged or muted ones"),
  severity: z.enum(SEVERITIES).optional().describe("Only alerts of this severity"),
  kind: z.enum(ALERT_KINDS).optional().describe("Only this kind: spike, drop, stock_discrepancy, price_error or model"),
  storeId: z.string().max(64).optional().describe("Only alerts at this store id"),
  itemId: z.string().max(64).optional().describe("Only alerts for this item id"),
  limit: z.number().int().min(1).max(50).default(10).describe("Alerts to return, newest first"),
});

/** Anomalies found in incoming sales, newest first, with the reason in words. */
export const listAlerts = (ctx: AgentContext) =>
  tool({
    description:
      "List alerts: anomalies found in incoming sales (spikes, drops, stock discrepancies, price errors) with store, item, day, severity and the reason with its numbers. " +
      "Use it for questions about anomalies, unusual sales or alerts. Do NOT use it for sales totals (use querySales) or what to reorder (use recommendInventory).",
    inputSchema: listAlertsInput,
    execute: (input) =>
      recoverable(async () => {
        const r = await inTenant(ctx, (tx) => listAlertRows(tx, { status: input.status, severity: input.severity, kind: input.kind, store: input.storeId, item: input.itemId, limit: input.limit }));
        return {
          status: input.status,
          total: r.total,
          alerts: r.alerts.map((a) => ({ id: a.id, kind: a.kind, severity: a.severity, date: a.date, storeId: a.storeId, storeName: a.storeName, itemId: a.itemId, itemName: a.itemName, reason: a.reason, value: a.value })),
        };
      }),
  });
