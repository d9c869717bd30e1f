/**
 * Adding two cotangents (or tangents) of the same shape: the one piece of arithmetic the reverse
 * engine does itself, where a value feeds several steps and their contributions meet (JAX's
 * `add_jaxvals`). A primitive of its own, so that when the cotangents are traced (grad of grad)
 * the sum is differentiated like any other step.
 */
import { zip } from "../tensor/elementwise";
import { definePrimitive, bind } from "./primitive";
import type { Value } from "./value";

// d(a + b) = da + db
const addAnyP = definePrimitive<undefined>({
  name: "addAny",
  impl: ([a, b]) => (typeof a === "number" && typeof b === "number" ? a + b : zip(a, b, (x, y) => x + y, "addAny")),
  jvp: (_primals, [da, db]) => (da === null ? db : db === null ? da : addAny(da, db)),
  vjp: (g) => [g, g],
});

/**
 * a + b for two values of one shape.
 * @example addAny(1, 2)  // 3
 */
export function addAny(a: Value, b: Value): Value {
  return typeof a === "number" && typeof b === "number" ? a + b : bind(addAnyP, [a, b], undefined);
}
