"use client";

import { skipToken, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Label, Select } from "@/app/_components/ui/input";
import { RUN_POLL_MS, isRunActive } from "./model-types";
import type { TrainingRunRow } from "./model-types";
import { ProgressBar } from "@/app/_components/ui/progress-bar";
import { RunStatusBadge } from "./status-badges";
import { useRefreshModels } from "./use-refresh-models";

const HORIZONS = [7, 14, 28] as const;

/**
 * Starts a training run and follows it through `models.run` until it ends. A run already going when
 * the page opens (started elsewhere, or before a reload) is followed the same way.
 */
export function RetrainPanel({ activeRun }: { activeRun: TrainingRunRow | undefined }) {
  const trpc = useTRPC();
  const refresh = useRefreshModels();
  const [horizon, setHorizon] = useState<(typeof HORIZONS)[number]>(28);
  const [autoPromote, setAutoPromote] = useState(true);
  const [followedId, setFollowedId] = useState<string>();
  const retrain = useMutation(
    trpc.models.retrain.mutationOptions({
      onSuccess: (started) => {
        setFollowedId(started.id);
        void refresh();
      },
    }),
  );
  const run = useQuery(
    trpc.models.run.queryOptions(followedId ? { runId: followedId } : skipToken, {
      refetchInterval: (query) => (query.state.data && !isRunActive(query.state.data) ? false : RUN_POLL_MS),
    }),
  );
  // Adopt a run the list shows as active unless the one followed is still going; the followed id
  // outlives the run, so its outcome stays on screen after the list stops calling it active.
  if (activeRun && activeRun.id !== followedId && !isRunActive(run.data)) setFollowedId(activeRun.id);

  const running = isRunActive(run.data) || retrain.isPending;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Retrain</CardTitle>
        <p className="text-xs text-slate-500">
          Backtests the gradient-boosted model against the baselines on rolling origins, trains it on all history and forecasts every series. Training runs in the background; you can leave this page.
        </p>
      </CardHeader>
      <CardContent className="space-y-4">
        <form
          className="flex flex-wrap items-end gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            retrain.mutate({ horizon, promote: autoPromote ? "if_better" : "never" });
          }}
        >
          <div className="w-36 space-y-1">
            <Label htmlFor="horizon">Horizon</Label>
            <Select id="horizon" value={horizon} onChange={(e) => setHorizon(Number(e.target.value) as typeof horizon)} disabled={running}>
              {HORIZONS.map((h) => (
                <option key={h} value={h}>
                  {h} days
                </option>
              ))}
            </Select>
          </div>
          <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={autoPromote} onChange={(e) => setAutoPromote(e.target.checked)} disabled={running} className="h-4 w-4 accent-[var(--color-brand)]" />
            Promote if it beats production
          </label>
          <Button type="submit" disabled={running}>
            {running ? "Training…" : "Retrain"}
          </Button>
        </form>
        {retrain.error ? (
          <p role="alert" className="text-sm text-red-700">
            {retrain.error.message}
          </p>
        ) : null}
        {run.data ? (
          <div className="space-y-2" data-testid="training-progress">
            <div className="flex items-center justify-between gap-4 text-sm">
              <span className="flex items-center gap-2">
                <RunStatusBadge status={run.data.status} />
                <span className={run.data.status === "failed" ? "text-red-700" : "text-slate-700"}>{run.data.message ?? "Waiting to start"}</span>
              </span>
              <span className="tabular-nums text-slate-500">{Math.round(run.data.progress * 100)}%</span>
            </div>
            <ProgressBar value={run.data.progress} label="Training progress" />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
