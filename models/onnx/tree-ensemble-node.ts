import type { GbdtModel } from "../gbdt";
import { attribute, node, tensor } from "./onnx-builders";
import type { NodeProto } from "./onnx-builders";

/**
 * `ai.onnx.ml` TreeEnsembleRegressor (opset 3) equal to the trees: BRANCH_LEQ on the float32
 * thresholds (true branch = left), missing values routed by nodes_missing_value_tracks_true, and
 * float64 thresholds/weights/base (the `_as_tensor` attributes) for a float64 input.
 * `featureIndex` maps a model feature to its column in the ensemble's input.
 */
export function treeEnsembleNode(model: GbdtModel, input: string, output: string, featureIndex: (feature: number) => number): NodeProto {
  const nodes = { treeIds: [] as number[], nodeIds: [] as number[], featureIds: [] as number[], modes: [] as string[], values: [] as number[], trueIds: [] as number[], falseIds: [] as number[], missingTrue: [] as number[] };
  const targets = { treeIds: [] as number[], nodeIds: [] as number[], weights: [] as number[] };
  model.trees.forEach((tree, t) => {
    tree.feature.forEach((feature, i) => {
      const isLeaf = feature < 0;
      nodes.treeIds.push(t);
      nodes.nodeIds.push(i);
      nodes.featureIds.push(isLeaf ? 0 : featureIndex(feature));
      nodes.modes.push(isLeaf ? "LEAF" : "BRANCH_LEQ");
      nodes.values.push(isLeaf ? 0 : tree.threshold[i]!);
      nodes.trueIds.push(isLeaf ? 0 : tree.left[i]!);
      nodes.falseIds.push(isLeaf ? 0 : tree.right[i]!);
      nodes.missingTrue.push(!isLeaf && tree.defaultLeft[i] ? 1 : 0);
      if (isLeaf) {
        targets.treeIds.push(t);
        targets.nodeIds.push(i);
        targets.weights.push(tree.value[i]!);
      }
    });
  });
  return node(
    "TreeEnsembleRegressor",
    [input],
    [output],
    [
      attribute.string("aggregate_function", "SUM"),
      attribute.string("post_transform", "NONE"),
      attribute.int("n_targets", 1),
      attribute.tensor("base_values_as_tensor", tensor("base_values", Float64Array.of(model.baseScore), [1])),
      attribute.ints("nodes_treeids", nodes.treeIds),
      attribute.ints("nodes_nodeids", nodes.nodeIds),
      attribute.ints("nodes_featureids", nodes.featureIds),
      attribute.strings("nodes_modes", nodes.modes),
      attribute.tensor("nodes_values_as_tensor", tensor("nodes_values", Float64Array.from(nodes.values), [nodes.values.length])),
      attribute.ints("nodes_truenodeids", nodes.trueIds),
      attribute.ints("nodes_falsenodeids", nodes.falseIds),
      attribute.ints("nodes_missing_value_tracks_true", nodes.missingTrue),
      attribute.ints("target_treeids", targets.treeIds),
      attribute.ints("target_nodeids", targets.nodeIds),
      attribute.ints("target_ids", targets.treeIds.map(() => 0)),
      attribute.tensor("target_weights_as_tensor", tensor("target_weights", Float64Array.from(targets.weights), [targets.weights.length])),
    ],
    "ai.onnx.ml",
  );
}
