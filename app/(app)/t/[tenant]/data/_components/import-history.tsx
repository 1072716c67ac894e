"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
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
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Import history">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-600">
                <tr>
                  <th className="py-1 pr-3">When</th>
                  <th className="py-1 pr-3">Source</th>
                  <th className="py-1 pr-3">File</th>
                  <th className="py-1 pr-3">Status</th>
                  <th className="py-1 pr-3 text-right">Rows</th>
                  <th className="py-1 pr-3 text-right">New</th>
                  <th className="py-1 pr-3 text-right">Updated</th>
                  <th className="py-1 pr-3 text-right">Unchanged</th>
                  <th className="py-1 pr-3 text-right">Rejected</th>
                  <th className="py-1 pr-3 text-right">Rows/s</th>
                  <th className="py-1">Report</th>
                </tr>
              </thead>
              <tbody>
                {history.data.map((row) => (
                  <tr key={row.importId} className="border-b border-slate-100 align-top">
                    <td className="py-1 pr-3 whitespace-nowrap">{new Date(row.startedAt).toLocaleString(locale)}</td>
                    <td className="py-1 pr-3 font-mono text-xs">{row.source}</td>
                    <td className="max-w-40 truncate py-1 pr-3">{row.fileName ?? (row.apiKeyId ? "API" : "")}</td>
                    <td className="py-1 pr-3">
                      <Badge className={STATUS_STYLE[row.status]}>{row.mode === "validate" && row.status === "validated" ? "checked" : row.status}</Badge>
                      {row.error ? <p className="mt-1 max-w-64 text-xs text-slate-600">{row.error}</p> : null}
                    </td>
                    <td className="py-1 pr-3 text-right tabular-nums">{row.rowsRead.toLocaleString("en")}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{row.rowsInserted.toLocaleString("en")}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{row.rowsUpdated.toLocaleString("en")}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{row.rowsUnchanged.toLocaleString("en")}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{row.rowsRejected.toLocaleString("en")}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{row.rowsPerSecond.toLocaleString("en")}</td>
                    <td className="py-1">
                      {row.rowsRejected > 0 ? (
                        <Button type="button" variant="ghost" size="sm" onClick={() => void download(row.importId, row.source)} aria-label={`Download the rejected rows of the ${row.source} import`}>
                          Rejected rows
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
