/**
 * Error classes of the tensor layer, so callers (and tests) can tell a shape mistake from a
 * value outside a function's domain with `instanceof`, and messages always say which op failed.
 */

/**
 * Shapes that do not fit together: wrong sizes, ranks, axes, or shapes that cannot broadcast.
 * @example
 *   throw new ShapeError("add: shapes [3, 2] and [4] cannot be broadcast");
 */
export class ShapeError extends Error {
  constructor(message: string) {
    super(String(message));
    this.name = "ShapeError";
  }
}

/**
 * A value outside the domain an op accepts (a zero step, a negative count, a bad seed).
 * @example
 *   throw new DomainError("arange: step must be non-zero");
 */
export class DomainError extends Error {
  constructor(message: string) {
    super(String(message));
    this.name = "DomainError";
  }
}
