export { treeShap, treeShapRow, expectedValue } from "./tree-shap";
export type { ShapExplanation } from "./tree-shap";
export { findCounterfactual } from "./counterfactual";
export type { BatchPredictor, ControllableFeature, CounterfactualOptions, CounterfactualResult, FeatureChange, SearchKind } from "./counterfactual";
export { DRIVER_GROUPS, DRIVER_LABELS, FEATURE_INFO, groupContributions, waterfall } from "./drivers";
export type { DriverGroup, DriverTotal, FeatureUnit, WaterfallStep } from "./drivers";
export { LEVERS, NO_CHANGE, applyControl, availableLevers, currentControl } from "./levers";
export type { Control, Lever } from "./levers";
