"use client";

import { useMutation } from "@tanstack/react-query";
import { MODEL_FORECASTER, formatMetric } from "@/app/_components/forecaster-metrics";
import { useTRPC } from "@/app/_trpc/client";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { formatSeconds } from "./format-time";
import type { ModelVersionRow } from "./model-types";
import { RmsseVersusBaseline } from "./rmsse-versus-baseline";
import { ModelStatusBadge } from "./status-badges";
import { useRefreshModels } from "./use-refresh-models";

export const VERSION_COLUMNS = ["Version", "Status", "Algorithm", "Trained on", "Horizon", "RMSSE vs best baseline", "Coverage 80", "Train time", "Created"] as const;

/**
 * One version; for admins, its Promote button. The server refuses a version that does not beat
 * production (CONFLICT, with the numbers in its message): the reason then shows under the row with
 * a Force promote that asks for confirmation.
 */
export function VersionRow({ version: v, canManage, formatTime }: { version: ModelVersionRow; canManage: boolean; formatTime: (d: Date | null) => string }) {
  const trpc = useTRPC();
  const refresh = useRefreshModels();
  const promote = useMutation(trpc.models.promote.mutationOptions({ onSuccess: () => refresh() }));
  const refusedAsWorse = promote.error?.data?.code === "CONFLICT";
  const forcePromote = () => {
    if (confirm(`Put v${v.version} into production although its backtest does not beat the current model's?`)) promote.mutate({ modelVersionId: v.id, force: true });
  };

  return (
    <>
      <tr className={cn("border-t border-slate-100 align-top", v.status === "production" && "bg-emerald-50/50")} data-status={v.status}>
        <td className="py-2 font-medium">v{v.version}</td>
        <td className="py-2">
          <ModelStatusBadge status={v.status} />
        </td>
        <td className="py-2 whitespace-nowrap text-slate-600">{v.algorithm}</td>
        <td className="py-2 whitespace-nowrap tabular-nums text-slate-600">
          {v.trainedFrom} → {v.trainedTo}
        </td>
        <td className="py-2 whitespace-nowrap text-right tabular-nums">{v.horizon} d</td>
        <td className="py-2">
          <RmsseVersusBaseline metrics={v.metrics} />
        </td>
        <td className="py-2 text-right tabular-nums">{formatMetric(v.metrics[MODEL_FORECASTER]?.coverage80, "percent")}</td>
        <td className="py-2 whitespace-nowrap text-right tabular-nums">{formatSeconds(v.trainSeconds)}</td>
        <td className="py-2 whitespace-nowrap text-slate-600">{formatTime(v.createdAt)}</td>
        {canManage ? (
          <td className="py-2 text-right">
            {v.status === "production" || refusedAsWorse ? null : (
              <Button size="sm" variant="outline" onClick={() => promote.mutate({ modelVersionId: v.id, force: false })} disabled={promote.isPending}>
                {promote.isPending ? "Promoting…" : "Promote"}
              </Button>
            )}
          </td>
        ) : null}
      </tr>
      {promote.error ? (
        <tr>
          <td colSpan={VERSION_COLUMNS.length + 1} className="pb-3">
            <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <span>{promote.error.message}</span>
              {refusedAsWorse ? (
                <span className="flex gap-2">
                  <Button size="sm" variant="ghost" onClick={() => promote.reset()}>
                    Keep production
                  </Button>
                  <Button size="sm" variant="destructive" onClick={forcePromote} disabled={promote.isPending}>
                    Force promote
                  </Button>
                </span>
              ) : null}
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
