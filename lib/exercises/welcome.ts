/**
 * The check of notebook 00's exercise: a derivative by hand against adlab's.
 */
import type { Value } from "../core/value";
import { exp, sin } from "../ops/math";
import { mul } from "../ops/arith";
import { grad } from "../transforms/vjp";
import { expectValuesAt } from "./compare";
import { byHand } from "./modes";
import { wrong } from "./answers";

/**
 * Exercise 0.1: `gPrime(x)`, written by hand, is the derivative of g(x) = eˣ sin x at every point.
 * @example derivativeByHand(gPrime, [0.5, 2]);
 */
export function derivativeByHand(gPrime: (x: number) => unknown, points: readonly number[]): void {
  const exact = grad((x: Value) => mul(exp(x), sin(x))) as (x: number) => number;
  const theirs = (x: number) => byHand(`gPrime(${x})`, () => gPrime(x));
  // The slip this exercise is about: one term of the product rule instead of two.
  const oneTerm = points.every((x) => {
    const got = theirs(x);
    return (
      typeof got === "number" &&
      [Math.cos(x), Math.sin(x)].some((t) => Math.abs(got - Math.exp(x) * t) < 1e-9 * Math.exp(x))
    );
  });
  if (oneTerm) wrong("gPrime(x) has only one term of the product rule; the derivative of u·v has two");
  expectValuesAt(points, (x) => `x = ${x}`, theirs, exact, "gPrime(x)", { rtol: 1e-9 });
}
