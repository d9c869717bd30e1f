/**
 * The one error that is specific to linear algebra: a matrix that cannot be inverted.
 * Shape and value mistakes use the tensor layer's `ShapeError` and `DomainError`.
 */
import { DomainError } from "../tensor/errors";

/**
 * An exactly singular matrix met by a solve or an inverse; `pivotIndex` is the first zero
 * diagonal entry of the (triangular or LU) factor, so callers can point at the dependent column.
 * @example
 *   throw new SingularMatrixError("solve", 2); // "solve: matrix is singular (zero pivot at index 2)"
 */
export class SingularMatrixError extends DomainError {
  readonly pivotIndex: number;

  constructor(op: string, pivotIndex: number) {
    super(`${op}: matrix is singular (zero pivot at index ${pivotIndex}, counting from 0)`);
    this.name = "SingularMatrixError";
    this.pivotIndex = pivotIndex;
  }
}
