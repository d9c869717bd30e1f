/**
 * Checks of notebook 03's exercises: the reverse step table by hand, a tape written from
 * scratch, a pullback without the Jacobian, and a derivative through a loop and a branch.
 */
import type { Value } from "../core/value";
import { Tensor } from "../tensor/tensor";
import { randn } from "../tensor/random";
import { tanh } from "../ops/math";
import { matmul } from "../ops/matmul";
import { grad, vjp } from "../transforms/vjp";
import { traceScalar } from "../core/trace-scalar";
import { asNumber, atPoints, expectFields, expectNumber, expectTensor } from "./compare";
import { byHand } from "./modes";
import { answerOf, wrong } from "./answers";
import { lectureL, tableTrace } from "./forward-mode";

const close = (a: number, e: number) => Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e));

/**
 * Exercise 3.1: `reverseSweep(x1, x2)` gives the adjoint of every node of the table function
 * (ȳ = 1), written by hand. Each input feeds two steps, so its adjoint is a sum of two terms.
 * @example reverseSweep(reverseSweep, [[2, 5]]);
 */
export function reverseSweep(
  student: (x1: number, x2: number) => unknown,
  points: readonly (readonly [number, number])[],
): void {
  const nodes = ["v4", "v3", "v2", "v1", "x2", "x1"] as const;
  atPoints(
    points,
    ([x1, x2]) => `(x1, x2) = (${x1}, ${x2})`,
    ([x1, x2]) => {
      const what = `reverseSweep(${x1}, ${x2})`;
      const adjoints = expectFields(
        byHand(what, () => student(x1, x2)),
        nodes,
        what,
      );
      const trace = tableTrace(x1, x2, "x1");
      const adjoint = (id: string) => trace.get(id)!.adjoint!;
      // x1 feeds v1 = ln x1 and v2 = x1 x2; x2 feeds v2 and v4 = sin x2.
      const paths = {
        x1: [adjoint("v1") / x1, adjoint("v2") * x2],
        x2: [adjoint("v2") * x1, -adjoint("v4") * Math.cos(x2)],
      };
      for (const node of nodes) {
        const got = asNumber(adjoints[node], `the adjoint of ${node}`);
        if ((node === "x1" || node === "x2") && paths[node].some((term) => close(got, term))) {
          wrong(
            `the adjoint of ${node} has one of its two terms only: ${node} feeds two steps, and adjoints add up over them`,
          );
        }
        expectNumber(got, adjoint(node), `the adjoint of ${node}`, { rtol: 1e-9 });
      }
    },
  );
}

/** The tape the student writes: nodes by index, four operations, and the backward pass. */
export interface StudentTape {
  input(value: number): number;
  value(index: number): number;
  log(a: number): number;
  sqrt(a: number): number;
  add(a: number, b: number): number;
  mul(a: number, b: number): number;
  backward(output: number): unknown;
}

/** The adjoints a backward pass returned, as numbers by node index. */
function adjointsOf(tape: StudentTape, output: number, count: number, what: string): number[] {
  const got = byHand(`${what}: backward`, () => tape.backward(output));
  if (!Array.isArray(got) || got.length !== count)
    wrong(`${what}: backward should return one adjoint per node (${count} here)`);
  return got.map((a, i) => asNumber(a, `${what}: the adjoint of node ${i}`));
}

/**
 * Exercise 3.2: the student's `Tape` records the lecture's L and its backward pass gives every
 * node's adjoint; `gradientOfL` built on it matches adlab's grad. None of it may use adlab's modes.
 * @example tape(() => new Tape(), gradL, [[2, 3]]);
 */
