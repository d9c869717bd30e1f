/**
 * Checks of notebook 02's exercises: a dual-number class written by hand, the lecture's L
 * differentiated with it, and a forward step table written as code. The reference numbers come
 * from adlab's jvp and traceScalar; the student's code must not call them.
 */
import type { Value } from "../core/value";
import { add, mul, sub } from "../ops/arith";
import { exp, log, sin, sqrt } from "../ops/math";
import { jvp } from "../transforms/jvp";
import { grad } from "../transforms/vjp";
import { traceScalar } from "../core/trace-scalar";
import { asTensor, atPoints, expectFields, expectNumber, expectTensor } from "./compare";
import { byHand } from "./modes";
import { wrong } from "./answers";
import { tensor } from "../tensor/create";

/** A dual number as the student's class makes it: whatever has a numeric value and tangent. */
interface DualLike {
  value: number;
  tangent: number;
}
type DualClass = new (value: number, tangent: number) => any;

const unary = { sin, exp, log, sqrt } as const;
const binary = { add, mul } as const;

/** The value and tangent the student's result should have, by adlab's forward mode. */
function reference(f: (...xs: Value[]) => Value, values: number[], tangents: number[]): DualLike {
  const [value, tangent] = jvp(f, values, tangents) as [number, number];
  return { value, tangent };
}

function expectDual(got: unknown, want: DualLike, what: string): void {
  const dual = expectFields(got, ["value", "tangent"], what) as unknown as DualLike;
  expectNumber(dual.value, want.value, `${what}.value`, { rtol: 1e-12, atol: 1e-14 });
  expectNumber(dual.tangent, want.tangent, `${what}.tangent`, { rtol: 1e-12, atol: 1e-14 });
}

/**
 * Exercise 2.1: the student's `Dual` class has add, mul (with a dual or a plain number), sin,
 * exp, log and sqrt, each returning a new dual with the right value and tangent.
 * @example dualClass(Dual, [0.7, 2.3]);
 */
export function dualClass(D: DualClass, points: readonly number[]): void {
  for (const a of points) {
    const x = Math.abs(a) + 0.5;
    const y = 1.3 - a / 3;
    for (const [name, op] of Object.entries(unary)) {
      const call = `Dual(${x}, 1.5).${name}()`;
      expectDual(
        byHand(call, () => new D(x, 1.5)[name]()),
        reference(op, [x], [1.5]),
        call,
      );
    }
    for (const [name, op] of Object.entries(binary)) {
      // Seeds with one tangent zero first: a product rule with one term passes those only.
      atPoints(
        [
          [1.5, 0],
          [0, -0.4],
          [1.5, -0.4],
        ],
        ([dx, dy]) => `the tangents (${dx}, ${dy})`,
        ([dx, dy]) => {
          const call = `Dual(${x}, ${dx}).${name}(Dual(${y}, ${dy}))`;
          expectDual(
            byHand(call, () => new D(x, dx)[name](new D(y, dy))),
            reference(op, [x, y], [dx, dy]),
            call,
          );
        },
      );
      const call = `Dual(${x}, 1.5).${name}(2.5)`;
      const want = reference((u: Value) => op(u, 2.5), [x], [1.5]);
      expectDual(
        byHand(call, () => new D(x, 1.5)[name](2.5)),
        want,
        `${call} (a plain number is a constant: tangent 0)`,
      );
    }
  }
}

/** The lecture's L(w1, w2) = w2 log w1 + sqrt(w2 log w1). */
export function lectureL(w1: Value, w2: Value): Value {
  const product = mul(w2, log(w1));
  return add(product, sqrt(product));
}

/**
 * Exercise 2.2: `gradientOfL(w1, w2)` gives [∂L/∂w1, ∂L/∂w2] by the student's dual numbers
 * (no adlab transform), at every point.
 * @example gradientOfL(gradientOfL, [[2, 3]]);
 */
export function gradientOfL(
  student: (w1: number, w2: number) => unknown,
  points: readonly (readonly [number, number])[],
): void {
  atPoints(
    points,
    ([w1, w2]) => `(w1, w2) = (${w1}, ${w2})`,
    ([w1, w2]) => {
      const what = `gradientOfL(${w1}, ${w2})`;
      const got = byHand(what, () => student(w1, w2));
      const want = grad(lectureL, [0, 1])(w1, w2) as number[];
      const pair = asTensor(got, what).data;
      if (pair.length !== 2) wrong(`${what} should hold two numbers [∂L/∂w1, ∂L/∂w2], got ${pair.length}`);
      if (
        Math.abs(pair[0] - want[1]) < 1e-9 * Math.abs(want[1]) &&
        Math.abs(pair[1] - want[0]) < 1e-9 * Math.abs(want[0])
      ) {
        wrong(`${what} has the two partial derivatives swapped`);
      }
      expectTensor(pair, tensor(want), what, { rtol: 1e-10 });
    },
  );
}

/** The lecture-style example traced in both notebooks 02 and 03: f(x1, x2) = ln x1 + x1 x2 − sin x2. */
export const tableFunction = (x1: Value, x2: Value): Value => sub(add(log(x1), mul(x1, x2)), sin(x2));
/** Its steps, in the order they run: v1 = ln x1, v2 = x1 x2, v3 = v1 + v2, v4 = sin x2, y = v3 − v4. */
export const tableSteps = ["v1", "v2", "v3", "v4", "y"] as const;

/** The nodes of the traced table function, by name, with tangents for a unit seed on `wrt`. */
export function tableTrace(x1: number, x2: number, wrt: "x1" | "x2") {
  const trace = traceScalar(tableFunction, { x1, x2 }, { wrt, output: "y" });
  return new Map(trace.nodes.map((node) => [node.id, node]));
}

/**
 * Exercise 2.3: `forwardSteps(x1, x2, dx1, dx2)` is the forward step table of the table
 * function: each step's value and tangent for the seed (dx1, dx2), written by hand.
 * @example forwardSteps(forwardSteps, [[2, 5]]);
 */
export function forwardSteps(
  student: (x1: number, x2: number, dx1: number, dx2: number) => unknown,
  points: readonly (readonly [number, number])[],
): void {
  for (const [x1, x2] of points) {
    const [along1, along2] = [tableTrace(x1, x2, "x1"), tableTrace(x1, x2, "x2")];
    atPoints(
      [
        [1, 0],
        [0, 1],
        [0.5, -2],
      ],
      ([dx1, dx2]) => `the seed (${dx1}, ${dx2})`,
      ([dx1, dx2]) => {
        const what = `forwardSteps(${x1}, ${x2}, ${dx1}, ${dx2})`;
        const table = expectFields(
          byHand(what, () => student(x1, x2, dx1, dx2)),
          tableSteps,
          what,
        );
        for (const step of tableSteps) {
          const tangent = dx1 * along1.get(step)!.tangent! + dx2 * along2.get(step)!.tangent!;
          expectDual(table[step], { value: along1.get(step)!.value, tangent }, `step ${step}`);
        }
      },
    );
  }
}
