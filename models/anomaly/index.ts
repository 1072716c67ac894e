export { ANOMALY_KINDS, DEFAULT_RULES, MIN_HISTORY_DAYS, SEVERITIES, detectAnomalies, maxSeverity, robustZ } from "./detect";
export type { Anomaly, AnomalyKind, AnomalyRules, DayObservation, ForecastBand, RobustZ, Severity } from "./detect";
