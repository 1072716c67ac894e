/** Int32 slots per item in a shard command: start, end, feature, bin, defaultLeft, build, slot. */
export const COMMAND_ITEM_SIZE = 7;

/** Which rows of a command item get a histogram. */
export const BUILD = { none: 0, left: 1, right: 2, all: 3 } as const;

/**
 * Everything one shard (a contiguous part of the sampled rows) works on. The arrays are shared
 * with a worker thread when training uses two threads, so the fields must stay plain typed arrays.
 */
export interface ShardData {
  /** Row-major bin codes, read four at a time; each row is padded to `wordsPerRow` words. */
  binWords: Uint32Array;
  wordsPerRow: number;
  /** Column-major bin codes: partitioning reads one feature of many rows. */
  binColumns: Uint8Array;
  nRows: number;
  missingBin: number;
  grad: Float32Array;
  hess: Float32Array;
  /** Sampled row ids; each node owns a contiguous range per shard. */
  rows: Uint32Array;
  scratch: Uint32Array;
  /** `command[0]` items follow, COMMAND_ITEM_SIZE ints each. */
  command: Int32Array;
  /** Output: first right-going index of each item's partition. */
  mids: Int32Array;
  /** Histogram slots, `histSize` doubles each, laid out as [g, h] at ((feature * 256 + bin) * 2). */
  hist: Float64Array;
  histSize: number;
}

/**
 * Runs one shard command: for each item, optionally partition rows[start..end) on a split
 * (left-going rows first, order kept) and build the histogram of the requested child.
 * Self-contained on purpose (no calls, no closures, no module constants): its source text is
 * also what the worker thread runs.
 */
export function runShardCommand(d: ShardData): void {
  // Hot loops read locals rather than properties of `d` (a structured clone in the worker).
  const { command, rows, scratch, grad, hess, hist, binWords, wordsPerRow, binColumns, nRows, missingBin, mids, histSize } = d;
  const count = command[0]!;
  for (let k = 0; k < count; k++) {
    const o = 1 + k * 7; // COMMAND_ITEM_SIZE
    const start = command[o]!;
    const end = command[o + 1]!;
    const feature = command[o + 2]!;
    const bin = command[o + 3]!;
    const missingLeft = command[o + 4] === 1;
    const build = command[o + 5]!;
    const slotBase = command[o + 6]! * histSize;
    let mid = end;
    if (feature >= 0) {
      const column = feature * nRows;
      let nLeft = start;
      let nRight = start;
      for (let i = start; i < end; i++) {
        const r = rows[i]!;
        const b = binColumns[column + r]!;
        if (b <= bin || (b === missingBin && missingLeft)) rows[nLeft++] = r;
        else scratch[nRight++] = r;
      }
      rows.set(scratch.subarray(start, nRight), nLeft);
      mid = nLeft;
    }
    mids[k] = mid;
    if (build === 0) continue;
    const from = build === 2 ? mid : start;
    const to = build === 1 ? mid : end;
    hist.fill(0, slotBase, slotBase + histSize);
    // Four bins per 32-bit read: byte loads and their bounds checks dominated a per-feature loop.
    for (let i = from; i < to; i++) {
      const r = rows[i]!;
      const g = grad[r]!;
      const h = hess[r]!;
      const rowBase = r * wordsPerRow;
      for (let w = 0; w < wordsPerRow; w++) {
        const word = binWords[rowBase + w]!;
        const base = slotBase + (w << 11);
        let s = base + ((word & 255) << 1);
        hist[s] = hist[s]! + g;
        hist[s + 1] = hist[s + 1]! + h;
        s = base + 512 + (((word >>> 8) & 255) << 1);
        hist[s] = hist[s]! + g;
        hist[s + 1] = hist[s + 1]! + h;
        s = base + 1024 + (((word >>> 16) & 255) << 1);
        hist[s] = hist[s]! + g;
        hist[s + 1] = hist[s + 1]! + h;
        s = base + 1536 + ((word >>> 24) << 1);
        hist[s] = hist[s]! + g;
        hist[s + 1] = hist[s + 1]! + h;
      }
    }
  }
}
