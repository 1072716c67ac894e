import "server-only";
import type { ImportRejection } from "@/drizzle/schema";

/** Rejected rows kept for the report (and the history); `rows` counts every one. */
export const STORED_REJECTIONS = 10_000;
const MAX_VALUE_CHARS = 200;

/** Rejections in arrival order, the first STORED_REJECTIONS kept, every rejected line counted once. */
export class Rejections {
  readonly list: ImportRejection[] = [];
  private lines = 0;
  private lastLine = -1;

  add(line: number, column: string | null, value: string | null, reason: string): void {
    if (line !== this.lastLine) {
      this.lines++;
      this.lastLine = line;
    }
    if (this.list.length < STORED_REJECTIONS) {
      const shown = value !== null && value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
      this.list.push({ line, column, value: shown, reason });
    }
  }

  /** Rows rejected by the database checks, counted there (they may repeat lines seen here). */
  addCounted(rows: number, entries: readonly ImportRejection[]): void {
    this.lines += rows;
    for (const e of entries) if (this.list.length < STORED_REJECTIONS) this.list.push(e);
    this.list.sort((a, b) => a.line - b.line);
  }

  get rows(): number {
    return this.lines;
  }
}
