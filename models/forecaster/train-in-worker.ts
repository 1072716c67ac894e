import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Panel } from "@/models/data";
import type { TrainAndEvaluateOptions, TrainedForecastModel } from "./train-and-evaluate";
import type { TrainWorkerMessage } from "./train-worker";

// Resolved from the working directory, not this module: inside the Next.js server bundle this
// module's own URL points into .next/, while the worker runs the TypeScript sources.
const workerFile = (name: string) => path.join(process.cwd(), "models", "forecaster", name);

/**
 * `trainAndEvaluate` on a worker thread, so a server keeps answering requests (and reporting the
 * progress) during minutes of tree fitting. The panel is copied to the worker; results come back
 * as plain data.
 */
export function trainAndEvaluateInWorker(panel: Panel, options: TrainAndEvaluateOptions): Promise<TrainedForecastModel> {
  const { onProgress, ...rest } = options;
  return new Promise((resolve, reject) => {
    // Reflect.construct keeps Next's bundler from rewriting `new Worker(path)` into a module lookup
    // that fails at run time ("as expression is too dynamic"); the path is a real file on disk.
    const worker: Worker = Reflect.construct(Worker, [workerFile("worker-boot.mjs"), { workerData: { entry: workerFile("train-worker.ts"), panel, options: rest } }]);
    let settled = false;
    // Progress callbacks run one after another and finish before the result is handed over.
    let progress: Promise<unknown> = Promise.resolve();
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on("message", (message: TrainWorkerMessage) => {
      // A progress write that fails (the run was taken over, the database is gone) stops the training.
      if (message.type === "progress") progress = progress.then(() => onProgress?.({ fraction: message.fraction, message: message.message })).catch((error: unknown) => settle(() => reject(error)));
      else if (message.type === "done") settle(() => void progress.then(() => resolve(message.result)));
      else settle(() => reject(new Error(message.message)));
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) => settle(() => reject(new Error(`training worker exited with code ${code} before finishing`))));
  });
}
