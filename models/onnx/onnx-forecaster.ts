import * as ort from "onnxruntime-node";
import { sha256Hex } from "../util";
import { INPUT_NAME, OUTPUT_NAME } from "./export-onnx";

const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 2 };

// On globalThis so that module reloads (Next dev) share one session per model; the Node binding
// leaks memory when sessions are created and released (onnxruntime#25325), so they are never released.
const CACHE_KEY = Symbol.for("foresight.models.onnxForecasters");
type ForecasterCache = Map<string, Promise<OnnxForecaster>>;

function forecasterCache(): ForecasterCache {
  const holder = globalThis as { [CACHE_KEY]?: ForecasterCache };
  return (holder[CACHE_KEY] ??= new Map());
}

/** Runs an exported GBDT through onnxruntime; one instance (and session) per model content, kept for the process lifetime. */
export class OnnxForecaster {
  private constructor(
    readonly hash: string,
    readonly nFeatures: number,
    private readonly session: ort.InferenceSession,
  ) {}

  /** Returns the cached forecaster for these bytes, creating the session on first use. Load at start-up or promotion, not on a user request. */
  static load(bytes: Uint8Array): Promise<OnnxForecaster> {
    const hash = sha256Hex(bytes);
    const cache = forecasterCache();
    const cached = cache.get(hash);
    if (cached) return cached;
    const loading = OnnxForecaster.create(hash, bytes);
    cache.set(hash, loading);
    loading.catch(() => cache.delete(hash));
    return loading;
  }

  private static async create(hash: string, bytes: Uint8Array): Promise<OnnxForecaster> {
    const session = await ort.InferenceSession.create(bytes, SESSION_OPTIONS);
    const input = session.inputMetadata.find((m) => m.name === INPUT_NAME);
    const width = input?.isTensor ? input.shape[1] : undefined;
    if (typeof width !== "number" || !session.outputNames.includes(OUTPUT_NAME)) {
      throw new Error(`ONNX model ${hash.slice(0, 12)} is not a GBDT export (needs input "${INPUT_NAME}" [N, F] and output "${OUTPUT_NAME}")`);
    }
    return new OnnxForecaster(hash, width, session);
  }

  /** Predictions for `nRows` row-major float32 rows (NaN = missing). */
  async predict(features: Float32Array, nRows: number): Promise<Float32Array> {
    if (!Number.isInteger(nRows) || nRows < 0 || features.length !== nRows * this.nFeatures) {
      throw new Error(`expected ${nRows} rows × ${this.nFeatures} features = ${nRows * this.nFeatures} values, got ${features.length}`);
    }
    if (nRows === 0) return new Float32Array(0);
    const output = await this.session.run({ [INPUT_NAME]: new ort.Tensor("float32", features, [nRows, this.nFeatures]) });
    return output[OUTPUT_NAME]!.data as Float32Array;
  }
}
