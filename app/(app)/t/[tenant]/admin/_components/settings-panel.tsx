"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label } from "@/app/_components/ui/input";
import { ErrorText } from "./error-text";

type Settings = { currency: string; locale: string; timezone: string; defaultServiceLevel: number };

/** Currency, locale, time zone and the default service level of inventory recommendations. */
export function SettingsPanel({ initial }: { initial: Settings }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [form, setForm] = useState({ ...initial, defaultServiceLevel: String(Math.round(initial.defaultServiceLevel * 1000) / 10) });
  const save = useMutation(trpc.tenant.updateSettings.mutationOptions({ onSuccess: () => router.refresh() }));
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Workspace settings</CardTitle>
      </CardHeader>
      <CardContent>
        <form
          className="flex flex-wrap items-end gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ currency: form.currency.trim().toUpperCase(), locale: form.locale.trim(), timezone: form.timezone.trim(), defaultServiceLevel: Number(form.defaultServiceLevel) / 100 });
          }}
        >
          <div className="w-28 space-y-1">
            <Label htmlFor="currency">Currency</Label>
            <Input id="currency" value={form.currency} onChange={set("currency")} />
          </div>
          <div className="w-32 space-y-1">
            <Label htmlFor="locale">Locale</Label>
            <Input id="locale" value={form.locale} onChange={set("locale")} />
          </div>
          <div className="w-56 space-y-1">
            <Label htmlFor="timezone">Time zone</Label>
            <Input id="timezone" value={form.timezone} onChange={set("timezone")} />
          </div>
          <div className="w-40 space-y-1">
            <Label htmlFor="serviceLevel">Default service level (%)</Label>
            <Input id="serviceLevel" type="number" min={50} max={99.9} step={0.1} value={form.defaultServiceLevel} onChange={set("defaultServiceLevel")} />
          </div>
          <Button type="submit" disabled={save.isPending}>
            Save settings
          </Button>
        </form>
        <ErrorText error={save.error} />
      </CardContent>
    </Card>
  );
}
