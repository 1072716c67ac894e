import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type ModelsOutputs = inferRouterOutputs<AppRouter>["models"];
export type ModelVersionRow = ModelsOutputs["versions"][number];
export type TrainingRunRow = ModelsOutputs["runs"][number];
export type JobRow = ModelsOutputs["jobs"][number];
export type ScheduleRow = Omit<ModelsOutputs["schedule"], "updatedAt">;

export const isRunActive = (run: Pick<TrainingRunRow, "status"> | undefined) => run?.status === "queued" || run?.status === "running";

/** How often the page re-reads an active run: often enough to see folds advance, rare enough to cost nothing. */
export const RUN_POLL_MS = 1_500;
