export { arcElasticity, MIN_MOVED_DAYS, MIN_PRICE_LEVELS, MIN_PRICE_MOVE, priceHistory, scaleNetPrice, scoreEditedRows, scorePriceGrid } from "./price-response";
export type { EditedCell, PeriodBand, PriceHistory, PriceResponse, RowEdit, ScoredCells, UnitsBand } from "./price-response";
export { candidatePrices, outcomeAt, recommendPrice, unitsAt } from "./optimise-price";
export type { CurvePoint, Guardrails, PriceOutcome, Recommendation } from "./optimise-price";
export { FIXED_SCHEDULE, fixedScheduleDiscount, MAX_STOCK_STATES, planMarkdown, salesPmf, simulateSeason } from "./markdown";
export type { DemandDistribution, MarkdownInput, MarkdownOutcome, MarkdownPlan, MarkdownWeek } from "./markdown";
export { controlsOf, scenarioEdit, stockoutDays, totalBand } from "./scenario";
export type { Band, Controls, DayForecast, ScenarioChange } from "./scenario";
