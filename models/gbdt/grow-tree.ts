import type { BinCuts } from "./binning";
import type { NodeRows, RowShards, SplitRequest } from "./row-shards";
import { findBestSplit } from "./split";
import type { Split, SplitOptions } from "./split";
import type { Tree } from "./types";

export interface GrowOptions extends SplitOptions {
  maxDepth: number;
  maxLeaves: number;
}

/** A finished leaf, with the rows that reached it and their gradient sums. */
export interface Leaf {
  node: number;
  rows: NodeRows;
  grad: number;
  hess: number;
}

interface OpenNode extends Leaf {
  hist: Float64Array | undefined;
}

/**
 * Grows one tree level by level over the rows loaded in `shards`. Per split, only the child with
 * the smaller hessian sum gets a histogram pass; the other is parent minus it, computed in the
 * parent's buffer. Leaf values are left to the caller (they depend on the loss).
 */
export function growTree(
  shards: RowShards,
  sample: Uint32Array,
  features: Int32Array,
  cuts: BinCuts,
  options: GrowOptions,
  histogramPool: Float64Array[],
): { tree: Tree; leaves: Leaf[] } {
  const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [], defaultLeft: [], cover: [] };
  const takeHistogram = () => histogramPool.pop() ?? new Float64Array(shards.histSize);
  let rootGrad = 0;
  let rootHess = 0;
  for (let i = 0; i < sample.length; i++) {
    rootGrad += shards.grad[sample[i]!]!;
    rootHess += shards.hess[sample[i]!]!;
  }
  const canSplitAt = (depth: number, leafCount: number) => depth < options.maxDepth && leafCount < options.maxLeaves;
  const root: OpenNode = { node: addNode(tree, rootHess), rows: shards.setSample(sample), grad: rootGrad, hess: rootHess, hist: undefined };
  if (canSplitAt(0, 1)) {
    root.hist = takeHistogram();
    shards.buildRoot(root.rows, root.hist);
  }
  const leaves: Leaf[] = [];
  let leafCount = 1;
  let level: OpenNode[] = [root];
  for (let depth = 0; level.length > 0; depth++) {
    // Highest gain first, so that maxLeaves keeps the most useful splits of the level.
    const candidates = level
      .map((node) => ({ node, split: node.hist && findBestSplit(node.hist, node.grad, node.hess, features, cuts, options) }))
      .sort((a, b) => (b.split?.gain ?? -Infinity) - (a.split?.gain ?? -Infinity));
    const splitting: Array<{ node: OpenNode; split: Split }> = [];
    for (const { node, split } of candidates) {
      if (split && leafCount < options.maxLeaves) {
        leafCount++;
        splitting.push({ node, split });
      } else {
        leaves.push(node);
        if (node.hist) histogramPool.push(node.hist);
      }
    }
    const childrenSplittable = canSplitAt(depth + 1, leafCount);
    const requests: SplitRequest[] = splitting.map(({ node, split }) => {
      const leftIsSmaller = split.leftHess <= node.hess - split.leftHess;
      return {
        rows: node.rows,
        feature: split.feature,
        bin: split.bin,
        defaultLeft: split.defaultLeft,
        build: childrenSplittable ? (leftIsSmaller ? "left" : "right") : "none",
        hist: childrenSplittable ? takeHistogram() : undefined,
      };
    });
    const childRows = shards.split(requests);
    const next: OpenNode[] = [];
    splitting.forEach(({ node, split }, k) => {
      const request = requests[k]!;
      const rows = childRows[k]!;
      const left: OpenNode = { node: addNode(tree, split.leftHess), rows: rows.left, grad: split.leftGrad, hess: split.leftHess, hist: undefined };
      const rightHess = node.hess - split.leftHess;
      const right: OpenNode = { node: addNode(tree, rightHess), rows: rows.right, grad: node.grad - split.leftGrad, hess: rightHess, hist: undefined };
      tree.feature[node.node] = split.feature;
      tree.threshold[node.node] = cuts[split.feature]![split.bin]!;
      tree.defaultLeft[node.node] = split.defaultLeft;
      tree.left[node.node] = left.node;
      tree.right[node.node] = right.node;
      next.push(left, right);
      if (request.hist) {
        const [built, derived] = request.build === "left" ? [left, right] : [right, left];
        built.hist = request.hist;
        derived.hist = subtractInPlace(node.hist!, request.hist);
      } else {
        histogramPool.push(node.hist!);
      }
    });
    level = next;
  }
  // Without their histograms, which are back in the pool.
  return { tree, leaves: leaves.map(({ node, rows, grad, hess }) => ({ node, rows, grad, hess })) };
}

function addNode(tree: Tree, cover: number): number {
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.value.push(0);
  tree.defaultLeft.push(false);
  tree.cover.push(cover);
  return tree.feature.length - 1;
}

/** parent −= child; returns parent, which now holds the sibling's histogram. */
function subtractInPlace(parent: Float64Array, child: Float64Array): Float64Array {
  for (let j = 0; j < parent.length; j++) parent[j] = parent[j]! - child[j]!;
  return parent;
}
