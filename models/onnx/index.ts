export { exportToOnnx } from "./export-onnx";
export { OnnxForecaster } from "./onnx-forecaster";
