import type { ModelVersionRow } from "./model-types";
import { VERSION_COLUMNS, VersionRow } from "./version-row";

const NUMERIC_COLUMNS = new Set<string>(["Horizon", "RMSSE vs best baseline", "Coverage 80", "Train time"]);

export function VersionsTable({ versions, canManage, formatTime }: { versions: ModelVersionRow[]; canManage: boolean; formatTime: (d: Date | null) => string }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Model versions">
      <table className="w-full text-sm [&_td]:px-1.5 [&_th]:px-1.5" data-testid="model-versions">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            {VERSION_COLUMNS.map((label) => (
              <th key={label} className={NUMERIC_COLUMNS.has(label) ? "pb-2 text-right font-medium whitespace-nowrap" : "pb-2 font-medium whitespace-nowrap"}>
                {label}
              </th>
            ))}
            {canManage ? <th className="pb-2" aria-label="Actions" /> : null}
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <VersionRow key={v.id} version={v} canManage={canManage} formatTime={formatTime} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
