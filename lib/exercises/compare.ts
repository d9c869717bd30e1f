/**
 * Comparing an answer with the reference, and saying what is wrong when it differs: the shape, a
 * transposition, the sign, a constant factor, the entries that are right, or the points where it
 * is right. A hint never shows the expected numbers.
 *
 * Equivalent answers pass: a plain number or a one-element tensor for a scalar; nested arrays,
 * a Float64Array or a tensor for a tensor; a vector as [n], [n, 1] or [1, n].
 */
import { Tensor, isTensor } from "../tensor/tensor";
import { formatShape } from "../tensor/shape";
import { Tracer } from "../core/value";
import { AnswerError, answerOf, wrong } from "./answers";

/** How close counts as equal: |a - e| <= atol + rtol * |e| entry by entry. */
export interface Tolerance {
  readonly rtol?: number;
  readonly atol?: number;
}

const defaults = { rtol: 1e-6, atol: 1e-9 };

function describe(x: unknown): string {
  if (x === undefined || x === null) return String(x);
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (isTensor(x)) return `a tensor of shape ${formatShape(x.shape)}`;
  return typeof x === "object" ? "an object" : `${typeof x} ${String(x).slice(0, 20)}`;
}

function refuseTraced(x: unknown, what: string): void {
  if (x instanceof Tracer) wrong(`${what} is a traced value; return the plain result (ad.primal(x) reads it)`);
}

/**
 * The number an answer stands for: a number, or a tensor (or array) with one entry.
 * @example asNumber(tensor([2]), "t") // 2
 */
export function asNumber(x: unknown, what: string): number {
  refuseTraced(x, what);
  if (x === undefined) return wrong(`${what} is missing`);
  const value = typeof x === "number" ? x : isTensor(x) || Array.isArray(x) ? asTensor(x, what).data : null;
  if (value === null || (typeof value !== "number" && value.length !== 1))
    return wrong(`${what} should be a number, got ${describe(x)}`);
  const n = typeof value === "number" ? value : value[0];
  if (Number.isNaN(n)) return wrong(`${what} is NaN`);
  if (!Number.isFinite(n)) return wrong(`${what} is infinite`);
  return n;
}

function nestedShape(x: unknown, what: string): number[] {
  if (typeof x === "number") return [];
  if (!Array.isArray(x)) return wrong(`${what} holds ${describe(x)} where a number belongs`);
  const inner = x.map((item) => nestedShape(item, what));
  if (inner.some((s) => formatShape(s) !== formatShape(inner[0] ?? [])))
    wrong(`${what} is a ragged array (rows of different lengths)`);
  return [x.length, ...(inner[0] ?? [])];
}

/**
 * The tensor an answer stands for: a tensor, a number, a Float64Array or nested arrays of numbers.
 * @example asTensor([[1, 2], [3, 4]], "J").shape // [2, 2]
 */
export function asTensor(x: unknown, what: string): Tensor {
  refuseTraced(x, what);
  if (isTensor(x)) return x;
  if (x === undefined) return wrong(`${what} is missing`);
  if (typeof x === "number") return new Tensor(Float64Array.of(x), []);
  if (x instanceof Float64Array) return new Tensor(Float64Array.from(x), [x.length]);
  const shape = nestedShape(x, what);
  return new Tensor(Float64Array.from((x as unknown[]).flat(Infinity) as number[]), shape);
}

const closeTo = (a: number, e: number, tol: Tolerance) =>
  Math.abs(a - e) <= (tol.atol ?? defaults.atol) + (tol.rtol ?? defaults.rtol) * Math.abs(e);

function allClose(a: ArrayLike<number>, e: ArrayLike<number>, tol: Tolerance): boolean {
  for (let i = 0; i < e.length; i++) if (!closeTo(a[i], e[i], tol)) return false;
  return true;
}

/** True when the shape has at most one axis longer than 1: [n], [n, 1], [1, n] all hold the same vector. */
const isVectorLike = (shape: readonly number[]) => shape.filter((d) => d !== 1).length <= 1;

function transposed(t: Tensor): Tensor {
  const [m, n] = t.shape;
  const out = new Float64Array(t.size);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = t.data[i * n + j];
  return new Tensor(out, [n, m]);
}

/** What is wrong with values `a` that should be `e` (same length), in a few words, if it is one of the usual slips. */
function slip(a: Float64Array, e: Float64Array, tol: Tolerance): string | null {
  if (a.some(Number.isNaN)) return "has NaN entries";
  if (a.some((x) => !Number.isFinite(x))) return "has infinite entries";
  if (
    e.some((x) => x !== 0) &&
    allClose(
      a.map((x) => -x),
      e,
      tol,
    )
  )
    return "has the wrong sign";
  const aa = a.reduce((s, x) => s + x * x, 0);
  const factor = a.reduce((s, x, i) => s + x * e[i], 0) / aa;
  const scaled =
    aa > 0 &&
    Math.abs(factor - 1) > 1e-3 &&
    Math.abs(factor + 1) > 1e-3 &&
    allClose(
      a.map((x) => factor * x),
      e,
      tol,
    );
  // One number is always some multiple of another: a factor says something only across several.
  if (e.length > 1 && scaled) return "is off by a constant factor (a factor is missing or extra)";
  return null;
}

