export { exportToOnnx } from "./export-onnx";
export { OnnxForecaster } from "./onnx-forecaster";
export { contentHash } from "./content-hash";
