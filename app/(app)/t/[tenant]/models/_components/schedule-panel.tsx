"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label, Select } from "@/app/_components/ui/input";
import type { ScheduleRow } from "./model-types";

type Schedule = ScheduleRow;

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const DAYS_OF_MONTH = Array.from({ length: 28 }, (_, d) => d + 1);

function HourSelect({ id, value, onChange }: { id: string; value: number; onChange: (hour: number) => void }) {
  return (
    <Select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {HOURS.map((h) => (
        <option key={h} value={h}>
          {String(h).padStart(2, "0")}:00
        </option>
      ))}
    </Select>
  );
}

/** Admins' form for the tenant's scheduled retrain, daily re-forecast and retrain on drift (the server validates and checks the role again). */
export function SchedulePanel({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saved = useQuery(trpc.models.schedule.queryOptions());
  const [draft, setDraft] = useState<Schedule>();
  const save = useMutation(
    trpc.models.updateSchedule.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.models.schedule.queryKey(), next);
        setDraft(undefined);
      },
    }),
  );
  const value = draft ?? saved.data;
  if (!value) return null;
  const edit = (change: (s: Schedule) => Schedule) => setDraft(change(value));
  const { retrain, reforecast, drift } = value;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Schedule</CardTitle>
        <p className="text-xs text-slate-500">
          Background jobs queued on their own, at hours in {timeZone}. A scheduled or drift retrain is promoted only if its backtest beats production; a re-forecast keeps the production model and forecasts from the latest sales.
        </p>
      </CardHeader>
      <CardContent>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(value);
          }}
        >
          <fieldset className="flex flex-wrap items-end gap-4">
            <legend className="mb-2 text-sm font-medium text-slate-700">Retrain</legend>
            <div className="w-36 space-y-1">
              <Label htmlFor="retrain-frequency">How often</Label>
              <Select id="retrain-frequency" value={retrain.frequency} onChange={(e) => edit((s) => ({ ...s, retrain: { ...s.retrain, frequency: e.target.value as Schedule["retrain"]["frequency"] } }))}>
                <option value="off">Off</option>
                <option value="daily">Daily</option>
                <option value="weekly">Weekly</option>
                <option value="monthly">Monthly</option>
              </Select>
            </div>
            {retrain.frequency === "weekly" ? (
              <div className="w-36 space-y-1">
                <Label htmlFor="retrain-weekday">On</Label>
                <Select id="retrain-weekday" value={retrain.weekday} onChange={(e) => edit((s) => ({ ...s, retrain: { ...s.retrain, weekday: Number(e.target.value) } }))}>
                  {WEEKDAYS.map((day, i) => (
                    <option key={day} value={i}>
                      {day}
                    </option>
                  ))}
                </Select>
              </div>
            ) : null}
            {retrain.frequency === "monthly" ? (
              <div className="w-28 space-y-1">
                <Label htmlFor="retrain-day">Day of month</Label>
                <Select id="retrain-day" value={retrain.dayOfMonth} onChange={(e) => edit((s) => ({ ...s, retrain: { ...s.retrain, dayOfMonth: Number(e.target.value) } }))}>
                  {DAYS_OF_MONTH.map((d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </Select>
              </div>
            ) : null}
            {retrain.frequency !== "off" ? (
              <div className="w-28 space-y-1">
                <Label htmlFor="retrain-hour">At</Label>
                <HourSelect id="retrain-hour" value={retrain.hour} onChange={(hour) => edit((s) => ({ ...s, retrain: { ...s.retrain, hour } }))} />
              </div>
            ) : null}
          </fieldset>
          <fieldset className="flex flex-wrap items-end gap-4">
            <legend className="mb-2 text-sm font-medium text-slate-700">Re-forecast</legend>
            <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={reforecast.daily} onChange={(e) => edit((s) => ({ ...s, reforecast: { ...s.reforecast, daily: e.target.checked } }))} className="h-4 w-4 accent-[var(--color-brand)]" />
              Every day from the latest sales
            </label>
            {reforecast.daily ? (
              <div className="w-28 space-y-1">
                <Label htmlFor="reforecast-hour">At</Label>
                <HourSelect id="reforecast-hour" value={reforecast.hour} onChange={(hour) => edit((s) => ({ ...s, reforecast: { ...s.reforecast, hour } }))} />
              </div>
            ) : null}
          </fieldset>
          <fieldset className="flex flex-wrap items-end gap-4">
            <legend className="mb-2 text-sm font-medium text-slate-700">Retrain on drift</legend>
            <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={drift.enabled} onChange={(e) => edit((s) => ({ ...s, drift: { ...s.drift, enabled: e.target.checked } }))} className="h-4 w-4 accent-[var(--color-brand)]" />
              Check daily; retrain when the last 28 days&apos; RMSSE is worse than the backtest by more than
            </label>
            <div className="w-24 space-y-1">
              <Label htmlFor="drift-margin">Margin (%)</Label>
              <Input id="drift-margin" type="number" min={1} max={500} step={1} value={drift.marginPct} disabled={!drift.enabled} onChange={(e) => edit((s) => ({ ...s, drift: { ...s.drift, marginPct: Number(e.target.value) } }))} />
            </div>
            {drift.enabled ? (
              <div className="w-28 space-y-1">
                <Label htmlFor="drift-hour">Check at</Label>
                <HourSelect id="drift-hour" value={drift.hour} onChange={(hour) => edit((s) => ({ ...s, drift: { ...s.drift, hour } }))} />
              </div>
            ) : null}
          </fieldset>
          <div className="flex items-center gap-4">
            <Button type="submit" disabled={save.isPending || !draft}>
              {save.isPending ? "Saving…" : "Save schedule"}
            </Button>
            {save.isSuccess && !draft ? <p className="text-sm text-slate-700">Saved.</p> : null}
          </div>
          {save.error ? (
            <p role="alert" className="text-sm text-red-700">
              {save.error.message}
            </p>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}
