/**
 * Traced programs: a function recorded once as a list of primitive applications (JAX's jaxpr).
 *
 * `makeProgram(f)(...args)` runs f on staged values: tracers that carry a variable of the program and
 * its shape, and no data the program may depend on. Every `bind` on them appends an equation
 * `out = prim[params](inputs)`, so the program is f with its JavaScript control flow resolved and every
 * operation left. `evalProgram` runs a program again through `bind`: on numbers it computes f, and
 * under grad, jvp or another staging trace it is f to them too, so every transform consumes programs
 * without a line of its own.
 *
 * Shapes are found by running each primitive's implementation on the example arguments (the same
 * computation f does): adlab's registry has no separate shape rules, and running the real
 * implementation keeps one source of truth. The examples' data is kept out of the program: a branch
 * on a staged value throws (see StagedValue), and a constant in the program is one f computed from
 * no argument.
 */
import { Tensor } from "../tensor/tensor";
import { formatShape } from "../tensor/shape";
import { type Concrete, type Trace, type Value, Tracer, checkValue, newLevel, shapeOf } from "../core/value";
import { type Primitive, bind, evaluate } from "../core/primitive";
import { checkFunction, describe } from "../core/args";
import { type Flat, flatten } from "../core/tree";

/** A variable of a program: its number (names are given when printed) and its shape. */
export interface Var {
  readonly kind: "var";
  readonly id: number;
  readonly shape: readonly number[];
}

/** A constant in a program. */
export interface Literal {
  readonly kind: "literal";
  readonly value: Concrete;
}

export type Atom = Var | Literal;

/** One primitive application: out = prim[params](inputs). */
export interface Equation {
  readonly prim: Primitive;
  readonly inputs: readonly Atom[];
  readonly params: unknown;
  readonly out: Var;
}

/** A traced function: its inputs (the leaves of its arguments), its equations in order, its outputs. */
export interface Program {
  readonly inputs: readonly Var[];
  readonly equations: readonly Equation[];
  readonly outputs: readonly Atom[];
  /** Values of the inputs' shapes, to trace programs derived from this one (its JVP, its VJP) at. */
  readonly examples: readonly Concrete[];
}

/** A program with the structure of f's arguments and result (arrays and objects of values). */
export interface Traced {
  readonly program: Program;
  readonly args: Flat;
  readonly result: Flat;
  /**
   * Values of enclosing transforms that f used without taking them as arguments (when tracing captures
   * them): the program's last inputs, in this order.
   */
  readonly captured: readonly Value[];
}

/**
 * A staged value: a variable of the program being traced. It has a shape and no value: JavaScript
 * operators and branches on it cannot be recorded, so they throw (naming the primitive whose output it is).
 */
export class StagedValue extends Tracer {
  constructor(
    readonly trace: ProgramTrace,
    readonly v: Var,
    /** The value at the example arguments, only to find the shapes of later results. */
    readonly example: Concrete,
    /** The primitive that computed it, or null for an input. */
    readonly source: string | null,
  ) {
    super();
  }
  override get shape(): readonly number[] {
    return this.v.shape;
  }
  get primal(): never {
    throw concretizationError(this, "ad.primal, or an operation that returns plain numbers, read the data of");
  }
  override [Symbol.toPrimitive](hint: string): string {
    if (hint === "string") return this.toString();
    throw concretizationError(this, "a JavaScript operator, comparison or Math function was applied to");
  }
  override toString(): string {
    return `StagedValue(${typeString(this.v.shape)})`;
  }
}

/**
 * Tracing met an operation that needs a staged value's data (JAX's ConcretizationTypeError): a JavaScript
 * branch or operator in f, or a rule written with JavaScript on the data (a customVjp rule may be).
 */
export class ConcretizationError extends TypeError {
  constructor(message: string) {
    super(String(message));
    this.name = "ConcretizationError";
  }
}

