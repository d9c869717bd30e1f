/**
 * jit: trace f once per shape of its arguments, compile the program to JavaScript, run that.
 *
 * On concrete arguments the compiled function runs directly. Under a transform (grad(jit(f)),
 * jvp(jit(f)), ...) each output of f is the primitive `jitCall` applied to the arguments, its
 * parameter the program of that output. jitCall's rules are derived, never written: its JVP is
 * the program of jvp(evalProgram(program)), its VJP the program of the pullback of
 * evalProgram(program), each traced once and compiled in turn (so grad(jit(f)) runs compiled
 * code forwards and backwards, and differentiating again derives programs of those programs).
 * The other order, jit(grad(f)), needs nothing: grad's tape and its sweep run on staged values,
 * and every step they take, rules included, becomes an equation of the program.
 */
import { type Concrete, type Value, isConcrete, shapeOf } from "../core/value";
import { type Primitive, bind, definePrimitive } from "../core/primitive";
import { checkFunction } from "../core/args";
import { type Flat, type Structure, flatten } from "../core/tree";
import { debugState } from "../core/debug";
import { warn } from "../core/warnings";
import { formatShape } from "../tensor/shape";
import { zerosLike } from "../core/reverse";
import { leadingShape } from "../core/batch";
import { pushForward } from "../transforms/jvp";
import { record } from "../transforms/vjp";
import { type Program, type Traced, ConcretizationError, dce, evalProgram, traceProgram, withText } from "./program";
import { type Compiled, compile } from "./compile";
import { fuseLoops } from "./loop";

interface CallParams {
  /** A program with one output. */
  readonly program: Program;
}

const compiledPrograms = new WeakMap<Program, Compiled>();

/** The compiled function of a program (compiled on first use). */
export function compiled(program: Program): Compiled {
  let c = compiledPrograms.get(program);
  if (c === undefined) {
    c = compile(program);
    compiledPrograms.set(program, c);
  }
  return c;
}

/** Runs a program on concrete values: compiled, or through bind while the NaN check is on (it runs in bind). */
function run(program: Program, args: readonly Concrete[]): Concrete[] {
  return debugState.nans ? (evalProgram(program, args) as Concrete[]) : compiled(program).run(args);
}

const derivedPrograms = new WeakMap<Program, Map<string, Program | null>>();

/**
 * A program derived from `program` (its JVP, its VJP), traced once per key; null when it cannot be
 * traced (a rule on the way reads data in JavaScript, e.g. a customVjp rule), and the caller computes the derivative
 * by running `program` through the transform on the values at hand instead.
 */
function derived(program: Program, key: string, make: () => Program): Program | null {
  const byKey = derivedPrograms.get(program) ?? new Map<string, Program | null>();
  derivedPrograms.set(program, byKey);
  if (!byKey.has(key)) {
    try {
      byKey.set(key, make());
    } catch (error) {
      if (!(error instanceof ConcretizationError)) throw error;
      byKey.set(key, null);
    }
  }
  return byKey.get(key)!;
}

/** Traces `f` on examples into a program with one output, its loops fused, dead code removed. */
function single(f: (...xs: Value[]) => Value, examples: readonly Concrete[]): Program {
  return dce(fuseLoops(traceProgram(f, examples, "jit").program));
}

/**
 * The tangent of a program's output: (primals, tangents of the inputs `moving`) ↦ its JVP along them, as
 * a function of values (traced into a program, or run on values when it cannot be traced).
 */
export function tangentOf(program: Program, moving: readonly number[]) {
  const n = program.inputs.length;
  return (...xs: Value[]): Value => {
    const at = (...sel: Value[]) =>
      evalProgram(
        program,
        xs.slice(0, n).map((x, i) => (moving.includes(i) ? sel[moving.indexOf(i)] : x)),
      )[0];
    const lead = leadingShape(xs[n], shapeOf(xs[moving[0]]).length);
    return pushForward(
      at,
      moving.map((i) => xs[i]),
      xs.slice(n),
      lead,
      "jit",
    )[1];
  };
}

/** The cotangent of input k: (primals, g) ↦ the program's pullback of g, its k-th part. */
export function cotangentOf(program: Program, k: number) {
  const n = program.inputs.length;
  return (...xs: Value[]): Value => {
    const rec = record((...a: Value[]) => evalProgram(program, a)[0], xs.slice(0, n), "jit");
    try {
      return rec.pull([xs[n]], leadingShape(xs[n], outRank(program)))[k][0];
    } finally {
      rec.recycle();
    }
  };
}

/**
 * The program of `derivative` (a function of the program's inputs and then tangents or a cotangent, shaped like
 * `args`), traced once per key; null when it cannot be traced.
 */
export function derivativeProgram(
  program: Program,
  key: string,
  derivative: (...xs: Value[]) => Value,
  args: readonly Value[],
): Program | null {
  const examples = [...program.examples, ...args.slice(program.inputs.length).map((t) => zerosLike(t) as Concrete)];
  return derived(program, key, () => single(derivative, examples));
}

/** `derivative` applied to `args`: as the compiled program it traces to, else run on the values. */
function apply(program: Program, key: string, derivative: (...xs: Value[]) => Value, args: Value[]): Value {
  const p = derivativeProgram(program, key, derivative, args);
  return p === null ? derivative(...args) : bind(jitCallP, args, { program: p });
}

