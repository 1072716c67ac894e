/** Days of history the earliest fold must leave before its origin. */
export const MIN_HISTORY_DAYS = 28;

/**
 * Rolling origins at the end of the history, spaced by the horizon, oldest first: the last fold
 * forecasts exactly the last `horizon` days, each earlier fold the `horizon` days before.
 */
export function foldOrigins(nDays: number, horizon: number, folds: number): number[] {
  if (!Number.isInteger(folds) || folds < 1) throw new Error(`folds must be a positive integer, got ${folds}`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`horizon must be a positive integer, got ${horizon}`);
  const first = nDays - 1 - horizon * folds;
  if (first < MIN_HISTORY_DAYS - 1) {
    throw new Error(`${nDays} days of history are too few for ${folds} folds of ${horizon} days (need at least ${MIN_HISTORY_DAYS + horizon * folds})`);
  }
  return Array.from({ length: folds }, (_, k) => first + horizon * k);
}
