"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/client";

/** The tenant's thresholds and muted items (admins). */
export function AlertRulesForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.alerts.rules.queryOptions());
  const save = useMutation(trpc.alerts.updateRules.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.alerts.rules.queryKey() }) }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const number = (name: string) => Number(form.get(name));
    save.mutate({
      zThreshold: number("zThreshold"),
      bandMargin: number("bandMargin") / 100,
      priceRatio: number("priceRatio"),
      historyDays: number("historyDays"),
      mutedItems: String(form.get("mutedItems") ?? "")
        .split(/[\s,]+/)
        .filter(Boolean),
    });
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Alert rules</CardTitle>
      </CardHeader>
      <CardContent>
        {!rules.data ? (
          <p className="text-sm text-slate-600">Loading the rules…</p>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" aria-label="Alert rules">
            <div>
              <Label htmlFor="zThreshold">Robust z-score threshold</Label>
              <Input id="zThreshold" name="zThreshold" type="number" min={1} max={20} step={0.1} defaultValue={rules.data.zThreshold} required />
            </div>
            <div>
              <Label htmlFor="bandMargin">Margin beyond the forecast band (%)</Label>
              <Input id="bandMargin" name="bandMargin" type="number" min={0} max={500} step={1} defaultValue={Math.round(rules.data.bandMargin * 100)} required />
            </div>
            <div>
              <Label htmlFor="priceRatio">Price error at this many times the usual price</Label>
              <Input id="priceRatio" name="priceRatio" type="number" min={1.1} max={100} step={0.1} defaultValue={rules.data.priceRatio} required />
            </div>
            <div>
              <Label htmlFor="historyDays">Days of history compared</Label>
              <Input id="historyDays" name="historyDays" type="number" min={14} max={365} step={1} defaultValue={rules.data.historyDays} required />
            </div>
            <div className="sm:col-span-2">
              <Label htmlFor="mutedItems">Muted items (ids, separated by commas or spaces)</Label>
              <Input id="mutedItems" name="mutedItems" defaultValue={rules.data.mutedItems.join(", ")} />
            </div>
            <div className="flex items-center gap-3 sm:col-span-2">
              <Button type="submit" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save rules"}
              </Button>
              <p aria-live="polite" className="text-sm text-slate-700">
                {save.error ? <span className="text-red-700">{save.error.message}</span> : save.isSuccess ? "Saved." : null}
              </p>
            </div>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
