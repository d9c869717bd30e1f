/**
 * The exercises' checks. Every test cell of the notebooks calls them as `ad.exercises.*`:
 *
 *   ad.exercises.check("Exercise 2.1", () => ad.exercises.forward.dualClass(Dual, [0.7, 2.3]));
 *
 * - answers.ts: `check` (one line when the checks pass, else a failed cell with a hint), the
 *   AnswerError that carries the hint, and `answerOf` to call the student's code;
 * - compare.ts: numbers, tensors and objects against a reference, with hints that say what is
 *   wrong (shape, transposed, sign, a constant factor, right at one point only) and never the answer;
 * - modes.ts: which of adlab's modes the student's code used (`byHand` refuses any);
 * - one file per notebook with the checks of its exercises.
 */
export { AnswerError, answerOf, check, wrong } from "./answers";
export {
  asNumber,
  asTensor,
  atPoints,
  expectFields,
  expectNumber,
  expectTensor,
  expectValuesAt,
  type Tolerance,
} from "./compare";
export { byHand, watchTransforms } from "./modes";
export * as welcome from "./welcome";
export * as fd from "./finite-differences";
export * as forward from "./forward-mode";
export * as reverse from "./reverse-mode";
export * as jacobians from "./jacobians";
export * as matrices from "./matrix-calculus";
export * as backprop from "./backpropagation";
