import "server-only";
import { sql } from "drizzle-orm";
import type { AlertKind } from "@/drizzle/schema";
import type { Severity } from "@/models/anomaly";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { currentTenantId } from "@/server/db/tenant-context";

/**
 * The NOTIFY channel alerts travel on. NOTIFY is scoped to one database, so one database (one
 * deployment, however many processes) is one channel; the payload is `<tenant id>:<alert id>` and
 * nothing else: listeners re-read the alert under the tenant's RLS.
 */
export const ALERT_CHANNEL = "foresight_alerts";

export type RaiseAlertInput = {
  kind: AlertKind;
  severity: Severity;
  reason: string;
  date: string;
  /** Both null for a tenant-wide alert (kind `model`). */
  storeId: string | null;
  itemId: string | null;
  evidence?: Record<string, unknown>;
  /** Money at stake in the tenant's currency, or null when it cannot be estimated. */
  value?: number | null;
};

export type RaisedAlert = { id: string; created: boolean; severity: Severity; notified: boolean };

/**
 * Records an alert in the caller's tenant transaction and, when it is new or got worse, tells
 * every listening process once the transaction commits (NOTIFY is transactional: a rolled-back
 * write announces nothing). The same store × item × day × kind raised again updates its numbers
 * and keeps the highest severity it has had; a muted alert stays muted and silent, an
 * acknowledged one opens again only if it got worse. Usable by any job (a scheduled retrain that
 * promotes a version raises `kind: "model"` with no store or item).
 */
export async function raiseAlert(tx: Tx, input: RaiseAlertInput): Promise<RaisedAlert> {
  const rank = (s: unknown) => sql`array_position(array['low','medium','high']::text[], ${s}::text)`;
  const evidence = JSON.stringify(input.evidence ?? {});
  const [row] = await executeRows<{ id: string; created: boolean; severity: Severity; status: string; worse: boolean }>(tx, sql`
    with prev as (
      select id, severity, status from alerts
       where tenant_id = ${currentTenantId} and store_id is not distinct from ${input.storeId} and item_id is not distinct from ${input.itemId}
         and date = ${input.date}::date and kind = ${input.kind}
    ), up as (
      insert into alerts as a (tenant_id, store_id, item_id, date, kind, severity, reason, evidence, value)
      values (${currentTenantId}, ${input.storeId}, ${input.itemId}, ${input.date}::date, ${input.kind}, ${input.severity}, ${input.reason}, ${evidence}::jsonb, ${input.value ?? null})
      on conflict on constraint alerts_day_kind_key do update set
        severity = case when ${rank(sql`excluded.severity`)} > ${rank(sql`a.severity`)} then excluded.severity else a.severity end,
        status = case when a.status = 'acknowledged' and ${rank(sql`excluded.severity`)} > ${rank(sql`a.severity`)} then 'open' else a.status end,
        reason = excluded.reason, evidence = excluded.evidence, value = excluded.value, updated_at = now()
      -- The same numbers again (a file imported twice) change nothing.
      where (a.severity, a.reason, a.evidence, a.value) is distinct from (excluded.severity, excluded.reason, excluded.evidence, excluded.value)
      returning a.id, (xmax = 0) as created, a.severity, a.status
    )
    select up.id, up.created, up.severity, up.status,
           coalesce(${rank(sql`up.severity`)} > (select ${rank(sql`severity`)} from prev), true) as worse
      from up
    union all
    select prev.id, false, prev.severity, prev.status, false from prev where not exists (select 1 from up)`);
  if (!row) throw new Error("alert upsert returned no row");
  const notified = row.status === "open" && (row.created || row.worse);
  if (notified) await tx.execute(sql`select pg_notify(${ALERT_CHANNEL}, ${currentTenantId}::text || ':' || ${row.id})`);
  return { id: row.id, created: row.created, severity: row.severity, notified };
}
