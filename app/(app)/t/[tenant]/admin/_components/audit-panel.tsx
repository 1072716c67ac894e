"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";

export function AuditPanel() {
  const trpc = useTRPC();
  const entries = useQuery(trpc.admin.audit.queryOptions({ limit: 25 }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Audit log (latest 25)</CardTitle>
      </CardHeader>
      <CardContent>
        {entries.data?.length === 0 ? <p className="text-sm text-slate-500">Nothing recorded yet.</p> : null}
        <table className="w-full text-sm">
          <tbody>
            {entries.data?.map((e) => (
              <tr key={e.id} className="border-t border-slate-100 align-top">
                <td className="whitespace-nowrap py-1.5 pr-4 text-xs text-slate-500">{e.at.toLocaleString()}</td>
                <td className="py-1.5 pr-4 font-medium">{e.action}</td>
                <td className="py-1.5 text-xs text-slate-500">
                  {e.actorApiKeyId ? "API key" : e.actorUserId ? "member" : "system"} · {e.targetType ?? ""} {e.targetId ?? ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </CardContent>
    </Card>
  );
}
