/**
 * The argument checks public functions start with: each throws a TypeError that names the
 * operation, the argument, what was expected and what came instead, so a typo in a notebook
 * (`ad.grad(loss, params)`, a misspelled parameter) reads as what it is.
 */

/**
 * How an error message names what it got. A Promise (from an async f) is also marked as
 * handled, so its later rejection cannot crash Node after the error was reported.
 * @example describe([1, 2])  // "an array (wrap it with tensor(...))"
 */
export function describe(x: unknown): string {
  if (x === null || typeof x !== "object")
    return x === null ? "null" : typeof x === "string" ? `string ${JSON.stringify(x.slice(0, 40))}` : typeof x;
  if (Array.isArray(x)) return "an array (wrap it with tensor(...))";
  if (typeof (x as PromiseLike<unknown>).then === "function") {
    (x as PromiseLike<unknown>).then(undefined, () => undefined);
    return "a Promise: f must not be async (adlab's transforms need its value when it returns)";
  }
  const name = (x as object).constructor?.name;
  return name && name !== "Object" ? `a ${name}` : "an object";
}

/**
 * Throws unless `f` is a function.
 * @example checkFunction(f, "grad", "f")  // grad: f must be a function, got undefined
 */
export function checkFunction(f: unknown, op: string, what = "f"): asserts f is (...args: any[]) => any {
  if (typeof f !== "function") throw new TypeError(`${op}: ${what} must be a function, got ${describe(f)}`);
}

/**
 * Throws unless `x` is undefined or a plain object (an options bag).
 * @example checkOptions(options, "jacfwd")
 */
export function checkOptions(x: unknown, op: string, what = "options"): void {
  if (x === undefined) return;
  const plain = x !== null && typeof x === "object" && [Object.prototype, null].includes(Object.getPrototypeOf(x));
  if (!plain) throw new TypeError(`${op}: ${what} must be an object { ... }, got ${describe(x)}`);
}

/**
 * Throws unless `x` is an array; returns it.
 * @example checkArray(xs, "concat", "xs")
 */
export function checkArray<T>(x: unknown, op: string, what: string): readonly T[] {
  if (!Array.isArray(x)) throw new TypeError(`${op}: ${what} must be an array, got ${describe(x)}`);
  return x;
}

/**
 * Throws unless `x` is an integer; returns it.
 * @example checkInteger(axis, "softmax", "axis")
 */
export function checkInteger(x: unknown, op: string, what: string): number {
  // (Number.isInteger is false for anything that is not a number)
  if (!Number.isInteger(x))
    throw new TypeError(`${op}: ${what} must be an integer, got ${typeof x === "number" ? x : describe(x)}`);
  return x as number;
}

/**
 * The positions `argnums` names (an integer or an array of them), each checked against the
 * number of arguments given.
 * @example argnumList([0, 2], 3, "grad")  // [0, 2]
 */
export function argnumList(argnums: unknown, count: number, op: string): number[] {
  const list: unknown[] = Array.isArray(argnums) ? argnums : [argnums];
  // (findIndex, not find: the bad entry may itself be undefined)
  const bad = list.findIndex((k) => !Number.isInteger(k));
  if (bad >= 0 || list.length === 0) {
    const got = Array.isArray(argnums)
      ? list.length === 0
        ? "an empty array"
        : `an array holding ${describe(list[bad])}`
      : describe(argnums);
    throw new TypeError(
      `${op}: argnums must be an integer or an array of integers (which arguments to differentiate), got ${got}`,
    );
  }
  for (const k of list as number[]) {
    if (k < 0 || k >= count) throw new RangeError(`${op}: argnums ${k} is out of range for ${count} argument(s)`);
  }
  return list as number[];
}

/**
 * Throws unless `x` is true or false.
 * @example checkBoolean(keepdims, "sum", "keepdims")
 */
export function checkBoolean(x: unknown, op: string, what: string): boolean {
  if (typeof x !== "boolean") throw new TypeError(`${op}: ${what} must be true or false, got ${describe(x)}`);
  return x;
}