/** The key of a JVP: which inputs move, and their tangents' shapes. */
export const jvpKey = (moving: readonly number[], ts: readonly Value[]) =>
  `jvp ${moving.map((i, j) => `${i}:${shapeOf(ts[j]).join(",")}`).join(" ")}`;

// d call(x) = the program's JVP at x along dx;  x̄_k = the program's pullback of g, its k-th part: each
// traced into a program of its own and compiled
const jitCallP: Primitive<CallParams> = definePrimitive<CallParams>({
  name: "jitCall",
  impl: (args, { program }) => run(program, args)[0],
  jvp(primals, tangents, _out, { program }) {
    const moving = tangents.flatMap((t, i) => (t === null ? [] : [i]));
    if (moving.length === 0) return null;
    const ts = moving.map((i) => tangents[i]!);
    return apply(program, jvpKey(moving, ts), tangentOf(program, moving), [...primals, ...ts]);
  },
  vjp(g, primals, _out, { program }, ctx) {
    return primals.map((_, k) =>
      ctx.needs[k]
        ? apply(program, `vjp ${k} ${shapeOf(g).join(",")}`, cotangentOf(program, k), [...primals, g])
        : null,
    );
  },
});

/** The rank of a one-output program's output. */
function outRank(program: Program): number {
  const o = program.outputs[0];
  return o.kind === "literal" ? shapeOf(o.value).length : o.shape.length;
}

/** One compiled shape of a jitted function: its program, and its one-output programs for transforms. */
class Entry {
  /** The traced program without dead code (jit(grad(f)) computes f's value, and drops it). */
  readonly program: Program;
  private readonly outputs: Program[] = [];
  constructor(readonly traced: Traced) {
    this.program = dce(fuseLoops(traced.program));
  }
  output(k: number): Program {
    this.outputs[k] ??= dce(withText({ ...this.program, outputs: [this.program.outputs[k]] }));
    return this.outputs[k];
  }
}

/** The cache key of arguments: their structure and every leaf's shape. */
export function signature(flat: Flat): string {
  const structure = (s: Structure): string =>
    s.kind === "leaf"
      ? "."
      : s.kind === "array"
        ? `[${s.children.map(structure).join(",")}]`
        : `{${s.keys.map((k, i) => `${JSON.stringify(k)}:${structure(s.children[i])}`).join(",")}}`;
  return `${structure(flat.structure)} ${flat.leaves.map((x) => shapeOf(x).join("x")).join(" ")}`;
}

/** signature(flatten(args)) for arguments that are all leaves. */
export function leavesSignature(args: readonly Concrete[]): string {
  let structure = "";
  let shapes = "";
  for (let i = 0; i < args.length; i++) {
    const x = args[i];
    structure += i === 0 ? "." : ",.";
    shapes += `${i === 0 ? "" : " "}${typeof x === "number" ? "" : x.shape.join("x")}`;
  }
  return `[${structure}] ${shapes}`;
}

/**
 * f compiled: traced once per shape of its arguments into a program, which runs as one JavaScript
 * function (a call with new shapes traces again, and warns once per call site). Composes with every
 * transform, in both orders: grad(jit(f)), jit(grad(f)), ...
 * @example
 * const g = jit(grad((x) => mul(sin(x), x)));
 * g(2)  // the same number as grad(...)(2), from generated code
 */
export function jit<F extends (...args: any[]) => any>(f: F): F {
  checkFunction(f, "jit");
  const cache = new Map<string, Entry>();
  const jitted = (...args: any[]): any => {
    // the common call, numbers and Tensors on concrete values: its key without flattening the arguments
    if (args.every(isConcrete)) {
      const entry = cache.get(leavesSignature(args));
      if (entry !== undefined) return entry.traced.result.rebuild(run(entry.program, args));
    }
    const flat = flatten(args, "jit: arguments");
    const key = signature(flat);
    if (!cache.has(key) && cache.size > 0) {
      const shapes = flat.leaves.map((x) => formatShape(shapeOf(x))).join(", ");
      warn(
        "jit",
        `jit: f is traced and compiled again, for arguments of new shapes (${shapes}): each shape gets a program of ` +
          `its own (${cache.size + 1} now); call it with one shape to compile once`,
      );
    }
    const entry = cache.get(key) ?? new Entry(traceProgram(f, args, "jit", true));
    // values of enclosing transforms f closed over are inputs of this call's program only: the next call
    // may close over others, so it traces again
    const { result, captured } = entry.traced;
    if (captured.length === 0 && !cache.has(key)) cache.set(key, entry);
    const { program } = entry;
    const inputs = [...flat.leaves, ...captured];
    if (inputs.every(isConcrete)) return result.rebuild(run(program, inputs as Concrete[]));
    return result.rebuild(program.outputs.map((_, k) => bind(jitCallP, inputs, { program: entry.output(k) })));
  };
  return jitted as F;
}

/**
 * The program jit runs for f at arguments of these shapes, and its generated JavaScript.
 * @example console.log(jitSource(grad(sin))(1))
 */
export function jitSource(f: (...args: any[]) => any): (...args: unknown[]) => string {
  checkFunction(f, "jitSource");
  return (...args) => compiled(dce(fuseLoops(traceProgram(f, args, "jitSource").program))).source;
}
