/**
 * The scalar chain of cases 1 and 2, x <- sin(x) * 1.0001 + 0.5 x, written by hand: plain
 * evaluation (the floor), value + tangent (forward mode by hand), a typed-array tape (reverse
 * mode by hand: what a tape costs without any library around it), and both modes again with one
 * object per operation, as any library whose operations take and return values must hand out:
 * the floor of such a design, with no type checks, dispatch or nesting tags.
 */

/** Primitive operations per step: sin, * 1.0001, 0.5 *, +. */
export const OPS_PER_STEP = 4;

/**
 * x_T after `steps` steps from x0.
 * @example chainValue(0.3, 1); // Math.sin(0.3) * 1.0001 + 0.15
 */
export function chainValue(x0: number, steps: number): number {
  let x = x0;
  for (let t = 0; t < steps; t++) x = Math.sin(x) * 1.0001 + 0.5 * x;
  return x;
}

/**
 * [x_T, dx_T/dx_0] by carrying the tangent beside the value: dx <- (cos(x) * 1.0001 + 0.5) dx.
 * @example chainDual(0.3, 1)[1]; // Math.cos(0.3) * 1.0001 + 0.5
 */
export function chainDual(x0: number, steps: number): [number, number] {
  let x = x0;
  let dx = 1;
  for (let t = 0; t < steps; t++) {
    const s = Math.sin(x) * 1.0001;
    const ds = Math.cos(x) * dx * 1.0001;
    dx = ds + 0.5 * dx;
    x = s + 0.5 * x;
  }
  return [x, dx];
}

/** A dual number as an operation of a library returns it: a new object per operation. */
class DualNumber {
  constructor(
    readonly value: number,
    readonly tangent: number,
  ) {}
}

const dualSin = (x: DualNumber) => new DualNumber(Math.sin(x.value), Math.cos(x.value) * x.tangent);
const dualScale = (c: number, x: DualNumber) => new DualNumber(c * x.value, c * x.tangent);
const dualAdd = (x: DualNumber, y: DualNumber) => new DualNumber(x.value + y.value, x.tangent + y.tangent);

/**
 * [x_T, dx_T/dx_0] with a dual-number object per operation, through three monomorphic functions.
 * @example chainDualObjects(0.3, 1)[1]; // Math.cos(0.3) * 1.0001 + 0.5
 */
export function chainDualObjects(x0: number, steps: number): [number, number] {
  let x = new DualNumber(x0, 1);
  for (let t = 0; t < steps; t++) x = dualAdd(dualScale(1.0001, dualSin(x)), dualScale(0.5, x));
  return [x.value, x.tangent];
}

/** A value recorded on a ChainTape, as a library hands it out: its tape index and its value. */
class TapeHandle {
  constructor(
    readonly index: number,
    readonly value: number,
  ) {}
}

/**
 * A reverse-mode tape in typed arrays: node i has up to two parents and the local partials
 * d node / d parent; reused between runs so a run costs recording and sweeping, not allocation.
 * @example new ChainTape(1000).valueAndDerivative(0.3, 250); // [x_T, dx_T/dx_0]
 */
export class ChainTape {
  private readonly parentA: Int32Array;
  private readonly parentB: Int32Array;
  private readonly partialA: Float64Array;
  private readonly partialB: Float64Array;
  private readonly adjoint: Float64Array;
  private length = 0;

  constructor(readonly capacity: number) {
    this.parentA = new Int32Array(capacity);
    this.parentB = new Int32Array(capacity);
    this.partialA = new Float64Array(capacity);
    this.partialB = new Float64Array(capacity);
    this.adjoint = new Float64Array(capacity);
  }

  /** Records the chain (one node per primitive op, plus the input) and sweeps it backwards. */
  valueAndDerivative(x0: number, steps: number): [number, number] {
    this.start(steps);
    let x = x0;
    let xNode = this.push(-1, 0, -1, 0);
    for (let t = 0; t < steps; t++) {
      const sinX = Math.sin(x);
      const sinNode = this.push(xNode, Math.cos(x), -1, 0); // d sin(x) = cos(x) dx
      const scaledNode = this.push(sinNode, 1.0001, -1, 0); // d (1.0001 s) = 1.0001 ds
      const halfNode = this.push(xNode, 0.5, -1, 0); // d (0.5 x) = 0.5 dx
      x = sinX * 1.0001 + 0.5 * x;
      xNode = this.push(scaledNode, 1, halfNode, 1); // d (a + b) = da + db
    }
    return [x, this.sweep(xNode)];
  }

  /** The same tape recorded through operations that each return a new handle object. */
  valueAndDerivativeWithHandles(x0: number, steps: number): [number, number] {
    this.start(steps);
    let x = new TapeHandle(this.push(-1, 0, -1, 0), x0);
    for (let t = 0; t < steps; t++) x = this.add(this.scale(1.0001, this.sin(x)), this.scale(0.5, x));
    return [x.value, this.sweep(x.index)];
  }

  private sin(x: TapeHandle): TapeHandle {
    return new TapeHandle(this.push(x.index, Math.cos(x.value), -1, 0), Math.sin(x.value));
  }

  private scale(c: number, x: TapeHandle): TapeHandle {
    return new TapeHandle(this.push(x.index, c, -1, 0), c * x.value);
  }

  private add(x: TapeHandle, y: TapeHandle): TapeHandle {
    return new TapeHandle(this.push(x.index, 1, y.index, 1), x.value + y.value);
  }

  private start(steps: number): void {
    const nodes = 1 + OPS_PER_STEP * steps;
    if (nodes > this.capacity)
      throw new RangeError(`chain of ${steps} steps needs ${nodes} tape nodes, capacity is ${this.capacity}`);
    this.length = 0;
  }

  /** The backward sweep from `output`: d output / d node 0. */
  private sweep(output: number): number {
    this.adjoint.fill(0, 0, this.length);
    this.adjoint[output] = 1;
    for (let i = this.length - 1; i > 0; i--) {
      const g = this.adjoint[i];
      if (this.parentA[i] >= 0) this.adjoint[this.parentA[i]] += g * this.partialA[i];
      if (this.parentB[i] >= 0) this.adjoint[this.parentB[i]] += g * this.partialB[i];
    }
    return this.adjoint[0];
  }

  private push(parentA: number, partialA: number, parentB: number, partialB: number): number {
    const i = this.length++;
    this.parentA[i] = parentA;
    this.partialA[i] = partialA;
    this.parentB[i] = parentB;
    this.partialB[i] = partialB;
    return i;
  }
}
