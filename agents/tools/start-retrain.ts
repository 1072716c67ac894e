import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { enqueueReforecast, startRetrain as queueRetrain } from "@/server/jobs/enqueue";
import { roleAtLeast } from "@/server/services/actor";
import { getProductionModel } from "@/server/services/models/registry";
import type { AgentContext } from "../context";
import { actorOf, inTenant, recoverable } from "../context";

/**
 * Queues a retrain (a new model, backtested and promoted only if it beats production) or a
 * re-forecast (the production model forecasting from the latest sales). It changes state, so the
 * SDK asks the user first (`needsApproval`, signed and bound to this call by the route), and the
 * admin role is checked again here and in the services, since the history comes from the client.
 */
export const startRetrain = (ctx: AgentContext) =>
  tool({
    description:
      "Queue a background job that retrains the forecasting model (kind 'retrain': backtests it and promotes it only if it beats production) or refreshes the forecasts from the latest sales with the current model (kind 'reforecast'). " +
      "Needs the user's approval and the admin role. Do NOT use it to read forecasts or model accuracy (use forecastDemand), or unless the user asked to retrain or refresh.",
    inputSchema: z.object({
      kind: z.enum(["retrain", "reforecast"]).describe("retrain: train a new model version; reforecast: recompute forecasts from the latest sales without retraining"),
      horizon: z.union([z.literal(7), z.literal(14), z.literal(28)]).optional().describe("retrain only: days forecast ahead; the production model's horizon when absent (only equal horizons can be compared for promotion)"),
    }),
    needsApproval: true,
    execute: async ({ kind, horizon }) =>
      recoverable(async () => {
        if (!roleAtLeast(ctx.role, "admin")) return { error: `Retraining and refreshing forecasts need the admin role; you are ${ctx.role}.`, code: "forbidden:role" };
        if (kind === "reforecast") {
          const job = await enqueueReforecast(ctx.database, actorOf(ctx));
          return { kind, jobId: job.id, status: job.status };
        }
        const production = await inTenant(ctx, (tx) => getProductionModel(tx));
        const params = { horizon: horizon ?? production?.horizon ?? 28, promote: "if_better" as const };
        const { run, job } = await queueRetrain(ctx.database, actorOf(ctx), params);
        return { kind, jobId: job.id, runId: run.id, status: job.status, horizon: params.horizon, production: production ? { version: production.version } : null };
      }),
  });