export function tape(
  makeTape: () => StudentTape,
  gradientOfL: (w1: number, w2: number) => unknown,
  points: readonly (readonly [number, number])[],
): void {
  for (const [w1, w2] of points) {
    const what = `the tape of L at (${w1}, ${w2})`;
    const t = byHand(`${what}: new Tape()`, makeTape);
    const record = (step: string, run: () => number) => byHand(`${what}: ${step}`, run);
    const ids = {
      w1: record("input", () => t.input(w1)),
      w2: record("input", () => t.input(w2)),
      v1: -1,
      v2: -1,
      v3: -1,
      L: -1,
    };
    ids.v1 = record("log", () => t.log(ids.w1));
    ids.v2 = record("mul", () => t.mul(ids.w2, ids.v1));
    ids.v3 = record("sqrt", () => t.sqrt(ids.v2));
    ids.L = record("add", () => t.add(ids.v2, ids.v3));
    const byName = new Map(traceScalar(lectureL, { w1, w2 }).nodes.map((n) => [n.id, n]));
    for (const name of ["v1", "v2", "v3", "L"] as const) {
      expectNumber(
        record("value", () => t.value(ids[name])),
        byName.get(name)!.value,
        `${what}: the value of ${name}`,
        { rtol: 1e-12 },
      );
    }
    const adjoints = adjointsOf(t, ids.L, 6, what);
    if (adjoints[ids.w1] === 0 && adjoints[ids.w2] === 0) {
      wrong(
        `${what}: the inputs' adjoints stay 0: visit the nodes from the last to the first, so a node's adjoint is complete before it is passed on`,
      );
    }
    // v2 feeds L (partial 1) and v3 = √v2 (partial 1/(2√v2)): either one alone means a lost term.
    if ([1, 1 / (2 * byName.get("v3")!.value)].some((term) => close(adjoints[ids.v2], term))) {
      wrong(`${what}: the adjoint of v2 misses a term: v2 feeds two steps, and adjoints add up over them`);
    }
    for (const name of ["L", "v3", "v2", "v1", "w2", "w1"] as const) {
      expectNumber(adjoints[ids[name]], byName.get(name)!.adjoint!, `${what}: the adjoint of ${name}`, { rtol: 1e-9 });
    }
  }
  // A node used twice by one step: x·x must give the adjoint 2x, so adjoints are added, not assigned.
  const t = byHand("new Tape()", makeTape);
  const x = byHand("input", () => t.input(1.7));
  const square = byHand("mul(x, x)", () => t.mul(x, x));
  const adjoints = adjointsOf(t, square, 2, "the tape of x·x");
  if (close(adjoints[x], 1.7))
    wrong(
      "the tape of x·x: x gets one of its two contributions; add each parent's share to its adjoint (+=), never assign",
    );
  expectNumber(adjoints[x], 3.4, "the tape of x·x: the adjoint of x", { rtol: 1e-12 });
  atPoints(
    points,
    ([w1, w2]) => `(${w1}, ${w2})`,
    ([w1, w2]) => {
      const what = `gradientOfL(${w1}, ${w2})`;
      expectTensor(
        byHand(what, () => gradientOfL(w1, w2)),
        new Tensor(Float64Array.from(grad(lectureL, [0, 1])(w1, w2) as number[]), [2]),
        what,
        { rtol: 1e-10 },
      );
    },
  );
}

/**
 * Exercise 3.3: `pullback(A, x, u)` is Jᵀu for p(x) = tanh(Ax), computed from the rules of the
 * two steps and never from J or adlab's reverse mode.
 * @example pullback(pullback, [{ m: 3, n: 2, seed: 1 }]);
 */
export function pullback(
  student: (A: Tensor, x: Tensor, u: Tensor) => unknown,
  cases: readonly { m: number; n: number; seed: number }[],
): void {
  for (const { m, n, seed } of cases) {
    const [A, x, u] = [randn([m, n], seed), randn([n], seed + 1), randn([m], seed + 2)];
    const what = `pullback(A, x, u) with A of shape [${m}, ${n}]`;
    const got = byHand(what, () => student(A, x, u));
    const [, pull] = vjp((v: Value) => tanh(matmul(A, v)), x);
    expectTensor(got, pull(u)[0] as Tensor, what, { rtol: 1e-10 });
  }
}

/**
 * Exercise 3.4: `newtonSqrt(a)` computes √a by Newton's iteration with adlab's operations (a
 * loop, and a branch on the plain value), and adlab's grad of it is 1/(2√a) although no square
 * root is ever taken.
 * @example newtonSqrt(newtonSqrt, [2, 10]);
 */
export function newtonSqrt(student: (a: Value) => Value, points: readonly number[]): void {
  atPoints(
    points,
    (a) => `a = ${a}`,
    (a) => {
      expectNumber(
        answerOf(`newtonSqrt(${a})`, () => student(a)),
        Math.sqrt(a),
        `newtonSqrt(${a})`,
        { rtol: 1e-10 },
      );
      const ops = answerOf(`tracing newtonSqrt(${a})`, () => {
        try {
          return traceScalar((v: Value) => student(v), { a }).nodes.map((node) => node.op);
        } catch (error) {
          if (error instanceof Error && /computed from its inputs/.test(error.message)) return null;
          throw error;
        }
      });
      if (ops === null)
        wrong(
          `newtonSqrt(${a}) does not depend on a through adlab's operations (Math or ad.primal cut the derivative off)`,
        );
      if (ops.includes("sqrt") || ops.includes("pow"))
        wrong(
          `newtonSqrt(${a}) takes a square root with adlab (sqrt or pow); the exercise asks for Newton's iteration`,
        );
      expectNumber(
        answerOf(`grad(newtonSqrt)(${a})`, () => grad(student)(a)),
        1 / (2 * Math.sqrt(a)),
        `grad(newtonSqrt)(${a})`,
        { rtol: 1e-8 },
      );
    },
  );
}
