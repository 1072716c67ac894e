"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label, Select } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/api/root";

type Loaded = inferRouterOutputs<AppRouter>["inventory"]["settings"];
type Settings = Loaded["settings"];

/** Percent fields are typed as percentages and stored as fractions. */
const pct = (v: number) => String(Math.round(v * 1000) / 10);

function formOf(s: Settings) {
  return {
    serviceLevel: pct(s.serviceLevel),
    serviceMeasure: s.serviceMeasure,
    unmetDemand: s.unmetDemand,
    policy: s.policy,
    reviewPeriodDays: String(s.reviewPeriodDays),
    transferCostPerUnit: String(s.transferCostPerUnit),
    transferFixedCost: String(s.transferFixedCost),
    expediteLeadTimeDays: String(s.expediteLeadTimeDays),
    expediteCostPerUnit: String(s.expediteCostPerUnit),
    categoryLevels: Object.fromEntries(s.categoryLevels.map((c) => [c.category, pct(c.serviceLevel)])) as Record<string, string>,
  };
}
type Form = ReturnType<typeof formOf>;

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="w-56 space-y-1">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint ? <p className="text-xs text-slate-600">{hint}</p> : null}
    </div>
  );
}

/** The tenant's replenishment settings: editable by admins, shown read-only to everyone else. */
export function InventorySettingsForm({ currency, canEdit, role }: { currency: string; canEdit: boolean; role: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const loaded = useQuery(trpc.inventory.settings.queryOptions());
  // Here, not in the editor: a save remounts the editor on the stored settings, and the note must outlive that.
  const [saved, setSaved] = useState(false);
  if (loaded.error) {
    return (
      <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
        Could not load the settings: {loaded.error.message}
      </p>
    );
  }
  if (!loaded.data) return <p className="text-sm text-slate-600">Loading settings…</p>;
  // Keyed on the saved settings, so a save (or another admin's) resets the form to what is stored.
  return (
    <SettingsEditor
      key={JSON.stringify(loaded.data.settings)}
      loaded={loaded.data}
      currency={currency}
      canEdit={canEdit}
      role={role}
      saved={saved}
      setSaved={setSaved}
      onSaved={() => queryClient.invalidateQueries()}
    />
  );
}

type EditorProps = { loaded: Loaded; currency: string; canEdit: boolean; role: string; saved: boolean; setSaved: (saved: boolean) => void; onSaved: () => Promise<void> };

function SettingsEditor({ loaded, currency, canEdit, role, saved, setSaved, onSaved }: EditorProps) {
  const trpc = useTRPC();
  const [form, setForm] = useState<Form>(() => formOf(loaded.settings));
  const save = useMutation(trpc.inventory.updateSettings.mutationOptions({ onSuccess: () => onSaved().then(() => setSaved(true)) }));
  const set = (key: Exclude<keyof Form, "categoryLevels">) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setSaved(false);
    setForm({ ...form, [key]: e.target.value });
  };
  const setCategory = (category: string, value: string) => {
    setSaved(false);
    setForm({ ...form, categoryLevels: { ...form.categoryLevels, [category]: value } });
  };
  const submit = () =>
    save.mutate({
      serviceLevel: Number(form.serviceLevel) / 100,
      serviceMeasure: form.serviceMeasure,
      unmetDemand: form.unmetDemand,
      policy: form.policy,
      reviewPeriodDays: Number(form.reviewPeriodDays),
      transferCostPerUnit: Number(form.transferCostPerUnit),
      transferFixedCost: Number(form.transferFixedCost),
      expediteLeadTimeDays: Number(form.expediteLeadTimeDays),
      expediteCostPerUnit: Number(form.expediteCostPerUnit),
      categoryLevels: Object.entries(form.categoryLevels)
        .filter(([, v]) => v.trim() !== "")
        .map(([category, v]) => ({ category, serviceLevel: Number(v) / 100 })),
    });
  const { calibration } = loaded.settings;
  return (
    <form
      className="space-y-6"
      aria-label="Inventory settings"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {!canEdit ? <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">Only admins change these settings; you are {role}, so they are shown read-only.</p> : null}
      <fieldset disabled={!canEdit || save.isPending} className="space-y-6">
        <Card>
          <CardHeader>
            <CardTitle>Service level</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-wrap gap-4">
            <Field id="inv-service-level" label="Target (%)" hint="50–99.9; categories below can differ">
              <Input id="inv-service-level" type="number" min={50} max={99.9} step={0.1} value={form.serviceLevel} onChange={set("serviceLevel")} />
            </Field>
            <Field id="inv-service-measure" label="Measured as" hint="Cycle service: no stockout in a cycle; fill rate: share of demand served">
              <Select id="inv-service-measure" value={form.serviceMeasure} onChange={set("serviceMeasure")}>
                <option value="cycle_service_level">Cycle service level</option>
                <option value="fill_rate">Fill rate</option>
              </Select>
            </Field>
            <Field id="inv-unmet" label="Demand the shelf cannot serve">
              <Select id="inv-unmet" value={form.unmetDemand} onChange={set("unmetDemand")}>
                <option value="lost_sales">Is lost (lost sales)</option>
                <option value="backorders">Waits (backorders)</option>
              </Select>
            </Field>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Replenishment policy</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-wrap gap-4">
            <Field id="inv-policy" label="Policy">
              <Select id="inv-policy" value={form.policy} onChange={set("policy")}>
                <option value="periodic_review">Periodic review, order up to S</option>
                <option value="continuous_review">Continuous review (s, Q), EOQ</option>
              </Select>
            </Field>
            <Field id="inv-review" label="Review period (days)" hint="1–90">
              <Input id="inv-review" type="number" min={1} max={90} step={1} value={form.reviewPeriodDays} onChange={set("reviewPeriodDays")} />
            </Field>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Transfers and expediting ({currency})</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-wrap gap-4">
            <Field id="inv-transfer-unit" label="Transfer cost per unit">
              <Input id="inv-transfer-unit" type="number" min={0} step={0.01} value={form.transferCostPerUnit} onChange={set("transferCostPerUnit")} />
            </Field>
            <Field id="inv-transfer-fixed" label="Transfer cost per shipment">
              <Input id="inv-transfer-fixed" type="number" min={0} step={0.01} value={form.transferFixedCost} onChange={set("transferFixedCost")} />
            </Field>
            <Field id="inv-expedite-days" label="Expedited delivery (days)" hint="How long a rushed open order takes, 0–60">
              <Input id="inv-expedite-days" type="number" min={0} max={60} step={1} value={form.expediteLeadTimeDays} onChange={set("expediteLeadTimeDays")} />
            </Field>
            <Field id="inv-expedite-cost" label="Expedite cost per unit">
              <Input id="inv-expedite-cost" type="number" min={0} step={0.01} value={form.expediteCostPerUnit} onChange={set("expediteCostPerUnit")} />
            </Field>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Targets per category</CardTitle>
          </CardHeader>
          <CardContent className="overflow-x-auto p-0">
            <table className="w-full text-sm">
              <caption className="p-3 text-left text-xs text-slate-600">Leave a category empty to hold it to the tenant&apos;s target.</caption>
              <thead className="bg-slate-50 text-left text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Category
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Target (%)
                  </th>
                </tr>
              </thead>
              <tbody>
                {loaded.categories.map((c, i) => (
                  <tr key={c} className="border-t border-slate-100">
                    <td className="px-3 py-1.5">
                      <label htmlFor={`inv-category-${i}`}>{c}</label>
                    </td>
                    <td className="w-40 px-3 py-1.5">
                      <Input id={`inv-category-${i}`} type="number" min={50} max={99.9} step={0.1} placeholder={form.serviceLevel} value={form.categoryLevels[c] ?? ""} onChange={(e) => setCategory(c, e.target.value)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
        </Card>
      </fieldset>
      <p className="text-xs text-slate-600">
        Lead-time demand calibration (fitted on the tenant&apos;s backtest, not edited here): between-day correlation {calibration.correlation}, variance scale {calibration.varianceScale}, mean scale {calibration.meanScale}.
      </p>
      {canEdit ? (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving and recomputing…" : "Save settings"}
          </Button>
          {saved ? (
            <p role="status" className="text-sm text-slate-700">
              Saved; recommendations and actions are recomputed.
            </p>
          ) : null}
        </div>
      ) : null}
      {save.error ? (
        <p role="alert" className="text-sm text-red-700">
          {save.error.message}
        </p>
      ) : null}
    </form>
  );
}
