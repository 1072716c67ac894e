"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { Button } from "@/app/_components/ui/button";
import type { ModelVersionRow } from "./model-types";
import { useRefreshModels } from "./use-refresh-models";

/** The version rollback would restore: the most recently promoted one that is not production now (as the server picks it). */
function rollbackTarget(versions: ModelVersionRow[]): ModelVersionRow | undefined {
  return versions
    .filter((v) => v.status !== "production" && v.promotedAt)
    .sort((a, b) => (b.promotedAt?.getTime() ?? 0) - (a.promotedAt?.getTime() ?? 0))[0];
}

export function RollbackButton({ versions }: { versions: ModelVersionRow[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshModels();
  const rollback = useMutation(trpc.models.rollback.mutationOptions({ onSuccess: () => refresh() }));
  const production = versions.find((v) => v.status === "production");
  const target = rollbackTarget(versions);

  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant="outline"
        disabled={!production || !target || rollback.isPending}
        title={!production ? "There is no production model." : !target ? "No earlier production model to go back to." : undefined}
        onClick={() => production && target && confirm(`Roll back from v${production.version} to v${target.version}?`) && rollback.mutate()}
      >
        {production && target ? `Roll back to v${target.version}` : "Roll back"}
      </Button>
      {rollback.error ? (
        <p role="alert" className="text-xs text-red-700">
          {rollback.error.message}
        </p>
      ) : null}
    </div>
  );
}
