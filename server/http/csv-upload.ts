import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "@/server/errors/app-error";
import { bodyTooLarge, formatBytes, limitBody } from "./body-limit";

/** An uploaded CSV file as its bytes arrive. */
export type CsvUpload = { stream: AsyncIterable<Uint8Array>; fileName?: string };

const CSV_TYPES = ["text/csv", "application/csv", "text/plain", "application/octet-stream"];

/**
 * The CSV file of an upload request, streamed: a `text/csv` body as it is, or the `file` part of a
 * `multipart/form-data` body (parsed by busboy as it arrives). Either way at most `limit` bytes are
 * read; more fails the stream with a 413 that names the limit.
 */
export async function readCsvUpload(request: Request, limit: number): Promise<CsvUpload> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const limited = limitBody(request, limit, () => bodyTooLarge(limit, "CSV uploads")).body;
  if (!limited) throw new AppError("bad_request:csv", "The request has no body: send the CSV file as text/csv or as the `file` field of a multipart form.");
  if (CSV_TYPES.includes(type)) return { stream: limited as unknown as AsyncIterable<Uint8Array> };
  if (type !== "multipart/form-data") {
    throw new AppError("unsupported_media_type:upload", `Send the file as text/csv or multipart/form-data (got ${type || "no content type"}).`);
  }
  return new Promise<CsvUpload>((resolve, reject) => {
    const parser = busboy({ headers: Object.fromEntries(request.headers), limits: { files: 1, fileSize: limit } });
    let found = false;
    parser.on("file", (name, file, info) => {
      if (name !== "file" || found) return file.resume();
      found = true;
      file.on("limit", () => file.destroy(bodyTooLarge(limit, "CSV uploads")));
      resolve({ stream: file, fileName: info.filename });
    });
    parser.on("error", (error) => reject(error instanceof AppError ? error : new AppError("bad_request:multipart", `The multipart body could not be read: ${(error as Error).message}`)));
    parser.on("close", () => {
      if (!found) reject(new AppError("bad_request:multipart", `The multipart form has no \`file\` field (up to ${formatBytes(limit)}).`));
    });
    const source = Readable.fromWeb(limited as WebReadableStream<Uint8Array>);
    source.on("error", (error) => parser.destroy(error));
    source.pipe(parser);
  });
}
