"use client";

import type { ReactNode } from "react";
import { downloadCsv } from "@/app/_components/download-csv";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";

export type Column<R> = { header: string; cell: (row: R) => ReactNode; csv: (row: R) => string | number | null; numeric?: boolean };

/** A dashboard table in a card: keyboard-scrollable when wider than the screen, downloadable as CSV with the same columns. */
export function DataTable<R>({ title, rows, columns, rowKey, csvName, note }: { title: string; rows: readonly R[]; columns: Column<R>[]; rowKey: (row: R) => string; csvName: string; note?: ReactNode }) {
  const download = () => downloadCsv(`${csvName}.csv`, rows.map((r) => Object.fromEntries(columns.map((c) => [c.header, c.csv(r)]))));
  return (
    <Card data-testid="breakdown">
      <CardHeader className="flex flex-row items-center justify-between gap-2 space-y-0">
        <CardTitle>{title}</CardTitle>
        <Button variant="outline" size="sm" onClick={download} disabled={rows.length === 0} aria-label={`Download ${title} as CSV`}>
          CSV
        </Button>
      </CardHeader>
      <CardContent>
        {note}
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={title}>
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-slate-600">
              <tr>
                {columns.map((c) => (
                  <th key={c.header} scope="col" className={c.numeric ? "pb-2 text-right font-medium" : "pb-2 font-medium"}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={rowKey(r)} className="border-t border-slate-100">
                  {columns.map((c) => (
                    <td key={c.header} className={c.numeric ? "py-1.5 pl-3 text-right tabular-nums whitespace-nowrap" : "py-1.5"}>
                      {c.cell(r)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </CardContent>
    </Card>
  );
}
