"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { timeFormatter } from "./format-time";
import { RUN_POLL_MS, isRunActive } from "./model-types";
import { RetrainPanel } from "./retrain-panel";
import { RollbackButton } from "./rollback-button";
import { SchedulePanel } from "./schedule-panel";
import { JobsTable } from "./jobs-table";
import { RunsTable } from "./runs-table";
import { useRefreshModels } from "./use-refresh-models";
import { VersionsTable } from "./versions-table";

/** The tenant's model versions and training runs; admins also get the buttons that change them (the server checks again). */
export function ModelRegistry({ canManage, locale, timeZone }: { canManage: boolean; locale: string; timeZone: string }) {
  const trpc = useTRPC();
  const formatTime = useMemo(() => timeFormatter(locale), [locale]);
  const versions = useQuery(trpc.models.versions.queryOptions());
  // While a run is active the list follows it too, so every role watches its progress.
  const runs = useQuery(trpc.models.runs.queryOptions(undefined, { refetchInterval: (query) => (query.state.data?.some(isRunActive) ? RUN_POLL_MS : false) }));
  const jobs = useQuery(trpc.models.jobs.queryOptions(undefined, { refetchInterval: (query) => (query.state.data?.some((j) => j.status === "queued" || j.status === "running") ? RUN_POLL_MS : false) }));
  const error = versions.error ?? runs.error ?? jobs.error;
  useRefreshWhenRunsEnd(Boolean(runs.data?.some(isRunActive)));

  return (
    <div className="space-y-6">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          Could not load the model registry: {error.message}
        </p>
      ) : null}
      {canManage ? <RetrainPanel activeRun={runs.data?.find(isRunActive)} /> : null}
      {canManage ? <SchedulePanel timeZone={timeZone} /> : null}
      <Card>
        <CardHeader className="flex-row items-start justify-between gap-4">
          <div className="space-y-1">
            <CardTitle>Versions</CardTitle>
            <p className="text-xs text-slate-500">Forecasts everywhere in Foresight come from the production version. Promotion requires a better backtest RMSSE than production unless forced.</p>
          </div>
          {canManage && versions.data ? <RollbackButton versions={versions.data} /> : null}
        </CardHeader>
        <CardContent>
          {!versions.data ? (
            <p className="text-sm text-slate-500">Loading versions…</p>
          ) : versions.data.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-500">{canManage ? "No model trained yet. Retrain above to create the first version." : "No model trained yet. An admin can train one here."}</p>
          ) : (
            <VersionsTable versions={versions.data} canManage={canManage} formatTime={formatTime} />
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Recent training runs</CardTitle>
        </CardHeader>
        <CardContent>
          {!runs.data ? (
            <p className="text-sm text-slate-500">Loading runs…</p>
          ) : runs.data.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-500">No training runs yet.</p>
          ) : (
            <RunsTable runs={runs.data} formatTime={formatTime} />
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Background jobs</CardTitle>
        </CardHeader>
        <CardContent>
          {!jobs.data ? (
            <p className="text-sm text-slate-500">Loading jobs…</p>
          ) : jobs.data.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-500">No background jobs yet.</p>
          ) : (
            <JobsTable jobs={jobs.data} formatTime={formatTime} />
          )}
        </CardContent>
      </Card>
    </div>
  );
}

/** When the last active run ends, its new version (and maybe a new production model) must show up. */
function useRefreshWhenRunsEnd(anyActive: boolean) {
  const refresh = useRefreshModels();
  const wasActive = useRef(anyActive);
  useEffect(() => {
    if (wasActive.current && !anyActive) void refresh();
    wasActive.current = anyActive;
  }, [anyActive, refresh]);
}
