export { DEFAULT_GBDT_PARAMS, QUANTILES, trainQuantileModels } from "./quantile-models";
export type { GbdtParams, QuantileModels, QuantileName } from "./quantile-models";
export { exportQuantileModels, predictQuantiles } from "./onnx-quantiles";
export type { QuantileOnnx } from "./onnx-quantiles";
export { MODEL_FORECASTER_NAME, gbdtForecaster } from "./gbdt-forecaster";
export { trainAndEvaluate } from "./train-and-evaluate";
export { trainAndEvaluateInWorker } from "./train-in-worker";
export type { TrainAndEvaluateOptions, TrainedForecastModel, TrainingProgress } from "./train-and-evaluate";
