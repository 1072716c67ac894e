import { parentPort, workerData } from "node:worker_threads";
import type { Panel } from "@/models/data";
import { trainAndEvaluate } from "./train-and-evaluate";
import type { TrainAndEvaluateOptions } from "./train-and-evaluate";

/** Messages from the training worker to the thread that started it. */
export type TrainWorkerMessage =
  | { type: "progress"; fraction: number; message: string }
  | { type: "done"; result: Awaited<ReturnType<typeof trainAndEvaluate>> }
  | { type: "failed"; message: string };

const { panel, options } = workerData as { panel: Panel; options: Omit<TrainAndEvaluateOptions, "onProgress"> };
const post = (message: TrainWorkerMessage) => parentPort!.postMessage(message);

trainAndEvaluate(panel, { ...options, onProgress: (p) => post({ type: "progress", ...p }) }).then(
  (result) => post({ type: "done", result }),
  (error: unknown) => post({ type: "failed", message: error instanceof Error ? error.message : String(error) }),
);
