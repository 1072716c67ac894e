import { Worker } from "node:worker_threads";
import { MISSING_BIN } from "./binning";
import type { BinnedMatrix } from "./binning";
import { BUILD, COMMAND_ITEM_SIZE, runShardCommand } from "./shard-kernel";
import { allocate } from "./shared-memory";
import type { ShardData } from "./shard-kernel";

/**
 * The sampled rows are always cut into two shards whose histograms are summed in the same order,
 * so a model is bit-identical whether one thread or two did the work.
 */
const SHARD_COUNT = 2;
/** Histograms built per round trip; bounds shard memory for deep trees. */
const HISTOGRAM_SLOTS = 32;
const WORKER_READY_TIMEOUT_MS = 30_000;
/**
 * Milliseconds a thread polls before sleeping on Atomics.wait, so that the next command (one per
 * tree level, a millisecond or so apart) usually finds the other thread awake.
 */
const SPIN_MS = 1;

/** Where a node's rows sit in the row array: [start0, end0, start1, end1], one range per shard. */
export type NodeRows = [number, number, number, number];

export interface SplitRequest {
  rows: NodeRows;
  feature: number;
  bin: number;
  defaultLeft: boolean;
  /** Which child gets its histogram written into `hist`. */
  build: "none" | "left" | "right" | "all";
  hist?: Float64Array;
}

// Control words shared with the worker.
const SEQUENCE = 0;
const DONE = 1;
const READY = 2;
const FAILED = 3;

/**
 * Owns the row partition of the tree being grown and runs partition + histogram work on both
 * shards: one on this thread and, with two threads, the other on a worker sharing the memory.
 */
export class RowShards {
  readonly grad: Float32Array;
  readonly hess: Float32Array;
  readonly rows: Uint32Array;
  readonly histSize: number;
  private readonly shards: ShardData[];
  private readonly control: Int32Array;
  private readonly worker: Worker | undefined;
  private sequence = 0;

  constructor(binned: BinnedMatrix, threads: number) {
    const shared = threads > 1;
    const n = binned.nRows;
    this.grad = new Float32Array(allocate(n * 4, shared));
    this.hess = new Float32Array(allocate(n * 4, shared));
    this.rows = new Uint32Array(allocate(n * 4, shared));
    const scratch = new Uint32Array(allocate(n * 4, shared));
    // Gradient/hessian sums per (feature, bin), features padded to whole words.
    this.histSize = binned.wordsPerRow * 4 * 512;
    if (shared && !(binned.binWords.buffer instanceof SharedArrayBuffer)) throw new Error("two threads need the bins in shared memory");
    this.shards = Array.from({ length: SHARD_COUNT }, () => ({
      binWords: binned.binWords,
      wordsPerRow: binned.wordsPerRow,
      binColumns: binned.binColumns,
      nRows: n,
      missingBin: MISSING_BIN,
      grad: this.grad,
      hess: this.hess,
      rows: this.rows,
      scratch,
      command: new Int32Array(allocate(4 * (1 + HISTOGRAM_SLOTS * COMMAND_ITEM_SIZE), shared)),
      mids: new Int32Array(allocate(4 * HISTOGRAM_SLOTS, shared)),
      hist: new Float64Array(allocate(8 * HISTOGRAM_SLOTS * this.histSize, shared)),
      histSize: this.histSize,
    }));
    this.control = new Int32Array(allocate(16, shared));
    this.worker = shared ? startWorker(this.shards[1]!, this.control) : undefined;
  }

  /** Loads the rows sampled for the next tree (ascending) and returns the root's ranges. */
  setSample(sample: Uint32Array): NodeRows {
    this.rows.set(sample);
    const half = sample.length >>> 1;
    return [0, half, half, sample.length];
  }

  buildRoot(root: NodeRows, hist: Float64Array): void {
    this.run([{ rows: root, feature: -1, bin: 0, defaultLeft: false, build: "all", hist }]);
  }

