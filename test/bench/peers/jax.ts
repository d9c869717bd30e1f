/**
 * jax-js (@jax-js/jax) as a benchmark peer. In Node 20 it runs on its "cpu" backend (a JavaScript
 * interpreter of its kernels, about 200x slower than "wasm") and its "wasm" backend; "webgpu" and
 * "webgl" need a browser. It has float64 arrays, but on wasm its sin/tanh/exp are accurate to about
 * float32 (checked: grad of sin at 1 is off by 3e-8), so contestants using them are checked with the
 * float32 tolerance. Node 20 lacks Float16Array, which jax-js tests with `instanceof` when wrapping
 * data: an empty stand-in class is installed before loading it (no array is ever a float16 here).
 */
import type { Contestant, Instance, Precision } from "../harness";

export type Jax = typeof import("@jax-js/jax");
export type JaxArray = import("@jax-js/jax").Array;
export type JaxDevice = "cpu" | "wasm";

let loading: Promise<Jax> | undefined;

/**
 * Loads jax-js once and initialises its cpu and wasm backends.
 * @example const jax = await loadJax(); jax.numpy.ones([2]);
 */
export function loadJax(): Promise<Jax> {
  loading ??= (async () => {
    const globals = globalThis as { Float16Array?: unknown };
    globals.Float16Array ??= class Float16ArrayUnavailable {};
    const jax = await import("@jax-js/jax");
    const devices = await jax.init("cpu", "wasm");
    if (!devices.includes("wasm"))
      throw new Error(`jax-js initialised ${devices.join(", ") || "no backend"}, not wasm`);
    return jax;
  })();
  return loading;
}

/**
 * What a jax-js contestant builds at one size: the timed run (and its work, expected output) and the arrays it owns.
 */
export interface JaxBuild extends Pick<Instance, "run" | "work" | "expected"> {
  owned: JaxArray[];
}

/**
 * A contestant named `jax-js-<device>` (plus `variant`). jax-js arrays are moved into the functions
 * they are passed to, so timed runs pass `.ref` of the inputs built here; `release` disposes them.
 * @example jaxContestant("wasm", "", "float64", (jax, n) => { ... return { run, owned: [a] }; });
 */
export function jaxContestant(
  device: JaxDevice,
  variant: string,
  precision: Precision,
  build: (jax: Jax, size: number) => JaxBuild,
  note = "",
): Contestant {
  return {
    name: `jax-js-${device}${variant ? " " + variant : ""}`,
    precision,
    note,
    async setup(size) {
      const jax = await loadJax();
      jax.defaultDevice(device);
      const built = build(jax, size);
      return {
        run: built.run,
        work: built.work,
        expected: built.expected,
        enter: () => void jax.defaultDevice(device),
        release: () => built.owned.forEach((a) => a.dispose()),
      };
    },
  };
}

/**
 * A float64 jax-js array of `data` with `shape` on the current default device.
 * @example array(jax, a.data, [a.rows, a.cols]);
 */
export function array(jax: Jax, data: Float64Array, shape: number[]): JaxArray {
  return jax.numpy.array(data, { dtype: jax.numpy.float64 }).reshape(shape);
}
