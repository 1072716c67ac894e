export { analyseExpansion, DEFAULT_WEIGHTS, fitSizeExponent, MIN_ANALOGS, WEAK_DISTANCE } from "./analogs";
export type { Analog, AttributeWeights, CategoryProjection, ExistingStore, ExpansionResult, StoreProfile } from "./analogs";