function concretizationError(x: StagedValue, what: string): ConcretizationError {
  const origin = x.source === null ? "an input of f" : `the output of ${x.source}`;
  return new ConcretizationError(
    `${x.trace.what}: ${what} a traced value (${typeString(x.v.shape)}, ${origin}), but tracing ` +
      "knows shapes, not values. Write operations with adlab's functions " +
      "(ad.mul, ad.sin, ...), a choice per entry as ad.where(ad.gt(x, 0), a, b), a branch as " +
      "ad.cond(pred, trueFn, falseFn, ...operands), a loop as ad.foriLoop; what decides the program's shape must be " +
      "a plain number, not a traced one",
  );
}

/** The staging trace: each primitive applied to its values becomes an equation. */
export class ProgramTrace implements Trace {
  readonly level = newLevel("staging");
  readonly kind = "staging";
  ended: string | null = null;
  readonly equations: Equation[] = [];
  /** Outer values f closed over, and the inputs that stand for them (capturing traces only). */
  readonly captured = new Map<Tracer, StagedValue>();
  private count = 0;

  /**
   * `what` names the transform in messages ("jit", "makeProgram"); a capturing trace turns a value of an
   * enclosing transform into an input of the program (JAX's closure conversion), others refuse it.
   */
  constructor(
    readonly what: string,
    readonly capturing = false,
  ) {}

  /** A new variable of the program, as a staged value. */
  input(example: Concrete): StagedValue {
    return new StagedValue(this, this.newVar(shapeOf(example)), example, null);
  }

  private newVar(shape: readonly number[]): Var {
    return { kind: "var", id: this.count++, shape };
  }

  /** The program's atom for an argument: its variable, or a constant. */
  atom(x: Value): Atom {
    if (x instanceof StagedValue && x.trace === this) return x.v;
    if (x instanceof Tracer && this.capturing) return this.capture(x).v;
    if (x instanceof Tracer) {
      throw new TypeError(
        `${this.what}: f uses a value traced by an enclosing transform (e.g. a variable of an outer grad) without ` +
          "taking it as an argument; pass it to the function as an argument instead",
      );
    }
    return { kind: "literal", value: x };
  }

  /** The input standing for an outer value (one per value, however often f uses it). */
  private capture(x: Tracer): StagedValue {
    let staged = this.captured.get(x);
    if (staged === undefined) {
      staged = this.input(exampleOf(x));
      this.captured.set(x, staged);
    }
    return staged;
  }

  process(prim: Primitive, args: readonly Value[], params: unknown): Value {
    const inputs = args.map((a) => this.atom(a));
    const examples = args.map(exampleOf);
    const example = evaluate(prim, examples, params, {});
    const out = this.newVar(shapeOf(example));
    this.equations.push({ prim, inputs, params, out });
    return new StagedValue(this, out, example, prim.name);
  }
}

/**
 * Traces f at example arguments (numbers, Tensors, arrays or objects of them) into a program;
 * `what` names the transform in messages. With `capture`, values of enclosing transforms that f uses
 * become the program's last inputs (`captured`); without, they are refused.
 */
export function traceProgram(
  f: (...args: any[]) => any,
  args: readonly unknown[],
  what: string,
  capture = false,
): Traced {
  const flat = flatten(args, `${what}: arguments`);
  const examples = flat.leaves.map(exampleOf);
  const trace = new ProgramTrace(what, capture);
  const vars = examples.map((x) => trace.input(x));
  let result: Flat;
  try {
    result = flatten(f(...flat.rebuild(vars)), `${what}: output of f`);
  } finally {
    trace.ended = what;
  }
  const outputs = result.leaves.map((o) => trace.atom(o));
  const captured = [...trace.captured.values()];
  const program: Program = {
    inputs: [...vars, ...captured].map((x) => x.v),
    equations: trace.equations,
    outputs,
    examples: [...examples, ...captured.map((x) => x.example)],
  };
  return { program, args: flat, result, captured: [...trace.captured.keys()] };
}

