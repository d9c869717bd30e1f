/**
 * stopGradient: the identity whose derivative is zero. Derivatives do not flow through it; both
 * engines see a primitive without derivative and treat its output as a constant.
 */
import { type Primitive, definePrimitive, bind } from "./primitive";
import { type Value, checkValue } from "./value";

const stopGradientP: Primitive<undefined> = definePrimitive<undefined>({
  name: "stopGradient",
  nondifferentiable: true,
  impl: ([x]) => x,
  jvp: () => null,
  // Stryker disable next-line ArrayDeclaration: never called: both engines skip a nondifferentiable primitive's rules
  vjp: () => [null],
});

/**
 * Returns x, but derivatives treat it as a constant.
 * @example grad((x) => mul(x, stopGradient(x)))(3)  // 3, not 6
 */
export function stopGradient(x: Value): Value {
  checkValue(x, "stopGradient", 0);
  // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut: bind gives a number back as it is (impl is the identity)
  return typeof x === "number" ? x : bind(stopGradientP, [x], undefined);
}
