import type { ReactNode } from "react";
import { cn } from "./cn";

/** One column: its header (a blank one is named for screen readers by `srHeader`), how a row fills it, and its cell classes. */
export type DataColumn<T> = { header: string; srHeader?: string; align?: "right"; className?: string | ((row: T) => string); cell: (row: T) => ReactNode };

/**
 * The app's list table inside a focusable, labelled scroll region (so a wide table can be scrolled
 * by keyboard, WCAG 2.1.1): header row of scoped column headers, one row per item. No state, so
 * server and client components render it alike.
 */
export function DataTable<T>({ label, rows, rowKey, columns, testId, caption, className }: { label: string; rows: readonly T[]; rowKey: (row: T) => string; columns: readonly DataColumn<T>[]; testId?: string; caption?: ReactNode; className?: string }) {
  return (
    <div className={cn("overflow-x-auto", className)} tabIndex={0} role="region" aria-label={label}>
      <table className="w-full text-left text-sm" data-testid={testId}>
        {caption ? <caption className="mb-1 text-left text-xs text-slate-600">{caption}</caption> : null}
        <thead className="text-xs text-slate-600">
          <tr>
            {columns.map((c, i) => (
              <th key={`${c.header}-${i}`} scope="col" className={cn("pb-1.5 pr-3 font-medium", c.align === "right" && "text-right")}>
                {c.header || (c.srHeader ? <span className="sr-only">{c.srHeader}</span> : null)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-t border-slate-100 align-top">
              {columns.map((c, i) => (
                <td key={`${c.header}-${i}`} className={cn("py-1.5 pr-3", c.align === "right" && "text-right tabular-nums", typeof c.className === "function" ? c.className(row) : c.className)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
