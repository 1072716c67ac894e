import type { Tree } from "./types";

/**
 * Makes a finished tree monotone in every constrained feature (`monotone[f]` −1, +1 or 0), top
 * down: at a split on a constrained feature, a threshold `mid` separates the two subtrees (every
 * leaf on the side that must be higher is clamped to ≥ mid, the other side to ≤ mid) and children
 * inherit their parent's range, as LightGBM and XGBoost do. When the subtrees are already in order,
 * `mid` lies between them and nothing moves; otherwise it is their cover-weighted mean. Two rows
 * differing only in a constrained feature part at a split on it, so their outputs keep the order.
 * Working on leaf values makes it hold for every loss, including quantile leaves that are not
 * Newton steps.
 */
export function enforceMonotone(tree: Tree, monotone: readonly number[]): void {
  if (!monotone.some((d) => d !== 0)) return;
  const visit = (node: number, lower: number, upper: number) => {
    const f = tree.feature[node]!;
    if (f < 0) {
      tree.value[node] = Math.min(upper, Math.max(lower, tree.value[node]!));
      return;
    }
    const left = tree.left[node]!;
    const right = tree.right[node]!;
    const direction = monotone[f] ?? 0;
    if (direction === 0) {
      visit(left, lower, upper);
      visit(right, lower, upper);
      return;
    }
    const [high, low] = direction > 0 ? [right, left] : [left, right];
    const a = subtreeStats(tree, high, lower, upper);
    const b = subtreeStats(tree, low, lower, upper);
    const mid = a.min >= b.max ? (a.min + b.max) / 2 : (a.sum + b.sum) / (a.cover + b.cover);
    visit(high, Math.max(lower, mid), upper);
    visit(low, lower, Math.min(upper, mid));
  };
  visit(0, -Infinity, Infinity);
}

/** Min, max and cover-weighted sum of the subtree's leaf values once clamped into [lower, upper]. */
function subtreeStats(tree: Tree, node: number, lower: number, upper: number): { min: number; max: number; sum: number; cover: number } {
  const stats = { min: Infinity, max: -Infinity, sum: 0, cover: 0 };
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (tree.feature[n]! >= 0) {
      stack.push(tree.left[n]!, tree.right[n]!);
      continue;
    }
    const v = Math.min(upper, Math.max(lower, tree.value[n]!));
    stats.min = Math.min(stats.min, v);
    stats.max = Math.max(stats.max, v);
    stats.sum += v * tree.cover[n]!;
    stats.cover += tree.cover[n]!;
  }
  return stats;
}
