"use client";

import type { ReactNode } from "react";
import { downloadCsv } from "@/app/_components/download-csv";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { DataTable as ListTable } from "@/app/_components/ui/data-table";

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
        <ListTable label={title} rows={rows} rowKey={rowKey} columns={columns.map((c) => ({ header: c.header, cell: c.cell, ...(c.numeric ? { align: "right" as const, className: "pl-3 whitespace-nowrap" } : {}) }))} />
      </CardContent>
    </Card>
  );
}
