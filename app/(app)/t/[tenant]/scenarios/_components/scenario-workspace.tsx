"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useState } from "react";
import type { FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { addDaysIso } from "@/models/data/dates";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label, Select } from "@/app/_components/ui/input";
import type { AppRouter } from "@/server/api/root";
import { describeChange } from "@/server/api/routers/scenarios.types";
import type { ScenarioResult } from "@/server/api/routers/scenarios.types";
import { ItemSearch } from "../../forecasts/_components/item-search";
import { formatters, ScenarioResultView } from "./scenario-result";

type Definition = inferRouterInputs<AppRouter>["scenarios"]["create"];
type Saved = inferRouterOutputs<AppRouter>["scenarios"]["list"][number];
const MAX_COMPARED = 4;

/** Define, evaluate and save what-ifs; compare 2–4 saved ones side by side; turn one into price-change actions. */
export function ScenarioWorkspace({ tenant, currency, locale, canEdit }: { tenant: string; currency: string; locale: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const horizon = useQuery(trpc.scenarios.horizon.queryOptions());
  const stores = useQuery(trpc.catalog.stores.queryOptions());
  const categories = useQuery(trpc.catalog.categories.queryOptions());
  const saved = useQuery(trpc.scenarios.list.queryOptions());
  const [name, setName] = useState("");
  const [itemsBy, setItemsBy] = useState<"category" | "ids">("category");
  const [category, setCategory] = useState("");
  const [itemIds, setItemIds] = useState<string[]>([]);
  const [storeIds, setStoreIds] = useState<string[]>([]);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [priceKind, setPriceKind] = useState<"none" | "percent" | "absolute">("percent");
  const [priceValue, setPriceValue] = useState("-10");
  const [discount, setDiscount] = useState("");
  const [promo, setPromo] = useState<"keep" | "on" | "off">("keep");
  const [preview, setPreview] = useState<ScenarioResult | null>(null);
  const [compared, setCompared] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  const firstDate = horizon.data?.firstDate ?? "";
  const lastDate = horizon.data?.lastDate ?? "";
  const chosenCategory = category || categories.data?.[0] || "";
  const definition = (): Definition => ({
    name: name.trim(),
    items: itemsBy === "category" ? { by: "category", category: chosenCategory } : { by: "ids", ids: itemIds },
    stores: storeIds.length ? { by: "ids", ids: storeIds } : { by: "all" },
    from: from || firstDate,
    to: to || (firstDate ? addDays(firstDate, 6, lastDate) : ""),
    change: {
      ...(priceKind !== "none" && { price: { kind: priceKind, value: Number(priceValue) } }),
      ...(discount.trim() !== "" && { discount: Number(discount) }),
      ...(promo !== "keep" && { promo: promo === "on" }),
    },
  });
  const refreshSaved = () => queryClient.invalidateQueries({ queryKey: trpc.scenarios.list.queryKey() });
  const evaluate = useMutation(trpc.scenarios.evaluate.mutationOptions({ onSuccess: (r) => setPreview(r) }));
  const create = useMutation(
    trpc.scenarios.create.mutationOptions({
      onSuccess: async (s) => {
        setPreview(s.result);
        setNotice(`Saved "${s.name}".`);
        setName("");
        setCompared((c) => (c.length < MAX_COMPARED ? [...c, s.id] : c));
        await refreshSaved();
      },
    }),
  );
  const reevaluate = useMutation(trpc.scenarios.reevaluate.mutationOptions({ onSuccess: refreshSaved }));
  const remove = useMutation(
    trpc.scenarios.delete.mutationOptions({
      onSuccess: async (r) => {
        setCompared((c) => c.filter((id) => id !== r.id));
        await refreshSaved();
      },
    }),
  );
  const toActions = useMutation(
    trpc.scenarios.toActions.mutationOptions({
      onSuccess: (r) => setNotice(`${r.created} price-change action${r.created === 1 ? "" : "s"} created, ${r.updated} updated; ${r.skipped} item × store pair${r.skipped === 1 ? "" : "s"} without a margin uplift left out.`),
    }),
  );
  const failure = evaluate.error ?? create.error ?? reevaluate.error ?? remove.error ?? toActions.error ?? saved.error ?? horizon.error;
  const busy = evaluate.isPending || create.isPending;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    create.mutate(definition());
  };
  const toggleStore = (id: string) => setStoreIds((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const toggleCompared = (id: string) => setCompared((c) => (c.includes(id) ? c.filter((x) => x !== id) : c.length < MAX_COMPARED ? [...c, id] : c));
  const comparison = (saved.data ?? []).filter((s) => compared.includes(s.id));

  if (horizon.data && !horizon.data.model) return <p className="text-sm text-slate-600">No production model yet: train one on the Models page to run what-ifs.</p>;

  return (
    <div className="space-y-6">
      {canEdit ? (
        <Card>
          <CardHeader>
            <CardTitle>Define a what-if</CardTitle>
          </CardHeader>
          <CardContent>
            <form className="space-y-4" onSubmit={submit} aria-label="Define a what-if">
              <div className="grid gap-4 md:grid-cols-3">
                <div className="space-y-1">
                  <Label htmlFor="scenario-name">Name</Label>
                  <Input id="scenario-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Dairy −10% next week" />
                </div>
                <div className="space-y-1">
                  <Label htmlFor="scenario-from">From</Label>
                  <Input id="scenario-from" type="date" min={firstDate} max={lastDate} value={from || firstDate} onChange={(e) => setFrom(e.target.value)} />
                </div>
                <div className="space-y-1">
                  <Label htmlFor="scenario-to">To</Label>
                  <Input id="scenario-to" type="date" min={firstDate} max={lastDate} value={to || (firstDate ? addDays(firstDate, 6, lastDate) : "")} onChange={(e) => setTo(e.target.value)} />
                </div>
              </div>
              <p className="text-xs text-slate-600">
                The forecast horizon of model v{horizon.data?.model?.version}: {firstDate} … {lastDate}; at most {horizon.data?.maxCells.toLocaleString(locale)} item × store × days per scenario.
              </p>
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium">Items</legend>
                <div className="flex flex-wrap items-end gap-4">
                  <div className="space-y-1">
                    <Label htmlFor="scenario-items-by">Choose by</Label>
                    <Select id="scenario-items-by" value={itemsBy} onChange={(e) => setItemsBy(e.target.value as "category" | "ids")}>
                      <option value="category">Category</option>
                      <option value="ids">Items</option>
                    </Select>
                  </div>
                  {itemsBy === "category" ? (
                    <div className="space-y-1">
                      <Label htmlFor="scenario-category">Category</Label>
                      <Select id="scenario-category" value={chosenCategory} onChange={(e) => setCategory(e.target.value)}>
                        {categories.data?.map((c) => (
                          <option key={c} value={c}>
                            {c}
                          </option>
                        ))}
                      </Select>
                    </div>
                  ) : (
                    <ItemSearch suggestions={[]} onSelect={(id) => setItemIds((ids) => (ids.includes(id) ? ids : [...ids, id]))} />
                  )}
                </div>
                {itemsBy === "ids" ? (
                  <ul className="flex flex-wrap gap-2" aria-label="Chosen items">
                    {itemIds.map((id) => (
                      <li key={id} className="flex items-center gap-1 rounded-full bg-slate-100 px-3 py-1 text-sm">
                        {id}
                        <button type="button" className="text-slate-700 underline" aria-label={`Remove ${id}`} onClick={() => setItemIds((ids) => ids.filter((x) => x !== id))}>
                          ×
                        </button>
                      </li>
                    ))}
                    {itemIds.length === 0 ? <li className="text-sm text-slate-600">Search and pick one or more items.</li> : null}
                  </ul>
                ) : null}
              </fieldset>
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium">Stores ({storeIds.length ? `${storeIds.length} chosen` : "all"})</legend>
                <div className="flex flex-wrap gap-4">
                  {stores.data?.map((s) => (
                    <label key={s.id} className="flex items-center gap-2 text-sm">
                      <input type="checkbox" checked={storeIds.includes(s.id)} onChange={() => toggleStore(s.id)} />
                      {s.name}
                    </label>
                  ))}
                </div>
              </fieldset>
              <fieldset className="grid gap-4 md:grid-cols-4">
                <legend className="mb-2 text-sm font-medium">Change</legend>
                <div className="space-y-1">
                  <Label htmlFor="scenario-price-kind">Price change</Label>
                  <Select id="scenario-price-kind" value={priceKind} onChange={(e) => setPriceKind(e.target.value as "none" | "percent" | "absolute")}>
                    <option value="none">None</option>
                    <option value="percent">By percent</option>
                    <option value="absolute">By amount ({currency})</option>
                  </Select>
                </div>
                <div className="space-y-1">
                  <Label htmlFor="scenario-price-value">{priceKind === "absolute" ? `Amount (${currency})` : "Percent"}</Label>
                  <Input id="scenario-price-value" type="number" step="any" disabled={priceKind === "none"} value={priceValue} onChange={(e) => setPriceValue(e.target.value)} />
                </div>
                <div className="space-y-1">
                  <Label htmlFor="scenario-discount">Discount % (replaces the planned one)</Label>
                  <Input id="scenario-discount" type="number" min={0} max={90} step="any" value={discount} onChange={(e) => setDiscount(e.target.value)} placeholder="as planned" />
                </div>
                <div className="space-y-1">
                  <Label htmlFor="scenario-promo">Promotion</Label>
                  <Select id="scenario-promo" value={promo} onChange={(e) => setPromo(e.target.value as "keep" | "on" | "off")}>
                    <option value="keep">As planned</option>
                    <option value="on">On</option>
                    <option value="off">Off</option>
                  </Select>
                </div>
              </fieldset>
              <div className="flex flex-wrap gap-3">
                <Button type="button" variant="outline" disabled={busy} onClick={() => evaluate.mutate({ ...definition(), name: definition().name || "preview" })}>
                  Evaluate
                </Button>
                <Button type="submit" disabled={busy || !name.trim()}>
                  Save scenario
                </Button>
                {busy ? <span className="self-center text-sm text-slate-600">Re-scoring the model…</span> : null}
              </div>
            </form>
          </CardContent>
        </Card>
      ) : (
        <p className="text-sm text-slate-600">Viewers see saved scenarios; analysts and above define and save them.</p>
      )}
      {failure ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          {failure.message}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800">
          {notice} <Link className="underline" href={`/t/${tenant}/actions`}>Action center</Link>
        </p>
      ) : null}
      {preview ? (
        <Card>
          <CardHeader>
            <CardTitle>Baseline vs scenario</CardTitle>
          </CardHeader>
          <CardContent>
            <ScenarioResultView result={preview} currency={currency} locale={locale} />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>Saved scenarios</CardTitle>
        </CardHeader>
        <CardContent>
          {saved.data?.length ? (
            <table className="w-full text-sm" data-testid="saved-scenarios">
              <caption className="sr-only">Saved scenarios; tick 2 to {MAX_COMPARED} to compare them</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left">
                  <th scope="col" className="py-2 pr-3 font-medium">Compare</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Name</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Change</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Computed against</th>
                  <th scope="col" className="py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {saved.data.map((s) => (
                  <SavedRow
                    key={s.id}
                    scenario={s}
                    canEdit={canEdit}
                    compared={compared.includes(s.id)}
                    onCompare={() => toggleCompared(s.id)}
                    onShow={() => setPreview(s.result)}
                    onReevaluate={() => reevaluate.mutate({ id: s.id })}
                    onActions={() => toActions.mutate({ id: s.id })}
                    onDelete={() => remove.mutate({ id: s.id })}
                  />
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-600">{saved.isPending ? "Loading…" : "No saved scenarios yet."}</p>
          )}
        </CardContent>
      </Card>
      {comparison.length >= 2 ? <Comparison scenarios={comparison} currency={currency} locale={locale} /> : saved.data && saved.data.length >= 2 ? <p className="text-sm text-slate-600">Tick 2 to {MAX_COMPARED} saved scenarios to compare them side by side.</p> : null}
    </div>
  );
}

function SavedRow(props: { scenario: Saved; canEdit: boolean; compared: boolean; onCompare: () => void; onShow: () => void; onReevaluate: () => void; onActions: () => void; onDelete: () => void }) {
  const s = props.scenario;
  const change = describeChange(s.definition.change as Parameters<typeof describeChange>[0]);
  return (
    <tr className="border-b border-slate-100 align-top">
      <td className="py-2 pr-3">
        <input type="checkbox" aria-label={`Compare ${s.name}`} checked={props.compared} onChange={props.onCompare} />
      </td>
      <td className="py-2 pr-3 font-medium">{s.name}</td>
      <td className="py-2 pr-3">
        {change}, {s.result.scope.from} … {s.result.scope.to}
      </td>
      <td className="py-2 pr-3">
        model v{s.computedAgainst.version}
        {s.stale ? <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900">production model changed</span> : null}
      </td>
      <td className="flex flex-wrap gap-2 py-2">
        <Button type="button" size="sm" variant="outline" onClick={props.onShow}>
          Show
        </Button>
        {props.canEdit ? (
          <>
            {s.stale ? (
              <Button type="button" size="sm" variant="outline" onClick={props.onReevaluate}>
                Re-evaluate
              </Button>
            ) : (
              <Button type="button" size="sm" variant="outline" onClick={props.onActions}>
                Turn into actions
              </Button>
            )}
            <Button type="button" size="sm" variant="outline" aria-label={`Delete ${s.name}`} onClick={props.onDelete}>
              Delete
            </Button>
          </>
        ) : null}
      </td>
    </tr>
  );
}

/** 2–4 saved scenarios side by side: the change of each measure against its own baseline, with the scenario's interval. */
function Comparison({ scenarios, currency, locale }: { scenarios: Saved[]; currency: string; locale: string }) {
  const { money, units, signed } = formatters(currency, locale);
  const measures = [
    { label: "Units", f: units, pick: (r: ScenarioResult) => r.units },
    { label: "Revenue", f: money, pick: (r: ScenarioResult) => r.revenue },
    { label: "Margin", f: money, pick: (r: ScenarioResult) => r.margin },
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Side by side</CardTitle>
      </CardHeader>
      <CardContent className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="scenario-comparison">
          <caption className="sr-only">Compared scenarios: scenario totals with P10–P90 and the change against the baseline</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left">
              <th scope="col" className="py-2 pr-4 font-medium">Measure</th>
              {scenarios.map((s) => (
                <th key={s.id} scope="col" className="py-2 pr-4 font-medium">
                  {s.name}
                  <span className="block text-xs font-normal text-slate-600">
                    model v{s.computedAgainst.version}
                    {s.stale ? " (production model changed)" : ""}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {measures.map(({ label, f, pick }) => (
              <tr key={label} className="border-b border-slate-100">
                <th scope="row" className="py-2 pr-4 text-left font-medium">{label}</th>
                {scenarios.map((s) => {
                  const m = pick(s.result);
                  return (
                    <td key={s.id} className="py-2 pr-4 tabular-nums">
                      {f.format(m.scenario.mean)} ({f.format(m.scenario.p10)} – {f.format(m.scenario.p90)})
                      <span className="block text-xs text-slate-600">{signed(f, m.change)} vs baseline</span>
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr>
              <th scope="row" className="py-2 pr-4 text-left font-medium">Stock-out days</th>
              {scenarios.map((s) => (
                <td key={s.id} className="py-2 pr-4 tabular-nums">
                  {units.format(s.result.stock.scenario.mean)}
                  <span className="block text-xs text-slate-600">{signed(units, s.result.stock.scenario.mean - s.result.stock.baseline.mean)} vs baseline</span>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </CardContent>
    </Card>
  );
}

/** `days` after an ISO date, capped at the horizon's last day. */
function addDays(iso: string, days: number, max: string): string {
  const out = addDaysIso(iso, days);
  return max && out > max ? max : out;
}
