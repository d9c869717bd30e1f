/**
 * Adding two cotangents (or tangents) of the same shape: the one piece of arithmetic the reverse
 * engine does itself, where a value feeds several steps and their contributions meet (JAX's
 * `add_jaxvals`). A primitive of its own, so that when the cotangents are traced (grad of grad)
 * the sum is differentiated like any other step.
 */
import { zip } from "../tensor/elementwise";
import { type Elementwise, definePrimitive, bind } from "./primitive";
import type { Value } from "./value";

const plus = (x: number, y: number) => x + y;

// d(a + b) = da + db. An elementwise map with partials 1 and 1, so that the step tables and
// traceScalar, which draw a backward pass, can show it like any other step.
const addAnyP: Elementwise = Object.assign(
  definePrimitive<undefined>({
    name: "addAny",
    elementwise: true,
    latex: { formula: ([a, b]) => `${a} + ${b}`, partial: () => "1" },
    impl: ([a, b]) => (typeof a === "number" && typeof b === "number" ? a + b : zip(a, b, plus, "addAny")),
    jvp: (_primals, [da, db]) => (da === null ? db : db === null ? da : addAny(da, db)),
    vjp: (g) => [g, g],
  }),
  { arity: 2 as const, fn: plus, partials: [() => 1, () => 1], js: (a: string, b: string) => `(${a} + ${b})` },
);

/**
 * a + b for two values of one shape.
 * @example addAny(1, 2)  // 3
 */
export function addAny(a: Value, b: Value): Value {
  return typeof a === "number" && typeof b === "number" ? a + b : bind(addAnyP, [a, b], undefined);
}
