import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { ACTIVE_RUN_STATUSES, experimentRuns } from "@/drizzle/schema";
import { ROLES } from "@/drizzle/schema/roles";
import type { Job, JobName } from "@/drizzle/schema";
import type { Database, Tx } from "@/server/db/database";
import { BACKGROUND_STATEMENT_TIMEOUT_MS, withTenant } from "@/server/db/tenant-context";
import type { Actor } from "@/server/services/actor";
import { consumeQuota } from "@/server/services/billing/quota";
import { raiseAlert } from "@/server/services/alerts/raise-alert";
import { recordAudit } from "@/server/services/audit/record-audit";
import { measureDrift } from "@/server/services/forecasting/drift-check";
import { reforecastProduction } from "@/server/services/forecasting/reforecast";
import { createTrainingRun, executeTrainingRun, trainRequestSchema } from "@/server/services/forecasting/training-runs";
import { getProductionModel } from "@/server/services/models/registry";
import { generateReport } from "@/server/services/reports/generate-report";
import { executiveSummarySchema } from "@/server/services/reports/executive-summary";
import { forecastReportSchema } from "@/server/services/reports/forecast-report";
import { enqueueOnce, retrainSingletonKey } from "./queue";

/** Who asked for the job, kept in its payload so the handler acts with that member's rights. */
const requester = z.object({ userId: z.uuid().nullable(), role: z.enum(ROLES) });

/** Scheduled work acts as the tenant's admin rights with no member behind it (audited without a user). */
export const SYSTEM_REQUESTER = { userId: null, role: "admin" } as const;

/** What the drift check measured, carried into the retrain it queued so its audit entry says why. */
const driftEvidence = z.object({ rmsse: z.number(), backtestRmsse: z.number(), threshold: z.number(), marginPct: z.number(), from: z.iso.date(), to: z.iso.date(), series: z.number().int() });

export const retrainPayloadSchema = z.object({
  requestedBy: requester,
  /** The run created when the job was queued; a retry after that run failed starts a new one. */
  runId: z.uuid().optional(),
  params: trainRequestSchema,
  reason: z.enum(["manual", "schedule", "drift"]).default("manual"),
  drift: driftEvidence.optional(),
});

export const reforecastPayloadSchema = z.object({ requestedBy: requester });

export const driftCheckPayloadSchema = z.object({ requestedBy: requester, marginPct: z.number().positive().max(500) });

export const reportPayloadSchema = z.object({
  requestedBy: requester,
  request: z.discriminatedUnion("kind", [z.object({ kind: z.literal("forecast"), params: forecastReportSchema }), z.object({ kind: z.literal("executive"), params: executiveSummarySchema })]),
});

type Definition<S extends z.ZodType> = {
  schema: S;
  /** Does the tenant work (through withTenant inside the services) and returns what the history shows. */
  run: (database: Database, tenantId: string, payload: z.output<S>) => Promise<Record<string, unknown>>;
};

const actorOf = (tenantId: string, by: z.output<typeof requester>): Actor => ({ tenantId, userId: by.userId ?? undefined, role: by.role });

const retrain: Definition<typeof retrainPayloadSchema> = {
  schema: retrainPayloadSchema,
  run: async (database, tenantId, payload) => {
    const actor = actorOf(tenantId, payload.requestedBy);
    const stillActive = payload.runId
      ? await withTenant(database, tenantId, async (tx) => {
          const [run] = await tx.select({ id: experimentRuns.id }).from(experimentRuns).where(and(eq(experimentRuns.id, payload.runId!), inArray(experimentRuns.status, [...ACTIVE_RUN_STATUSES])));
          return run?.id;
        })
      : undefined;
    const runId = stillActive ?? (await withTenant(database, tenantId, (tx) => startRun(tx, actor, payload))).id;
    const outcome = await executeTrainingRun(database, actor, runId);
    // Nobody pressed the button for a scheduled or drift retrain, so its outcome is announced.
    if (payload.reason !== "manual") {
      const why = payload.reason === "drift" ? "on drift" : "on schedule";
      const what = outcome.promoted ? "promoted to production" : "kept in staging (production stays)";
      await withTenant(database, tenantId, (tx) =>
        raiseAlert(tx, { kind: "model", severity: "low", storeId: null, itemId: null, date: new Date().toISOString().slice(0, 10), reason: `Model retrained ${why}: v${outcome.version.version} ${what}. ${outcome.note}`, evidence: { runId, version: outcome.version.version, promoted: outcome.promoted } }),
      );
    }
    return { runId, reason: payload.reason, modelVersionId: outcome.version.id, version: outcome.version.version, promoted: outcome.promoted, note: outcome.note };
  },
};

