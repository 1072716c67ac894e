"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label, Select } from "@/app/_components/ui/input";
import { ErrorText } from "./error-text";

const PAGE = 25;
const FAMILIES = [
  ["", "Everything"],
  ["user.", "Sign-ins"],
  ["member.", "Members and invitations"],
  ["api_key.", "API keys"],
  ["billing.", "Billing and plan"],
  ["model.", "Models"],
  ["tenant.", "Workspace and branding"],
  ["audit.", "Audit exports"],
] as const;

/** Start of a yyyy-mm-dd day in UTC; `next` gives the start of the following day (the end is exclusive). */
const dayStart = (value: string, next = false) => (value ? new Date(Date.parse(`${value}T00:00:00Z`) + (next ? 86_400_000 : 0)) : undefined);

/** The audit log with filters, paging and CSV export. */
export function AuditPanel() {
  const trpc = useTRPC();
  const [action, setAction] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const filters = { action: action || undefined, from: dayStart(from), to: dayStart(to, true) };
  // Page boundaries walked so far: the last id of each earlier page (ids sort by time).
  const [cursors, setCursors] = useState<string[]>([]);
  const entries = useQuery(trpc.admin.audit.queryOptions({ ...filters, limit: PAGE, before: cursors.at(-1) }));
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setCursors([]);
  };
  const exportCsv = useMutation(
    trpc.admin.auditCsv.mutationOptions({
      onSuccess: ({ csv }) => {
        const link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
        link.download = `audit-log-${new Date().toISOString().slice(0, 10)}.csv`;
        link.click();
        URL.revokeObjectURL(link.href);
      },
    }),
  );
  const rows = entries.data ?? [];

  return (
    <Card>
      <CardHeader>
        <CardTitle>Audit log</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        <div className="flex flex-wrap items-end gap-3">
          <div className="w-56 space-y-1">
            <Label htmlFor="auditAction">What</Label>
            <Select id="auditAction" value={action} onChange={(e) => filter(setAction)(e.target.value)}>
              {FAMILIES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <Label htmlFor="auditFrom">From (UTC)</Label>
            <Input id="auditFrom" type="date" value={from} onChange={(e) => filter(setFrom)(e.target.value)} />
          </div>
          <div className="space-y-1">
            <Label htmlFor="auditTo">To (UTC)</Label>
            <Input id="auditTo" type="date" value={to} onChange={(e) => filter(setTo)(e.target.value)} />
          </div>
          <Button variant="outline" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate(filters)}>
            Export CSV
          </Button>
        </div>
        <ErrorText error={exportCsv.error ?? entries.error} />
        {entries.isSuccess && rows.length === 0 ? <p className="text-sm text-slate-600">Nothing recorded for these filters.</p> : null}
        <table className="w-full text-sm" data-testid="audit-table">
          <thead className="sr-only">
            <tr>
              <th>When</th>
              <th>What</th>
              <th>Who and from where</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id} className="border-t border-slate-100 align-top">
                <td className="whitespace-nowrap py-1.5 pr-4 text-xs text-slate-600">{e.at.toLocaleString()}</td>
                <td className="py-1.5 pr-4 font-medium">{e.action}</td>
                <td className="py-1.5 text-xs text-slate-600">
                  {e.actorApiKeyId ? "API key" : e.actorUserId ? "member" : "system"} · {e.targetType ?? ""} {e.targetId ?? ""}
                  {e.ip ? ` · from ${e.ip}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="flex gap-2">
          {cursors.length ? (
            <Button variant="outline" size="sm" onClick={() => setCursors(cursors.slice(0, -1))}>
              Newer entries
            </Button>
          ) : null}
          {rows.length === PAGE ? (
            <Button variant="outline" size="sm" onClick={() => setCursors([...cursors, rows[rows.length - 1]!.id])}>
              Older entries
            </Button>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
