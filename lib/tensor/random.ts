/**
 * Seeded random numbers, reproducible across runs and machines.
 *
 * Generator: xoshiro128** (Blackman & Vigna, 2018): four 32-bit words of state, fast with
 * Math.imul in JavaScript, period 2^128 - 1, passes BigCrush. Its state is filled from the seed by
 * splitmix32 so that nearby seeds (0, 1, 2, …) give unrelated streams. uniform() uses 53 random
 * bits (two outputs), normal() uses the Box–Muller transform and keeps the second value for later.
 */
import { DomainError } from "./errors";
import { Tensor } from "./tensor";
import { checkShape, sizeOf } from "./shape";
import { allocate } from "./alloc";

/**
 * A seeded random generator (xoshiro128** seeded through splitmix32): the same seed gives the
 * same numbers on every machine, so notebooks and tests are reproducible.
 * @example const r = rng(42); r.randn([2, 3]); r.uniform()
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | undefined = undefined;

  /**
   * A generator whose whole stream is determined by `seed` (any safe integer); `op` names the
   * caller in the error for a bad seed.
   * @example new Rng(42).uniform() // the same number on every run
   */
  constructor(seed: number, op = "Rng") {
    if (!Number.isSafeInteger(seed))
      throw new DomainError(`${op}: seed must be a safe integer, got ${typeof seed === "number" ? seed : typeof seed}`);
    let state = seed >>> 0; // low 32 bits
    const high = Math.floor(seed / 4294967296) >>> 0;
    const splitmix32 = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = (splitmix32() ^ high) >>> 0;
    this.s1 = splitmix32();
    this.s2 = splitmix32();
    this.s3 = splitmix32();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** Next 32 random bits as an unsigned integer (xoshiro128**). */
  private nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /**
   * Uniform in [0, 1) with 53 random bits.
   * @example rng(1).uniform() // 0 <= u < 1
   */
  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /**
   * Standard normal (mean 0, variance 1), by Box–Muller.
   * @example rng(1).normal()
   */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform())); // 1 - u is in (0, 1]: log is finite
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /**
   * Uniform integer in 0..n-1.
   * @example rng(1).int(6) // a die roll minus one
   */
  int(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1)
      throw new DomainError(`Rng.int: n must be a positive integer, got ${typeof n === "number" ? n : typeof n}`);
    return Math.floor(this.uniform() * n);
  }

  /**
   * Tensor of uniform values in [lo, hi).
   * @example rng(0).rand([2, 2], -1, 1)
   */
  rand(shape: readonly number[], lo = 0, hi = 1): Tensor {
    checkShape(shape, "rand");
    if (typeof lo !== "number" || typeof hi !== "number" || !Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
      throw new DomainError(`rand: need finite lo <= hi, got lo=${String(lo)}, hi=${String(hi)}`);
    }
    const data = allocate(sizeOf(shape));
    for (let i = 0; i < data.length; i++) data[i] = lo + (hi - lo) * this.uniform();
    return new Tensor(data, shape);
  }

  /**
   * Tensor of standard normal values.
   * @example rng(0).randn([3])
   */
  randn(shape: readonly number[]): Tensor {
    checkShape(shape, "randn");
    const data = allocate(sizeOf(shape));
    for (let i = 0; i < data.length; i++) data[i] = this.normal();
    return new Tensor(data, shape);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A new seeded generator.
 * @example const r = rng(7); r.normal(); r.int(10)
 */
export function rng(seed: number): Rng {
  return new Rng(seed, "rng");
}

/**
 * Standard normal tensor from a fresh generator seeded with `seed`.
 * @example randn([2, 3], 0)
 */
export function randn(shape: readonly number[], seed: number): Tensor {
  return new Rng(seed, "randn").randn(shape);
}

/**
 * Uniform tensor in [lo, hi) from a fresh generator seeded with `seed`.
 * @example rand([2, 3], 0, -1, 1)
 */
export function rand(shape: readonly number[], seed: number, lo = 0, hi = 1): Tensor {
  return new Rng(seed, "rand").rand(shape, lo, hi);
}