/**
 * A manual retrain's run was created (and counted) when it was queued; a scheduled or drift one
 * creates it here, over the production model's horizon and backtest folds (only backtests of the
 * same horizon compare, so the new version can be promoted if better), counts it against the plan's retrains,
 * and records in the audit log why it ran.
 */
async function startRun(tx: Tx, actor: Actor, payload: z.output<typeof retrainPayloadSchema>) {
  const production = payload.reason === "manual" ? null : await getProductionModel(tx);
  const folds = production?.params.folds;
  const params = production ? { ...payload.params, horizon: production.horizon, ...(typeof folds === "number" && { folds }) } : payload.params;
  const run = await createTrainingRun(tx, actor, params);
  await consumeQuota(tx, actor.tenantId, { metric: "retrains", unitKey: run.id });
  if (payload.reason !== "manual") {
    await recordAudit(tx, actor, {
      action: payload.reason === "drift" ? "model.retrain_on_drift" : "model.retrain_scheduled",
      targetType: "experiment_run",
      targetId: run.id,
      details: { reason: payload.reason, horizon: params.horizon, ...(payload.drift && { drift: payload.drift }) },
    });
  }
  return run;
}

const reforecast: Definition<typeof reforecastPayloadSchema> = {
  schema: reforecastPayloadSchema,
  run: async (database, tenantId, payload) => {
    const outcome = await reforecastProduction(database, actorOf(tenantId, payload.requestedBy));
    return outcome.status === "reforecast"
      ? { status: outcome.status, from: outcome.production, version: outcome.version.version, promoted: outcome.promoted, forecastFrom: outcome.version.trainedTo, forecastRows: outcome.forecastRows }
      : { status: outcome.status, production: outcome.production, latestSales: outcome.latestSales };
  },
};

const driftCheck: Definition<typeof driftCheckPayloadSchema> = {
  schema: driftCheckPayloadSchema,
  run: async (database, tenantId, payload) => {
    const actor = actorOf(tenantId, payload.requestedBy);
    const report = await withTenant(database, tenantId, (tx) => measureDrift(tx, { marginPct: payload.marginPct }), { statementTimeoutMs: BACKGROUND_STATEMENT_TIMEOUT_MS });
    if (report.status !== "checked" || !report.drifted) return { ...report };
    const drift = { rmsse: report.rmsse, backtestRmsse: report.backtestRmsse, threshold: report.threshold, marginPct: report.marginPct, from: report.from, to: report.to, series: report.series };
    await withTenant(database, tenantId, (tx) => recordAudit(tx, actor, { action: "model.drift_detected", targetType: "model_version", details: { production: report.production, ...drift } }));
    await withTenant(database, tenantId, (tx) =>
      raiseAlert(tx, {
        kind: "model",
        severity: "medium",
        storeId: null,
        itemId: null,
        date: report.to,
        reason: `Forecast accuracy drifted: RMSSE ${report.rmsse.toFixed(3)} over ${report.from} to ${report.to} against ${report.backtestRmsse.toFixed(3)} in the backtest (limit ${report.threshold.toFixed(3)}); a retrain is queued unless one already is.`,
        evidence: drift,
      }),
    );
    const retrain = await enqueueOnce(database, {
      name: "retrain",
      tenantId,
      payload: retrainPayloadSchema.parse({ requestedBy: payload.requestedBy, params: {}, reason: "drift", drift }),
      singletonKey: retrainSingletonKey(tenantId),
      // One drift retrain per measured window end, however often the check is retried.
      dedupeKey: `retrain:drift:${tenantId}:${report.to}`,
    });
    return { ...report, retrainJobId: retrain?.id ?? null, retrainNote: retrain ? "retrain queued" : "a retrain is already queued or running, or was queued for this window" };
  },
};

const report: Definition<typeof reportPayloadSchema> = {
  schema: reportPayloadSchema,
  run: async (database, tenantId, payload) => {
    const generated = await generateReport(database, actorOf(tenantId, payload.requestedBy), payload.request);
    return { reportId: generated.id, pages: generated.pages, filename: generated.filename };
  },
};

export const JOB_DEFINITIONS: { [N in JobName]: Definition<z.ZodType> } = { retrain, report, reforecast, drift_check: driftCheck } as { [N in JobName]: Definition<z.ZodType> };

/** Validates a claimed job's payload with its definition's schema; throws a ZodError when it is malformed. */
export function parseJobPayload(job: Job): unknown {
  return JOB_DEFINITIONS[job.name].schema.parse(job.payload);
}
