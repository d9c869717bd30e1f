/**
 * A textbook symbolic differentiator, small enough to read, for the expression-swell experiment:
 * expressions in one variable x built from constants, +, − and ×, and their derivative by the
 * sum, difference and product rules. It folds only the trivial constants (0 + a = a, 1·a = a,
 * 0·a = 0, two constants to one), as a computer-algebra system does before any real
 * simplification, so the sizes it reports are what the rules themselves produce.
 */

/** An expression tree; a subexpression may be shared by several parents (a graph, not a copy). */
export type Expr =
  | { kind: "const"; value: number }
  | { kind: "x" }
  | { kind: "add" | "sub" | "mul"; left: Expr; right: Expr };

type BinaryKind = "add" | "sub" | "mul";

export const x: Expr = { kind: "x" };
export const constant = (value: number): Expr => ({ kind: "const", value });

const isConst = (e: Expr, value?: number): boolean => e.kind === "const" && (value === undefined || e.value === value);

const apply = (kind: BinaryKind, a: number, b: number): number =>
  kind === "add" ? a + b : kind === "sub" ? a - b : a * b;

/** A binary node, with the trivial constants folded. */
function node(kind: BinaryKind, left: Expr, right: Expr): Expr {
  if (left.kind === "const" && right.kind === "const") {
    return constant(apply(kind, left.value, right.value));
  }
  if (kind === "add" && isConst(left, 0)) return right;
  if ((kind === "add" || kind === "sub") && isConst(right, 0)) return left;
  if (kind === "mul") {
    if (isConst(left, 0) || isConst(right, 0)) return constant(0);
    if (isConst(left, 1)) return right;
    if (isConst(right, 1)) return left;
  }
  return { kind, left, right };
}

const lift = (e: Expr | number): Expr => (typeof e === "number" ? constant(e) : e);
export const add = (a: Expr | number, b: Expr | number) => node("add", lift(a), lift(b));
export const sub = (a: Expr | number, b: Expr | number) => node("sub", lift(a), lift(b));
export const mul = (a: Expr | number, b: Expr | number) => node("mul", lift(a), lift(b));

/**
 * d e / dx by the textbook rules: (a ± b)' = a' ± b', (a b)' = a' b + a b', c' = 0, x' = 1.
 * Each distinct subexpression is differentiated once and its derivative reused where the
 * subexpression recurs, so the result shares what the input shares.
 */
export function derivative(e: Expr, memo = new Map<Expr, Expr>()): Expr {
  const known = memo.get(e);
  if (known !== undefined) return known;
  let result: Expr;
  if (e.kind === "const") result = constant(0);
  else if (e.kind === "x") result = constant(1);
  else {
    const [da, db] = [derivative(e.left, memo), derivative(e.right, memo)];
    result = e.kind === "mul" ? add(mul(da, e.right), mul(e.left, db)) : node(e.kind, da, db);
  }
  memo.set(e, result);
  return result;
}

/** The value of e at x. */
export function evaluate(e: Expr, at: number, memo = new Map<Expr, number>()): number {
  if (e.kind === "const") return e.value;
  if (e.kind === "x") return at;
  const known = memo.get(e);
  if (known !== undefined) return known;
  const value = apply(e.kind, evaluate(e.left, at, memo), evaluate(e.right, at, memo));
  memo.set(e, value);
  return value;
}

/**
 * Nodes of e written out as a tree, every shared subexpression copied where it recurs: the size
 * of the formula a reader (or a program evaluating it naively) faces.
 */
export function treeSize(e: Expr, memo = new Map<Expr, number>()): number {
  if (e.kind === "const" || e.kind === "x") return 1;
  const known = memo.get(e);
  if (known !== undefined) return known;
  const size = 1 + treeSize(e.left, memo) + treeSize(e.right, memo);
  memo.set(e, size);
  return size;
}

/** Distinct nodes of e, each shared subexpression counted once: the size of e as a graph. */
export function graphSize(e: Expr, seen = new Set<Expr>()): number {
  if (seen.has(e)) return 0;
  seen.add(e);
  if (e.kind === "const" || e.kind === "x") return 1;
  return 1 + graphSize(e.left, seen) + graphSize(e.right, seen);
}
