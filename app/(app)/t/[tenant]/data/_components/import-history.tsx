"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { DataTable } from "@/app/_components/ui/data-table";
import { useTRPC } from "@/app/_trpc/client";
import type { ImportStatus } from "@/drizzle/schema";
import { downloadRejections } from "./rejections-report";

const STATUS_STYLE: Record<ImportStatus, string> = {
  imported: "bg-green-100 text-green-800",
  validated: "bg-slate-100 text-slate-700",
  rejected: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-800",
};

/** Every import and check of this workspace, newest first, with its counts and its rejected rows. */
export function ImportHistory({ locale }: { locale: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const history = useQuery(trpc.ingest.imports.queryOptions());
  const download = async (id: string, source: string) => {
    const full = await queryClient.fetchQuery(trpc.ingest.import.queryOptions({ id }));
    downloadRejections(full.rejections, `rejected-rows-${source}-${id.slice(0, 8)}.csv`);
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Import history</CardTitle>
      </CardHeader>
      <CardContent>
        {history.isPending ? <p className="text-sm text-slate-600">Loading…</p> : null}
        {history.isError ? <p role="alert" className="text-sm text-red-700">The history could not be loaded: {history.error.message}</p> : null}
        {history.data?.length === 0 ? <p className="text-sm text-slate-600">No imports yet.</p> : null}
        {history.data && history.data.length > 0 ? (
          <DataTable
            label="Import history"
            rows={history.data}
            rowKey={(row) => row.importId}
            columns={[
              { header: "When", className: "whitespace-nowrap", cell: (row) => new Date(row.startedAt).toLocaleString(locale) },
              { header: "Source", className: "font-mono text-xs", cell: (row) => row.source },
              { header: "File", className: "max-w-40 truncate", cell: (row) => row.fileName ?? (row.apiKeyId ? "API" : "") },
              {
                header: "Status",
                cell: (row) => (
                  <>
                    <Badge className={STATUS_STYLE[row.status]}>{row.mode === "validate" && row.status === "validated" ? "checked" : row.status}</Badge>
                    {row.error ? <p className="mt-1 max-w-64 text-xs text-slate-600">{row.error}</p> : null}
                  </>
                ),
              },
              { header: "Rows", align: "right", cell: (row) => row.rowsRead.toLocaleString("en") },
              { header: "New", align: "right", cell: (row) => row.rowsInserted.toLocaleString("en") },
              { header: "Updated", align: "right", cell: (row) => row.rowsUpdated.toLocaleString("en") },
              { header: "Unchanged", align: "right", cell: (row) => row.rowsUnchanged.toLocaleString("en") },
              { header: "Rejected", align: "right", cell: (row) => row.rowsRejected.toLocaleString("en") },
              { header: "Rows/s", align: "right", cell: (row) => row.rowsPerSecond.toLocaleString("en") },
              {
                header: "Report",
                cell: (row) =>
                  row.rowsRejected > 0 ? (
                    <Button type="button" variant="ghost" size="sm" onClick={() => void download(row.importId, row.source)} aria-label={`Download the rejected rows of the ${row.source} import`}>
                      Rejected rows
                    </Button>
                  ) : null,
              },
            ]}
          />
        ) : null}
      </CardContent>
    </Card>
  );
}
