/**
 * Bounds of a sales summary's period: at most three years at once (a two-year daily summary
 * already scans ~1M rows on the embedded database, which serves one transaction at a time), on
 * dates in years a retailer's history can have. Constants only: the dashboard imports them too.
 */
export const SUMMARY_MAX_DAYS = 3 * 365 + 1;
export const SUMMARY_EARLIEST_DATE = "1990-01-01";
export const SUMMARY_LATEST_DATE = "2100-12-31";
