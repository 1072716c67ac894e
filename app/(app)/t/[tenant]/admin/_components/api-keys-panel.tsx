"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Select } from "@/app/_components/ui/input";
import { ErrorText } from "./error-text";

export function ApiKeysPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.admin.apiKeys.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });
  const create = useMutation(trpc.admin.createApiKey.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.admin.revokeApiKey.mutationOptions({ onSettled: refresh }));
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"read" | "write">("read");
  const [expiresInDays, setExpiresInDays] = useState("");

  return (
    <Card>
      <CardHeader>
        <CardTitle>API keys</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <p className="text-sm text-slate-500">
          Keys authenticate scripts against <code>/api/v1</code> (<a className="underline" href="/api/v1/openapi.json">OpenAPI</a>). A key is shown once; only its hash is kept.
        </p>
        <form
          className="flex flex-wrap gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name, scope, expiresInDays: expiresInDays ? Number(expiresInDays) : undefined }, { onSuccess: () => setName("") });
          }}
        >
          <Input aria-label="Key name" placeholder="ERP nightly sync" className="w-72" value={name} onChange={(e) => setName(e.target.value)} required />
          <Select aria-label="Key scope" className="w-28" value={scope} onChange={(e) => setScope(e.target.value as "read" | "write")}>
            <option value="read">read</option>
            <option value="write">write</option>
          </Select>
          <Select aria-label="Key expiry" className="w-36" value={expiresInDays} onChange={(e) => setExpiresInDays(e.target.value)}>
            <option value="">no expiry</option>
            <option value="30">30 days</option>
            <option value="90">90 days</option>
            <option value="365">1 year</option>
          </Select>
          <Button type="submit" disabled={create.isPending}>
            Create key
          </Button>
        </form>
        <ErrorText error={create.error ?? revoke.error} />
        {create.data ? (
          <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            Copy this key now; it will not be shown again: <code className="break-all font-semibold">{create.data.key}</code>
          </p>
        ) : null}
        <table className="w-full text-sm">
          <tbody>
            {keys.data?.map((k) => (
              <tr key={k.id} className="border-t border-slate-100">
                <td className="py-2">
                  <div className="font-medium">{k.name}</div>
                  <div className="text-xs text-slate-500">
                    {k.prefix}… · created {k.createdAt.toLocaleDateString()} · {k.lastUsedAt ? `last used ${k.lastUsedAt.toLocaleString()}` : "never used"}
                    {k.expiresAt ? ` · ${k.expiresAt < new Date() ? "expired" : "expires"} ${k.expiresAt.toLocaleDateString()}` : ""}
                  </div>
                </td>
                <td className="py-2">
                  <Badge>{k.scope}</Badge>
                </td>
                <td className="py-2 text-right">
                  {k.revokedAt ? (
                    <span className="text-xs text-slate-500">revoked</span>
                  ) : (
                    <Button variant="ghost" size="sm" onClick={() => revoke.mutate({ keyId: k.id })}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </CardContent>
    </Card>
  );
}
