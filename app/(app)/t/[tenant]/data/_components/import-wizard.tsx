"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label, Select } from "@/app/_components/ui/input";
import { ProgressBar } from "@/app/_components/ui/progress-bar";
import { useTRPC } from "@/app/_trpc/client";
import { IMPORT_SOURCES } from "@/drizzle/schema";
import type { ImportMode, ImportSource } from "@/drizzle/schema";
import type { ImportResult } from "@/server/services/ingest/import-csv";
import { autoMapping, explicitMapping, missingFields, previewFile } from "./column-mapping";
import type { FilePreview } from "./column-mapping";
import { RejectionsTable } from "./rejections-table";
import { downloadRejections } from "./rejections-report";
import { uploadImport } from "./upload-import";
import type { UploadProgress } from "./upload-import";

const SOURCE_LABELS: Record<ImportSource, string> = {
  stores: "Stores",
  catalog: "Catalog (items)",
  sales: "Sales (daily, per store and item)",
  price_history: "Price history",
  discounts_history: "Discounts history",
  markdowns: "Markdowns",
  online: "Online channel",
  inventory: "Inventory snapshots",
};
const DATE_FORMATS = ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY", "YYYY/MM/DD", "YYYYMMDD"] as const;
const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };

type Step = { kind: "choose" } | { kind: "running"; mode: ImportMode; progress: UploadProgress | null } | { kind: "checked"; result: ImportResult } | { kind: "done"; result: ImportResult } | { kind: "failed"; message: string; after: "choose" };

