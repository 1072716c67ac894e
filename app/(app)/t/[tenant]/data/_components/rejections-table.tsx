import { DataTable } from "@/app/_components/ui/data-table";
import type { ImportRejection } from "@/drizzle/schema";

const SHOWN = 50;

/** The first rejected rows with line, column, value and reason; the download has them all. */
export function RejectionsTable({ rejections, total }: { rejections: readonly ImportRejection[]; total: number }) {
  if (rejections.length === 0) return null;
  return (
    <DataTable
      label="Rejected rows"
      caption={
        <>
          {total.toLocaleString("en")} rejected row{total === 1 ? "" : "s"}
          {rejections.length > SHOWN ? `; the first ${SHOWN} are shown here` : ""}
          {total > rejections.length ? ` (the report keeps the first ${rejections.length.toLocaleString("en")} reasons)` : ""}.
        </>
      }
      rows={rejections.slice(0, SHOWN).map((r, i) => ({ ...r, key: `${r.line}-${r.column}-${i}` }))}
      rowKey={(r) => r.key}
      columns={[
        { header: "Line", className: "tabular-nums", cell: (r) => r.line },
        { header: "Column", className: "font-mono text-xs", cell: (r) => r.column ?? "row" },
        { header: "Value", className: "max-w-48 truncate font-mono text-xs", cell: (r) => r.value ?? "" },
        { header: "Reason", cell: (r) => r.reason },
      ]}
    />
  );
}
