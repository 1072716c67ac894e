import type { ImportMode, ImportSource } from "@/drizzle/schema";
import type { ImportProgress, ImportResult } from "@/server/services/ingest/import-csv";
import type { ImportStreamLine } from "@/server/http/session-import";

export type UploadProgress = { sentBytes: number; totalBytes: number; server: ImportProgress | null };

export type UploadOptions = { tenant: string; source: ImportSource; mode: ImportMode; file: File; mapping: Record<string, string>; dateFormat?: string };

/**
 * Sends the file to the import route and follows its NDJSON answer. XMLHttpRequest rather than
 * fetch: it reports upload progress, and its partial response text carries the server's progress
 * lines as they arrive.
 */
export function uploadImport(options: UploadOptions, onProgress: (p: UploadProgress) => void): Promise<ImportResult> {
  const query = new URLSearchParams({ mode: options.mode, fileName: options.file.name });
  if (Object.keys(options.mapping).length > 0) query.set("mapping", JSON.stringify(options.mapping));
  if (options.dateFormat) query.set("dateFormat", options.dateFormat);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let sent = 0;
    let server: ImportProgress | null = null;
    let outcome: ImportStreamLine | null = null;
    const readLines = () => {
      for (const line of xhr.responseText.split("\n")) {
        if (!line.trim()) continue;
        let parsed: ImportStreamLine;
        try {
          parsed = JSON.parse(line) as ImportStreamLine;
        } catch {
          continue; // a line still arriving
        }
        if ("progress" in parsed) server = parsed.progress;
        else outcome = parsed;
      }
      onProgress({ sentBytes: sent, totalBytes: options.file.size, server });
    };
    xhr.upload.onprogress = (e) => {
      sent = e.loaded;
      onProgress({ sentBytes: sent, totalBytes: options.file.size, server });
    };
    xhr.onprogress = readLines;
    xhr.onload = () => {
      readLines();
      if (xhr.status !== 200) {
        try {
          const body = JSON.parse(xhr.responseText) as { error?: { message?: string } };
          return reject(new Error(body.error?.message ?? `The upload failed (HTTP ${xhr.status}).`));
        } catch {
          return reject(new Error(`The upload failed (HTTP ${xhr.status}).`));
        }
      }
      const last = outcome as ImportStreamLine | null;
      if (last && "result" in last) resolve(last.result);
      else if (last && "error" in last) reject(new Error(last.error.message));
      else reject(new Error("The server ended the import without an answer."));
    };
    xhr.onerror = () => reject(new Error("The upload was interrupted (network error)."));
    xhr.open("POST", `/api/import/${encodeURIComponent(options.tenant)}/${options.source}?${query}`);
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.send(options.file);
  });
}
