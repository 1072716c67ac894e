import { formatSeconds } from "./format-time";
import type { JobRow } from "./model-types";
import { JobStatusBadge } from "./status-badges";

/** The queue's history for this tenant: what ran, how often it was tried, how long it took, why it failed. */
export function JobsTable({ jobs, formatTime }: { jobs: JobRow[]; formatTime: (d: Date | null) => string }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Background jobs">
      <table className="w-full text-sm [&_td]:px-1.5 [&_th]:px-1.5" data-testid="jobs">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="pb-2 font-medium">Job</th>
            <th className="pb-2 font-medium">Status</th>
            <th className="pb-2 font-medium">Attempts</th>
            <th className="pb-2 font-medium">Queued</th>
            <th className="pb-2 font-medium">Duration</th>
            <th className="pb-2 font-medium">Errors</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id} className="border-t border-slate-100">
              <td className="py-2 font-medium text-slate-800">{j.name}</td>
              <td className="py-2">
                <JobStatusBadge status={j.status} />
              </td>
              <td className="py-2 tabular-nums text-slate-700">
                {j.attempts} of {j.maxAttempts}
              </td>
              <td className="py-2 whitespace-nowrap text-slate-600">{formatTime(j.createdAt)}</td>
              <td className="py-2 whitespace-nowrap tabular-nums text-slate-600">
                {j.startedAt && j.finishedAt ? formatSeconds((j.finishedAt.getTime() - j.startedAt.getTime()) / 1000) : j.status === "queued" && j.attempts > 0 ? `retry at ${formatTime(j.runAt)}` : "—"}
              </td>
              <td className={j.lastError ? "py-2 text-red-700" : "py-2 text-slate-600"}>{j.lastError ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
