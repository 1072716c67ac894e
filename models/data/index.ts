export type {
  CalendarRow,
  CensoredRow,
  Extras,
  ItemAttributes,
  ItemRow,
  MissingRowPolicy,
  Panel,
  PanelInput,
  PanelSignals,
  SalesRow,
  Series,
  StoreAttributes,
  StoreRow,
} from "./types";
export { panelFromColumns, panelFromRows } from "./build-panel";
export { SalesColumns } from "./sales-columns";
export { loadPanelFromCsvDir } from "./csv-load";
export type { CsvLoadOptions } from "./csv-load";
export { CsvError } from "./csv-table";
export { activeSeriesAt, dateOfDay, dayOfDate, hideAfter, isActiveAt } from "./panel-utils";
export { addDaysIso, epochDayToIso, isoToEpochDay, weekdayOfEpochDay } from "./dates";
export type { Forecaster, SeriesForecast } from "./forecaster";
export { makeSyntheticPanel } from "./synthetic";
export type { SyntheticOptions } from "./synthetic";