/**
 * The program of f at arguments of the shapes given (their values are examples only).
 * @example String(makeProgram((x) => sum(sin(x)))(tensor([1, 2, 3])))
 * // { lambda a:f64[3] .
 * //   let b:f64[3] = sin a
 * //       c:f64[] = sum[axes=[0]] b
 * //   in (c) }
 */
export function makeProgram(f: (...args: any[]) => any): (...args: unknown[]) => Program {
  checkFunction(f, "makeProgram");
  return (...args) => withText(traceProgram(f, args, "makeProgram").program);
}

/**
 * Runs a program on values through `bind`: f again, on numbers or under any transform.
 * @example evalProgram(makeProgram(sin)(0), [1])  // [sin(1)]
 */
export function evalProgram(program: Program, args: readonly Value[]): Value[] {
  if (!isProgram(program))
    throw new TypeError(`evalProgram: program must come from makeProgram, got ${describe(program)}`);
  if (!Array.isArray(args) || args.length !== program.inputs.length) {
    throw new TypeError(
      `evalProgram: the program takes ${program.inputs.length} input(s), got ${Array.isArray(args) ? args.length : "no array"}`,
    );
  }
  const env = new Map<number, Value>();
  program.inputs.forEach((v, i) => {
    checkValue(args[i], "evalProgram", i);
    if (formatShape(shapeOf(args[i])) !== formatShape(v.shape)) {
      throw new TypeError(
        `evalProgram: input ${i + 1} has shape ${formatShape(shapeOf(args[i]))}, the program expects ${formatShape(v.shape)}`,
      );
    }
    env.set(v.id, args[i]);
  });
  const read = (a: Atom): Value => (a.kind === "literal" ? a.value : env.get(a.id)!);
  for (const eq of program.equations) env.set(eq.out.id, bind(eq.prim, eq.inputs.map(read), eq.params));
  return program.outputs.map(read);
}

/**
 * The program without the equations no output depends on (primitives have no side effects).
 * @example dce({ ...program, outputs: [program.outputs[0]] })
 */
export function dce(program: Program): Program {
  const live = new Set<number>();
  for (const a of program.outputs) if (a.kind === "var") live.add(a.id);
  const kept: Equation[] = [];
  for (let i = program.equations.length - 1; i >= 0; i--) {
    const eq = program.equations[i];
    if (!live.has(eq.out.id)) continue;
    kept.push(eq);
    for (const a of eq.inputs) if (a.kind === "var") live.add(a.id);
  }
  return withText({ ...program, equations: kept.reverse() });
}

/** A concrete value of x's shape: x itself, the value under its derivative tracers, or a staged value's example. */
export function exampleOf(x: Value): Concrete {
  while (x instanceof Tracer) {
    if (x instanceof StagedValue) return x.example;
    x = x.primal;
  }
  return x;
}

// ---- text ----------------------------------------------------------------------------------------------------

/** The type of a value of `shape`, as JAX writes it: f64[3,2], f64[] for a number. */
export function typeString(shape: readonly number[]): string {
  return `f64[${shape.join(",")}]`;
}

/** Variable names in the order they appear: a, b, ..., z, ba, bb, ... (JAX's). */
export function varName(id: number): string {
  let name = "";
  let n = id;
  do {
    name = String.fromCharCode(97 + (n % 26)) + name;
    n = Math.floor(n / 26);
  } while (n > 0);
  return name;
}

function literalText(x: Concrete): string {
  if (typeof x === "number") return Object.is(x, -0) ? "-0.0" : Number.isInteger(x) ? `${x}.0` : String(x);
  const shown = x.size <= 4 ? `{${Array.from(x.data).join(", ")}}` : "{...}";
  return `${typeString(x.shape)}${shown}`;
}

function paramText(x: unknown): string {
  if (isProgram(x)) return programText(x, "    ");
  if (Array.isArray(x) && x.some(isProgram)) return `(${x.map(paramText).join(",\n    ")})`;
  if (x instanceof Tensor) return literalText(x);
  return JSON.stringify(x) ?? String(x);
}