  /** Partitions each node on its split and builds the requested child histograms. */
  split(requests: readonly SplitRequest[]): Array<{ left: NodeRows; right: NodeRows }> {
    const children: Array<{ left: NodeRows; right: NodeRows }> = [];
    for (let from = 0; from < requests.length; from += HISTOGRAM_SLOTS) {
      children.push(...this.run(requests.slice(from, from + HISTOGRAM_SLOTS)));
    }
    return children;
  }

  close(): void {
    if (!this.worker) return;
    Atomics.store(this.control, SEQUENCE, -1);
    Atomics.notify(this.control, SEQUENCE);
  }

  private run(requests: readonly SplitRequest[]): Array<{ left: NodeRows; right: NodeRows }> {
    this.shards.forEach((shard, s) => {
      shard.command[0] = requests.length;
      requests.forEach((request, k) => {
        shard.command.set(
          [request.rows[2 * s]!, request.rows[2 * s + 1]!, request.feature, request.bin, request.defaultLeft ? 1 : 0, BUILD[request.build], k],
          1 + k * COMMAND_ITEM_SIZE,
        );
      });
    });
    this.dispatch();
    const [first, second] = this.shards as [ShardData, ShardData];
    return requests.map((request, k) => {
      if (request.hist) {
        const a = first.hist;
        const b = second.hist;
        const base = k * this.histSize;
        for (let j = 0; j < this.histSize; j++) request.hist[j] = a[base + j]! + b[base + j]!;
      }
      const r = request.rows;
      return {
        left: [r[0], first.mids[k]!, r[2], second.mids[k]!],
        right: [first.mids[k]!, r[1], second.mids[k]!, r[3]],
      };
    });
  }

  private dispatch(): void {
    const [first, second] = this.shards as [ShardData, ShardData];
    if (!this.worker) {
      runShardCommand(first);
      runShardCommand(second);
      return;
    }
    const sequence = ++this.sequence;
    Atomics.store(this.control, SEQUENCE, sequence);
    Atomics.notify(this.control, SEQUENCE);
    runShardCommand(first);
    for (const until = performance.now() + SPIN_MS; Atomics.load(this.control, DONE) !== sequence && performance.now() < until; );
    while (Atomics.load(this.control, DONE) !== sequence) Atomics.wait(this.control, DONE, sequence - 1, 1000);
    if (Atomics.load(this.control, FAILED) !== 0) throw new Error("gbdt histogram worker failed");
  }
}

/**
 * The worker runs the kernel's own source text (an eval worker), so it needs no separate file
 * and works the same under tsx, vitest and bundlers. It blocks on Atomics between commands.
 */
function startWorker(shard: ShardData, control: Int32Array): Worker {
  const source = `
const { workerData } = require("node:worker_threads");
const runShardCommand = ${runShardCommand.toString()};
const { shard, control } = workerData;
Atomics.store(control, ${READY}, 1);
Atomics.notify(control, ${READY});
let seen = 0;
for (;;) {
  for (const until = performance.now() + ${SPIN_MS}; Atomics.load(control, ${SEQUENCE}) === seen && performance.now() < until; );
  Atomics.wait(control, ${SEQUENCE}, seen);
  seen = Atomics.load(control, ${SEQUENCE});
  if (seen < 0) break;
  try {
    runShardCommand(shard);
  } catch {
    Atomics.store(control, ${FAILED}, 1);
  }
  Atomics.store(control, ${DONE}, seen);
  Atomics.notify(control, ${DONE});
}`;
  const worker = new Worker(source, { eval: true, workerData: { shard, control } });
  worker.unref();
  if (Atomics.wait(control, READY, 0, WORKER_READY_TIMEOUT_MS) === "timed-out") {
    void worker.terminate();
    throw new Error("gbdt histogram worker did not start");
  }
  return worker;
}
