import "server-only";
import type { ModelVersion } from "@/drizzle/schema";
import type { Panel, SeriesForecast } from "@/models/data";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { promoteModelVersion, registerModelVersion } from "@/server/services/models/registry";
import type { NewModelVersion } from "@/server/services/models/registry";
import { storeForecasts } from "./store-forecasts";

/** Promotion refusals that leave a new version in staging rather than failing its run. */
const STAYS_IN_STAGING = new Set<string>(["conflict:not_better", "conflict:not_comparable", "conflict:no_score"]);

export type PublishedModel = { version: ModelVersion; promoted: boolean; note: string; forecastRows: number };

/**
 * Registers a trained model as a new version with its forecasts and, when asked, promotes it if
 * its backtest beats production (a worse model stays in staging with the reason noted).
 */
export async function publishModelVersion(
  tx: Tx,
  actor: Actor,
  input: { version: NewModelVersion; panel: Panel; predicted: readonly SeriesForecast[]; promote: boolean },
): Promise<PublishedModel> {
  const version = await registerModelVersion(tx, actor, input.version);
  const forecastRows = await storeForecasts(tx, actor.tenantId, version.id, input.panel, input.predicted);
  if (!input.promote) return { version, promoted: false, note: "kept in staging", forecastRows };
  try {
    const promoted = await promoteModelVersion(tx, actor, { modelVersionId: version.id });
    return { version: promoted, promoted: true, note: "promoted to production", forecastRows };
  } catch (error) {
    if (!(error instanceof AppError && STAYS_IN_STAGING.has(error.code))) throw error;
    return { version, promoted: false, note: `kept in staging: ${error.message}`, forecastRows };
  }
}