function isProgram(x: unknown): x is Program {
  return (
    typeof x === "object" &&
    x !== null &&
    ["equations", "inputs", "outputs"].every((k) => Array.isArray((x as Record<string, unknown>)[k]))
  );
}

/** Whether two atoms are the same variable, or equal constants (the same number or the same Tensor). */
export const sameAtom = (a: Atom, b: Atom) =>
  a.kind === "var" ? b.kind === "var" && a.id === b.id : b.kind === "literal" && a.value === b.value;

/** The parameter that says which output of a loop's equation it is (one equation per output). */
const OUTPUT_PARAMS = ["k", "j"];

/**
 * Whether eq differs from `prev` only in which output it returns: the same primitive, inputs and parameters
 * but one of OUTPUT_PARAMS (the equations of one loop, printed as one line with several outputs).
 */
function sameCall(prev: Equation, eq: Equation): boolean {
  if (prev.prim !== eq.prim || prev.inputs.length !== eq.inputs.length) return false;
  if (!prev.inputs.every((a, i) => sameAtom(a, eq.inputs[i]))) return false;
  const [p, q] = [prev.params, eq.params] as Record<string, unknown>[];
  if (p === null || typeof p !== "object" || q === null || typeof q !== "object") return false;
  const keys = Object.keys(p);
  const differ = keys.filter((k) => p[k] !== q[k]);
  return keys.length === Object.keys(q).length && differ.length === 1 && OUTPUT_PARAMS.includes(differ[0]);
}

/** The equations in lines: one per equation, or one for the equations of one call with several outputs. */
function calls(equations: readonly Equation[]): Equation[][] {
  const lines: Equation[][] = [];
  for (const eq of equations) {
    const last = lines[lines.length - 1];
    if (last !== undefined && sameCall(last[0], eq)) last.push(eq);
    else lines.push([eq]);
  }
  return lines;
}

function equationText(eqs: readonly Equation[], name: (v: Var) => string): string {
  const p = eqs[0].params;
  const several = eqs.length > 1;
  const params =
    p !== null && typeof p === "object" && Object.keys(p).length > 0
      ? `[${Object.entries(p)
          .filter(([k]) => !(several && OUTPUT_PARAMS.includes(k)))
          .map(([k, v]) => `${k}=${paramText(v)}`)
          .join(", ")}]`
      : "";
  const args = eqs[0].inputs.map((a) => (a.kind === "literal" ? literalText(a.value) : name(a))).join(" ");
  const outs = eqs.map((eq) => `${name(eq.out)}:${typeString(eq.out.shape)}`).join(" ");
  return `${outs} = ${eqs[0].prim.name}${params} ${args}`;
}

/**
 * A program as text, in the layout of JAX's jaxprs: inputs with their types, one equation per line, the outputs.
 * Variables are renamed a, b, c, ... in order of appearance.
 */
export function programText(program: Program, indent = ""): string {
  const names = new Map<number, string>();
  const name = (v: Var) => {
    if (!names.has(v.id)) names.set(v.id, varName(names.size));
    return names.get(v.id)!;
  };
  const inputs = program.inputs.map((v) => `${name(v)}:${typeString(v.shape)}`).join(" ");
  const lines = calls(program.equations).map((eqs) => equationText(eqs, name));
  const outputs = program.outputs.map((a) => (a.kind === "literal" ? literalText(a.value) : name(a))).join(", ");
  const body =
    lines.length === 0
      ? `${indent}  in (${outputs}) }`
      : `${indent}  let ${lines.join(`\n${indent}      `)}\n${indent}  in (${outputs}) }`;
  return `{ lambda ${inputs} .\n${body}`;
}

/** The program with its text as toString (console.log and notebooks show it). */
export function withText(program: Program): Program {
  return Object.assign(Object.create(textProto) as object, program) as Program;
}

const textProto = {
  toString(this: Program): string {
    return programText(this);
  },
  [Symbol.for("nodejs.util.inspect.custom")](this: Program): string {
    return programText(this);
  },
};
