import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import { AppError } from "@/server/errors/app-error";

/** What was detected (or given) about a file's bytes. */
export type CsvFormat = { delimiter: string; encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252"; bom: boolean };
export type CsvRecord = { line: number; fields: string[] };

export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** Longest record accepted; a longer one is a broken file (a missing quote, no line breaks), not data. */
export const MAX_RECORD_BYTES = 1024 * 1024;
/** Enough of the file to see its encoding and header line. */
const HEAD_BYTES = 64 * 1024;

function csvError(message: string): AppError {
  return new AppError("bad_request:csv", message);
}

/**
 * The encoding from the byte-order mark, else UTF-8 when the head decodes as UTF-8 and
 * Windows-1252 (what spreadsheet exports on Windows write) when it does not.
 */
function detectEncoding(head: Uint8Array): { encoding: CsvFormat["encoding"]; bom: boolean } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bom: true };
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return { encoding: "utf-8", bom: false };
  } catch {
    return { encoding: "windows-1252", bom: false };
  }
}

/** The candidate that splits the header line into the most columns (ignoring quoted parts). */
function detectDelimiter(text: string): string {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? "").replace(/"[^"]*"/g, "");
  let best: string = ",";
  let most = 0;
  for (const d of DELIMITERS) {
    const n = firstLine.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/**
 * Opens a CSV byte stream: detects encoding, byte-order mark and delimiter (unless given) from its
 * first 64 KB, and returns the records one at a time with the line each ends on, parsed by
 * csv-parse as the bytes arrive, so a file is never held whole. Quoting, CRLF and quoted line
 * breaks are csv-parse's; a broken file (unclosed quote, a record over 1 MB, bytes that are not
 * the encoding) ends the iteration with a `bad_request:csv` error naming the line.
 */
export async function openCsv(input: AsyncIterable<Uint8Array>, options: { delimiter?: string } = {}): Promise<{ format: CsvFormat; records: AsyncGenerator<CsvRecord>; bytesRead: () => number }> {
  const source = input[Symbol.asyncIterator]();
  const headChunks: Uint8Array[] = [];
  let headSize = 0;
  let bytes = 0;
  while (headSize < HEAD_BYTES) {
    const next = await source.next();
    if (next.done) break;
    headChunks.push(next.value);
    headSize += next.value.byteLength;
  }
  const head = Buffer.concat(headChunks);
  const { encoding, bom } = detectEncoding(head);
  const decoder = new TextDecoder(encoding, { fatal: encoding !== "windows-1252" });
  const decode = (chunk: Uint8Array) => {
    bytes += chunk.byteLength;
    try {
      return decoder.decode(chunk, { stream: true });
    } catch {
      throw csvError(`The file is not valid ${encoding} (around byte ${bytes.toLocaleString("en")}); save it as UTF-8 and try again.`);
    }
  };
  const headText = decode(head);
  const delimiter = options.delimiter ?? detectDelimiter(headText);

  async function* text(): AsyncGenerator<string> {
    yield headText;
    for (let next = await source.next(); !next.done; next = await source.next()) yield decode(next.value);
    yield decoder.decode();
  }

  async function* records(): AsyncGenerator<CsvRecord> {
    const parser = parse({ delimiter, relax_column_count: true, max_record_size: MAX_RECORD_BYTES, info: true, skip_empty_lines: true });
    const feeding = pipeline(Readable.from(text()), parser);
    feeding.catch(() => {});
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) yield { line: info.lines, fields: record };
      await feeding;
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof CsvError) {
        const line = typeof error.lines === "number" ? error.lines : "?";
        if (error.code === "CSV_MAX_RECORD_SIZE") throw csvError(`Line ${line} holds a record longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB; is a quote left open or are line breaks missing?`);
        if (error.code === "CSV_QUOTE_NOT_CLOSED") throw csvError(`A quote opened on or before line ${line} is never closed.`);
        throw csvError(`Line ${line}: ${error.message.replace(/^Invalid [^:]*: /, "")}`);
      }
      throw error;
    } finally {
      parser.destroy();
    }
  }

  return { format: { delimiter, encoding, bom }, records: records(), bytesRead: () => bytes };
}
