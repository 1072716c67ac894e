import "server-only";
import type { SaleRow, SalesColumns } from "./types";

export function allocateSalesColumns(length: number, storeIds: string[], itemIds: string[], dates: string[]): SalesColumns {
  return {
    length,
    storeIds,
    itemIds,
    dates,
    storeIndex: new Uint16Array(length),
    itemIndex: new Uint16Array(length),
    dayIndex: new Uint16Array(length),
    units: new Int32Array(length),
    price: new Float64Array(length),
    discount: new Float64Array(length),
    promo: new Uint8Array(length),
    onlineUnits: new Int32Array(length),
  };
}

/** Row `i` of the sales columns as a plain object. */
export function saleAt(sales: SalesColumns, i: number): SaleRow {
  return {
    date: sales.dates[sales.dayIndex[i] ?? 0] ?? "",
    storeId: sales.storeIds[sales.storeIndex[i] ?? 0] ?? "",
    itemId: sales.itemIds[sales.itemIndex[i] ?? 0] ?? "",
    units: sales.units[i] ?? 0,
    price: sales.price[i] ?? 0,
    discount: sales.discount[i] ?? 0,
    promo: sales.promo[i] === 1,
    onlineUnits: sales.onlineUnits[i] ?? 0,
  };
}