/** `slip`, else how many entries are right. */
function diagnose(a: Float64Array, e: Float64Array, tol: Tolerance): string {
  const right = Array.from(e, (x, i) => closeTo(a[i], x, tol)).filter(Boolean).length;
  return (
    slip(a, e, tol) ?? (right > 0 && e.length > 1 ? `is right in ${right} of ${e.length} entries` : "is not right")
  );
}

/** A wrong answer an exercise expects, and what to say when an answer equals it. */
export type Mistake = readonly [value: Tensor, hint: string];

/**
 * Passes when `actual` equals `expected` entry by entry, else fails with what is wrong: one of
 * the exercise's `mistakes` when it equals one, else the shape, a transposition, the sign, ...
 * @example expectTensor(studentJacobian, ad.jacrev(f)(x), "the Jacobian");
 */
export function expectTensor(
  actual: unknown,
  expected: Tensor,
  what: string,
  tol: Tolerance = {},
  mistakes: readonly Mistake[] = [],
): void {
  const a = asTensor(actual, what);
  const shapes = `${what} has shape ${formatShape(a.shape)} but should have shape ${formatShape(expected.shape)}`;
  if (a.size !== expected.size) wrong(shapes);
  const sameShape = formatShape(a.shape) === formatShape(expected.shape);
  if (!sameShape && !(isVectorLike(a.shape) && isVectorLike(expected.shape))) {
    const flipped = a.rank === 2 && expected.rank === 2 && a.shape[0] === expected.shape[1];
    wrong(flipped && allClose(transposed(a).data, expected.data, tol) ? `${what} is transposed` : shapes);
  }
  if (allClose(a.data, expected.data, tol)) return;
  const mistake = mistakes.find(([value]) => value.size === a.size && allClose(a.data, value.data, tol));
  if (mistake) wrong(`${what} ${mistake[1]}`);
  if (
    expected.rank === 2 &&
    expected.shape[0] === expected.shape[1] &&
    allClose(transposed(a).data, expected.data, tol)
  ) {
    wrong(`${what} is transposed`);
  }
  wrong(`${what} ${diagnose(a.data, expected.data, tol)}`);
}

/**
 * Passes when `actual` is (or holds) a number close to `expected`.
 * @example expectNumber(answer, 0.5, "g'(2)", { rtol: 1e-9 });
 */
export function expectNumber(actual: unknown, expected: number, what: string, tol: Tolerance = {}): void {
  const a = asNumber(actual, what);
  if (closeTo(a, expected, tol)) return;
  wrong(`${what} ${diagnose(Float64Array.of(a), Float64Array.of(expected), tol)}`);
}

/**
 * The object an answer must be, with every one of `fields` present (extra fields are fine).
 * @example const table = expectFields(answer, ["v1", "v2"], "the step table");
 */
export function expectFields<K extends string>(
  actual: unknown,
  fields: readonly K[],
  what: string,
): Record<K, unknown> {
  if (typeof actual !== "object" || actual === null || Array.isArray(actual) || isTensor(actual)) {
    return wrong(`${what} should be an object with the fields ${fields.join(", ")}, got ${describe(actual)}`);
  }
  const missing = fields.filter((f) => (actual as Record<string, unknown>)[f] === undefined);
  if (missing.length > 0) wrong(`${what} has no field ${missing.map((f) => `"${f}"`).join(", ")}`);
  return actual as Record<K, unknown>;
}

/**
 * Runs `checkAt` at every point in turn. An answer that is right at some points and wrong at a
 * later one gets that said: it may lean on a number that holds at one point only.
 * @example atPoints([0.5, 2], (x) => `x = ${x}`, (x) => expectNumber(gPrime(x), exact(x), `gPrime(${x})`));
 */
export function atPoints<P>(points: readonly P[], label: (point: P) => string, checkAt: (point: P) => void): void {
  const passed: string[] = [];
  for (const point of points) {
    try {
      checkAt(point);
      passed.push(label(point));
    } catch (error) {
      if (passed.length === 0 || !(error instanceof AnswerError)) throw error;
      wrong(`${error.message} (it is right at ${passed.join(", ")} only)`);
    }
  }
}

/**
 * Compares the student's function with the reference at all the points at once, so that a sign
 * or a constant factor shows across them, and says where it is right when it is right somewhere.
 * @example expectValuesAt([0.5, 2], (x) => `x = ${x}`, gPrime, exactSlope, "gPrime(x)");
 */
export function expectValuesAt<P>(
  points: readonly P[],
  label: (point: P) => string,
  student: (point: P) => unknown,
  reference: (point: P) => number,
  what: string,
  tol: Tolerance = {},
): void {
  const got = Float64Array.from(points, (p) =>
    asNumber(
      answerOf(`${what} at ${label(p)}`, () => student(p)),
      `${what} at ${label(p)}`,
    ),
  );
  const want = Float64Array.from(points, reference);
  const right = points.filter((_, i) => closeTo(got[i], want[i], tol)).map(label);
  if (right.length === points.length) return;
  const wrongAt = points.filter((_, i) => !closeTo(got[i], want[i], tol)).map(label);
  if (right.length > 0) wrong(`${what} is right at ${right.join(", ")} but not at ${wrongAt.join(", ")}`);
  wrong(`${what} ${slip(got, want, tol) ?? `is not right (at ${wrongAt.join(", ")})`}`);
}
