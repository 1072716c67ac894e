"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Input, Label } from "@/app/_components/ui/input";
import { ErrorText } from "./error-text";

/** The tenant's custom domain: set it, publish the TXT record it shows, then check it. */
export function CustomDomainPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const domain = useQuery(trpc.tenant.domain.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tenant.domain.queryKey() });
  const setDomain = useMutation(trpc.tenant.setDomain.mutationOptions({ onSuccess: refresh }));
  const verify = useMutation(trpc.tenant.verifyDomain.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.tenant.removeDomain.mutationOptions({ onSuccess: refresh }));
  const [hostname, setHostname] = useState("");
  const current = domain.data;

  return (
    <div className="space-y-3">
      <form
        className="flex flex-wrap items-end gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          setDomain.mutate({ hostname }, { onSuccess: () => setHostname("") });
        }}
      >
        <div className="w-72 space-y-1">
          <Label htmlFor="customDomain">Custom domain</Label>
          <Input id="customDomain" placeholder="forecasts.example.com" value={hostname} onChange={(e) => setHostname(e.target.value)} required />
        </div>
        <Button type="submit" variant="outline" disabled={setDomain.isPending}>
          {current ? "Replace domain" : "Set domain"}
        </Button>
      </form>
      <ErrorText error={setDomain.error ?? verify.error ?? remove.error} />
      {current ? (
        <div className="space-y-2 rounded-md border border-slate-200 p-3 text-sm" data-testid="custom-domain">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{current.hostname}</span>
            <Badge className={current.status === "verified" ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-800"}>{current.status}</Badge>
          </p>
          {current.status === "verified" ? (
            <p className="text-slate-700">
              Requests to this host show your brand and sign in to this workspace only. Point its DNS (a CNAME or A record) at this server and serve it over HTTPS.
            </p>
          ) : (
            <>
              <p className="text-slate-700">To prove the name is yours, publish this DNS record, then check it:</p>
              <code className="block break-all rounded bg-slate-50 p-2">
                {current.record.name} TXT &quot;{current.record.value}&quot;
              </code>
              <Button type="button" variant="outline" disabled={verify.isPending} onClick={() => verify.mutate()}>
                Check DNS record
              </Button>
            </>
          )}
          <Button type="button" variant="ghost" disabled={remove.isPending} onClick={() => remove.mutate()}>
            Remove domain
          </Button>
        </div>
      ) : null}
    </div>
  );
}
