export { arcElasticity, MIN_MOVED_DAYS, MIN_PRICE_LEVELS, MIN_PRICE_MOVE, priceHistory, scaleNetPrice, scoreEditedRows, scorePriceGrid } from "./price-response";
export type { EditedCell, PriceHistory, PriceResponse, RowEdit, ScoredCells, UnitsBand } from "./price-response";
export { candidatePrices, outcomeAt, recommendPrice, unitsAt } from "./optimise-price";
export type { CurvePoint, Guardrails, PriceOutcome, Recommendation } from "./optimise-price";
export { controlsOf, scenarioEdit, stockoutDays, totalBand } from "./scenario";
export type { Band, Controls, DayForecast, ScenarioChange } from "./scenario";
