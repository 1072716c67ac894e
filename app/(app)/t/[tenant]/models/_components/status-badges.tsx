import { Badge } from "@/app/_components/ui/badge";
import { cn } from "@/app/_components/ui/cn";
import type { JobRow, ModelVersionRow, TrainingRunRow } from "./model-types";

const MODEL_STATUS_STYLE: Record<ModelVersionRow["status"], string> = {
  production: "bg-emerald-100 text-emerald-800",
  staging: "bg-sky-100 text-sky-800",
  archived: "bg-slate-100 text-slate-600",
};

const RUN_STATUS_STYLE: Record<TrainingRunRow["status"], string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
};

export function ModelStatusBadge({ status }: { status: ModelVersionRow["status"] }) {
  return <Badge className={cn(MODEL_STATUS_STYLE[status])}>{status}</Badge>;
}

export function RunStatusBadge({ status }: { status: TrainingRunRow["status"] }) {
  return <Badge className={cn(RUN_STATUS_STYLE[status])}>{status}</Badge>;
}

const JOB_STATUS_STYLE: Record<JobRow["status"], string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  succeeded: "bg-emerald-100 text-emerald-800",
  dead: "bg-red-100 text-red-800",
};

export function JobStatusBadge({ status }: { status: JobRow["status"] }) {
  return <Badge className={cn(JOB_STATUS_STYLE[status])}>{status}</Badge>;
}
