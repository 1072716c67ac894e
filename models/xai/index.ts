export { treeShap, treeShapRow, expectedValue } from "./tree-shap";
export type { ShapExplanation } from "./tree-shap";
export { findCounterfactual } from "./counterfactual";
export type { BatchPredictor, ControllableFeature, CounterfactualOptions, CounterfactualResult, FeatureChange, SearchKind } from "./counterfactual";
