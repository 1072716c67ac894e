"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label } from "@/app/_components/ui/input";
import type { PricingSettingsInput } from "@/server/services/pricing/settings";
import { ErrorText } from "./error-text";

type Form = { maxStep: string; minMargin: string; priceEndings: string; salvageRate: string; markdownLadder: string; minWeeksPerStep: string };

const percent = (v: number) => String(Math.round(v * 1000) / 10);
const list = (text: string) =>
  text
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "")
    .map(Number);

function toForm(s: PricingSettingsInput): Form {
  return {
    maxStep: percent(s.maxStep),
    minMargin: percent(s.minMargin),
    priceEndings: s.priceEndings.map((e) => e.toFixed(2).slice(1)).join(", "),
    salvageRate: percent(s.salvageRate),
    markdownLadder: s.markdownLadder.map(percent).join(", "),
    minWeeksPerStep: String(s.minWeeksPerStep),
  };
}

/** The guardrails of price recommendations and markdown plans (admins; the server validates). */
export function PricingSettingsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.pricing.settings.queryOptions());
  const [form, setForm] = useState<Form | null>(null);
  const save = useMutation(trpc.pricing.updateSettings.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.pricing.pathKey() }) }));
  const current = form ?? (settings.data ? toForm(settings.data) : null);
  const field = (key: keyof Form, label: string, width: string, hint?: string) => (
    <div className={`${width} space-y-1`}>
      <Label htmlFor={`pricing-${key}`}>{label}</Label>
      <Input id={`pricing-${key}`} value={current?.[key] ?? ""} aria-describedby={hint ? `pricing-${key}-hint` : undefined} onChange={(e) => setForm({ ...current!, [key]: e.target.value })} />
      {hint ? (
        <p id={`pricing-${key}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Pricing guardrails</CardTitle>
      </CardHeader>
      <CardContent>
        {settings.error ? <ErrorText error={settings.error} /> : null}
        {current ? (
          <form
            className="flex flex-wrap items-start gap-4"
            aria-label="Pricing guardrails"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({
                maxStep: Number(current.maxStep) / 100,
                minMargin: Number(current.minMargin) / 100,
                priceEndings: list(current.priceEndings),
                salvageRate: Number(current.salvageRate) / 100,
                markdownLadder: list(current.markdownLadder).map((d) => Math.round(d * 10) / 1000),
                minWeeksPerStep: Number(current.minWeeksPerStep),
              });
            }}
          >
            {field("maxStep", "Max change per step (%)", "w-44")}
            {field("minMargin", "Minimum margin (%)", "w-40")}
            {field("priceEndings", "Price endings", "w-40", "e.g. .49, .99; empty: any cent")}
            {field("salvageRate", "Salvage (% of unit cost)", "w-44")}
            {field("markdownLadder", "Markdown ladder (%)", "w-64", "ascending from 0, e.g. 0, 10, 20, 30, 50, 70")}
            {field("minWeeksPerStep", "Min weeks per step", "w-36")}
            <Button type="submit" className="mt-6" disabled={save.isPending}>
              Save guardrails
            </Button>
          </form>
        ) : (
          <p className="text-sm text-slate-600">Loading…</p>
        )}
        {save.isSuccess && !save.isPending ? (
          <p role="status" className="mt-2 text-sm text-green-800">
            Saved.
          </p>
        ) : null}
        <ErrorText error={save.error} />
      </CardContent>
    </Card>
  );
}
