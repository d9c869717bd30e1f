/**
 * What a test cell does with a student's answer: run the checks, print one line when they pass,
 * and otherwise fail the cell with a hint that says what is wrong without giving the answer.
 *
 * A failed check throws `AnswerError`. The cell then fails (the kernel replies with an error and
 * writes it to stderr), which is how nbgrader's autograder scores a test cell 0.
 */

/** A wrong or missing answer; the message is the hint shown to the student. */
export class AnswerError extends Error {
  override name = "AnswerError";
  /** Shown as one clean line, not as a stack trace into adlab's checking code. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `${this.name}: ${this.message}`;
  }
}

/** The message the answer stubs throw (`nbgrader_config.py` writes them). */
export const notAnsweredMessage = "not answered yet";

/** Fails the check with `hint`. */
export function wrong(hint: string): never {
  throw new AnswerError(hint);
}

/**
 * Calls the student's code; what it throws becomes an AnswerError naming the call, so a mistake
 * in the student's code reads differently from a failed check (and from a bug in a check).
 * @example const value = answerOf("gPrime(0.5)", () => gPrime(0.5));
 */
export function answerOf<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AnswerError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (message === notAnsweredMessage)
      wrong(`${notAnsweredMessage}: replace the stub in the answer cell above, run it, then run this cell`);
    const name = error instanceof Error ? error.name : typeof error;
    return wrong(`${what} threw ${name}: ${message}`);
  }
}

/**
 * Runs the checks of one exercise: prints "✓ title: ..." when they pass, else throws an
 * AnswerError "title: hint". Anything else a check throws is a bug in the check and is rethrown as is.
 * @example check("Exercise 2.1", () => ad.exercises.forward.dualClass(Dual, [0.7, 2.3]));
 */
export function check(title: string, checks: () => void): void {
  try {
    checks();
  } catch (error) {
    if (error instanceof AnswerError) throw new AnswerError(`${title}: ${error.message}`);
    throw error;
  }
  console.log(`✓ ${title}: every check in this cell passes`);
}
