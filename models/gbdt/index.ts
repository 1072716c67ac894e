export { trainGbdt } from "./train";
export type { TrainOptions, TrainResult } from "./train";
export { predict, predictRaw } from "./predict";
export { inverseLink } from "./losses";
export { encodeCategoricals } from "./categorical";
export { serializeModel, parseModel } from "./serialize";
export type { CategoricalEncoding, FeatureMatrix, GbdtModel, Loss, Tree } from "./types";
