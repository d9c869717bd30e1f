/**
 * Reading measured curves, so that a sentence about a measurement is computed from it: the slope
 * of a log-log line (time ∝ size^slope) and where one curve drops below another for good.
 */
import { describe } from "../core/args";

function checkSeries(op: string, named: Record<string, ArrayLike<number>>): number {
  const entries = Object.entries(named);
  const length = entries[0][1]?.length;
  for (const [name, values] of entries) {
    if (values === null || typeof values !== "object" || typeof values.length !== "number") {
      throw new TypeError(`${op}: ${name} must be an array of numbers, got ${describe(values)}`);
    }
    if (values.length !== length)
      throw new RangeError(
        `${op}: ${entries.map(([n, v]) => `${n} has ${v.length}`).join(", ")} values; they must match`,
      );
    for (let i = 0; i < values.length; i++) {
      if (typeof values[i] !== "number" || !Number.isFinite(values[i]))
        throw new TypeError(`${op}: ${name}[${i}] is ${describe(values[i])}, not a finite number`);
    }
  }
  return length;
}

/**
 * The least-squares slope of log y against log x: y grows like x^slope.
 * @example logLogSlope([10, 100, 1000], [1, 100, 10000]) // 2
 */
export function logLogSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = checkSeries("logLogSlope", { x, y });
  if (n < 2) throw new RangeError(`logLogSlope: needs at least 2 points, got ${n}`);
  for (let i = 0; i < n; i++) {
    if (!(x[i] > 0 && y[i] > 0))
      throw new RangeError(`logLogSlope: point ${i} is (${x[i]}, ${y[i]}); logarithms need positive values`);
  }
  const lx = Array.from(x, Math.log);
  const ly = Array.from(y, Math.log);
  const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
  const [mx, my] = [mean(lx), mean(ly)];
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  if (sxx === 0) throw new RangeError("logLogSlope: all x are equal, so there is no slope");
  return sxy / sxx;
}

/**
 * The first x from which `below` stays under `above` to the end of the data, or null when it
 * does not end below. Curves that cross back and forth cross where they cross for the last time.
 * @example crossover([10, 100, 1000], [5, 3, 1], [1, 4, 9]) // 100
 */
export function crossover(x: ArrayLike<number>, below: ArrayLike<number>, above: ArrayLike<number>): number | null {
  const n = checkSeries("crossover", { x, below, above });
  let from: number | null = null;
  for (let i = 0; i < n; i++) {
    if (below[i] < above[i]) from ??= x[i];
    else from = null;
  }
  return from;
}
