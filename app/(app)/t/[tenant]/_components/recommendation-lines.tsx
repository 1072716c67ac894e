import Link from "next/link";
import { DataTable } from "@/app/_components/ui/data-table";
import type { DataColumn } from "@/app/_components/ui/data-table";
import type { RecommendationRow } from "@/server/services/inventory/recommendations";
import { itemHref, whyHref } from "../_lib/links";

type Formats = { count: Intl.NumberFormat; percent: Intl.NumberFormat; money: Intl.NumberFormat };

/**
 * Inventory recommendation lines with a "why?" per line: one item in every store (`by: "store"`,
 * the item page) or one store's items (`by: "item"`, the store page). Each line links to its
 * item page at its store.
 */
export function RecommendationLines({ tenant, asOf, rows, by, currentStoreId, label, testId, formats }: { tenant: string; asOf: string | null; rows: readonly RecommendationRow[]; by: "store" | "item"; currentStoreId?: string; label: string; testId: string; formats: Formats }) {
  const { count, percent, money } = formats;
  const first: DataColumn<RecommendationRow> =
    by === "store"
      ? {
          header: "Store",
          cell: (r) => (
            <Link href={itemHref(tenant, r.itemId, r.storeId)} className="text-brand-text underline" aria-current={r.storeId === currentStoreId ? "page" : undefined}>
              {r.storeName}
            </Link>
          ),
        }
      : {
          header: "Item",
          cell: (r) => (
            <>
              <Link href={itemHref(tenant, r.itemId, r.storeId)} className="text-brand-text underline">
                {r.itemName}
              </Link>
              <span className="block text-xs text-slate-600">{r.category}</span>
            </>
          ),
        };
  const columns: DataColumn<RecommendationRow>[] = [
    first,
    { header: "On hand", className: "tabular-nums", cell: (r) => count.format(r.onHand) },
    { header: "Days of cover", className: "tabular-nums", cell: (r) => (r.daysOfCover === null ? "—" : r.daysOfCover.toFixed(1)) },
    { header: "Stockout risk", className: "tabular-nums", cell: (r) => percent.format(r.stockoutProbability) },
    { header: "Order", className: "tabular-nums", cell: (r) => (r.orderQuantity > 0 ? count.format(r.orderQuantity) : "—") },
    { header: "Margin at risk", className: "tabular-nums", cell: (r) => money.format(r.marginAtRisk28d) },
    {
      header: "",
      srHeader: "Explanation",
      cell: (r) =>
        asOf ? (
          <Link href={whyHref(tenant, { store: r.storeId, item: r.itemId, date: asOf, days: Math.min(28, r.protectionDays) })} className="text-brand-text underline" aria-label={by === "store" ? `Why this recommendation at ${r.storeName}?` : `Why this recommendation for ${r.itemName}?`}>
            why?
          </Link>
        ) : null,
    },
  ];
  return <DataTable label={label} rows={rows} rowKey={(r) => `${r.storeId}|${r.itemId}`} columns={columns} testId={testId} />;
}