function Counts({ result, preview }: { result: ImportResult; preview: boolean }) {
  const cells: [string, number][] = [
    ["rows read", result.rowsRead],
    [preview ? "would be new" : "inserted", result.rowsInserted],
    [preview ? "would change" : "updated", result.rowsUpdated],
    ["unchanged", result.rowsUnchanged],
    ["rejected", result.rowsRejected],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
      {cells.map(([label, n]) => (
        <div key={label} className="rounded-md border border-slate-200 p-2">
          <dt className="text-xs text-slate-600">{label}</dt>
          <dd className="text-lg font-semibold tabular-nums">{n.toLocaleString("en")}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Choose a source and a file, map its columns, check it (a dry run on the server: nothing is
 * stored), read the rejected rows, then import all of it or only its valid rows.
 */
export function ImportWizard({ tenant }: { tenant: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { source: useId(), file: useId(), date: useId() };
  const sources = useQuery(trpc.ingest.sources.queryOptions());
  const [source, setSource] = useState<ImportSource>("stores");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [dateFormat, setDateFormat] = useState("");
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const spec = sources.data?.find((s) => s.source === source);
  const fields = spec?.fields ?? [];
  const missing = preview ? missingFields(mapping, fields) : [];

  const choose = async (nextSource: ImportSource, nextFile: File | null) => {
    setSource(nextSource);
    setFile(nextFile);
    setStep({ kind: "choose" });
    const nextFields = sources.data?.find((s) => s.source === nextSource)?.fields ?? [];
    const p = nextFile ? await previewFile(nextFile) : null;
    setPreview(p);
    setMapping(p ? autoMapping(p.header, nextFields) : {});
  };

  const run = async (mode: ImportMode) => {
    if (!file) return;
    setStep({ kind: "running", mode, progress: null });
    try {
      const result = await uploadImport({ tenant, source, mode, file, mapping: explicitMapping(mapping, fields), dateFormat: dateFormat || undefined }, (progress) =>
        setStep({ kind: "running", mode, progress }),
      );
      setStep(mode === "validate" ? { kind: "checked", result } : { kind: "done", result });
    } catch (error) {
      setStep({ kind: "failed", message: (error as Error).message, after: "choose" });
    }
    await queryClient.invalidateQueries({ queryKey: trpc.ingest.pathKey() });
  };

  const result = step.kind === "checked" || step.kind === "done" ? step.result : null;
  const valid = result ? result.rowsRead - result.rowsRejected : 0;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Import a CSV file</CardTitle>
        <p className="text-xs text-slate-600">
          Import stores first, then the catalog, then sales and the other sources (they refer to stores and items). Re-importing a file changes nothing; rows with the same key are updated. Columns the source does not know are kept with each row.
        </p>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1">
            <Label htmlFor={ids.source}>Source</Label>
            <Select id={ids.source} value={source} onChange={(e) => void choose(e.target.value as ImportSource, file)} disabled={step.kind === "running"}>
              {IMPORT_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {SOURCE_LABELS[s]}
                </option>
              ))}
            </Select>
            {spec ? (
              <p className="text-xs text-slate-600">
                Columns: {spec.fields.map((f) => (f.required ? `${f.name} (required)` : f.name)).join(", ")}.{spec.needs.length > 0 ? ` Needs ${spec.needs.join(" and ")} imported first.` : ""}
              </p>
            ) : null}
          </div>
          <div className="space-y-1">
            <Label htmlFor={ids.file}>CSV file</Label>
            <Input id={ids.file} type="file" accept=".csv,.txt,text/csv" className="py-1" disabled={step.kind === "running"} onChange={(e) => void choose(source, e.target.files?.[0] ?? null)} />
            <p className="text-xs text-slate-600">Comma, semicolon, tab or pipe separated; UTF-8 or Windows-1252; up to 1 GB.</p>
          </div>
        </div>

        {preview ? (
          <section aria-label="Column mapping" className="space-y-2">
            <h3 className="text-sm font-medium">
              Columns of {file?.name} ({DELIMITER_NAMES[preview.delimiter] ?? preview.delimiter} separated)
            </h3>
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Columns of the file">
              <table className="text-left text-sm">
                <thead>
                  <tr>
                    <th className="pr-3 text-xs font-medium text-slate-600">File column</th>
                    {preview.header.map((h) => (
                      <th key={h} className="px-2 py-1 font-mono text-xs">
                        {h}
                      </th>
                    ))}
                  </tr>
                  <tr>
                    <th className="pr-3 text-xs font-medium text-slate-600">Read as</th>
                    {preview.header.map((h) => (
                      <td key={h} className="px-2 py-1">
                        <Select aria-label={`Field for column ${h}`} className="h-8 w-40 text-xs" value={mapping[h] ?? ""} onChange={(e) => setMapping({ ...mapping, [h]: e.target.value })} disabled={step.kind === "running"}>
                          <option value="">keep as extra column</option>
                          {fields.map((f) => (
                            <option key={f.name} value={f.name}>
                              {f.name}
                            </option>
                          ))}
                        </Select>
                      </td>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((row, i) => (
                    <tr key={i} className="border-t border-slate-100">
                      <td className="pr-3 text-xs text-slate-600">row {i + 1}</td>
                      {preview.header.map((h, j) => (
                        <td key={h} className="max-w-40 truncate px-2 py-1 font-mono text-xs">
                          {row[j] ?? ""}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {missing.length > 0 ? (
              <p role="alert" className="text-sm text-red-700">
                Map a column to {missing.join(", ")} (required for this source).
              </p>
            ) : null}
            <div className="flex flex-wrap items-end gap-3">
              <div className="space-y-1">
                <Label htmlFor={ids.date}>Date format</Label>
                <Select id={ids.date} className="w-56" value={dateFormat} onChange={(e) => setDateFormat(e.target.value)} disabled={step.kind === "running"}>
                  <option value="">detect from the file</option>
                  {DATE_FORMATS.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </Select>
              </div>
              <Button type="button" onClick={() => void run("validate")} disabled={step.kind === "running" || missing.length > 0}>
                Check file
              </Button>
            </div>
          </section>
        ) : null}

        {step.kind === "running" ? (
          <div className="space-y-1" aria-live="polite">
            <ProgressBar
              label={step.mode === "validate" ? "Checking the file" : "Importing the file"}
              value={step.progress?.server?.phase === "loading" ? 1 : step.progress ? (step.progress.server?.bytesRead ?? step.progress.sentBytes) / Math.max(1, step.progress.totalBytes) : 0}
            />
            <p className="text-xs text-slate-600">
              {step.progress?.server
                ? `${step.progress.server.phase === "loading" ? "Loading and checking in the database" : "Reading"}: ${step.progress.server.rowsRead.toLocaleString("en")} rows, ${step.progress.server.rowsPerSecond.toLocaleString("en")} rows/s`
                : "Uploading…"}
            </p>
          </div>
        ) : null}

        {step.kind === "failed" ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {step.message} Nothing was stored.
          </p>
        ) : null}

        {result ? (
          <section aria-label={step.kind === "checked" ? "Check result" : "Import result"} className="space-y-3">
            <h3 className="text-sm font-medium">
              {step.kind === "checked"
                ? `Checked: nothing stored yet (${result.rowsPerSecond.toLocaleString("en")} rows/s)`
                : result.status === "imported"
                  ? `Imported in ${(result.durationMs / 1000).toFixed(1)} s (${result.rowsPerSecond.toLocaleString("en")} rows/s)`
                  : "Refused: nothing was stored"}
            </h3>
            <Counts result={result} preview={step.kind === "checked"} />
            {result.format ? (
              <p className="text-xs text-slate-600">
                Read as {result.format.encoding}
                {result.format.bom ? " with a byte-order mark" : ""}, {DELIMITER_NAMES[result.format.delimiter] ?? result.format.delimiter} separated, dates {result.format.dateFormat}
                {result.format.extraColumns.length > 0 ? `; kept as extra columns: ${result.format.extraColumns.join(", ")}` : ""}.
              </p>
            ) : null}
            <RejectionsTable rejections={result.rejections} total={result.rowsRejected} />
            <div className="flex flex-wrap gap-3">
              {result.rejections.length > 0 ? (
                <Button type="button" variant="outline" onClick={() => downloadRejections(result.rejections, `rejected-rows-${source}.csv`)}>
                  Download rejected rows (CSV)
                </Button>
              ) : null}
              {step.kind === "checked" && result.rowsRejected === 0 && result.rowsRead > 0 ? (
                <Button type="button" onClick={() => void run("all_or_nothing")}>
                  Import {result.rowsRead.toLocaleString("en")} rows
                </Button>
              ) : null}
              {step.kind === "checked" && result.rowsRejected > 0 && valid > 0 ? (
                <Button type="button" onClick={() => void run("valid_rows")}>
                  Import the {valid.toLocaleString("en")} valid rows, skip {result.rowsRejected.toLocaleString("en")}
                </Button>
              ) : null}
            </div>
          </section>
        ) : null}
      </CardContent>
    </Card>
  );
}
