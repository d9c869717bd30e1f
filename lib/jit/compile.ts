/**
 * Compiling a program to one JavaScript function (`new Function`): straight-line code, one line per
 * equation, no object per operation.
 *
 * An elementwise primitive on numbers becomes its JavaScript expression (`js` beside its rule in
 * lib/ops), or a call of its scalar function `fn` when it has none; on tensors of one shape (and
 * numbers), a loop over a new Float64Array with that expression on each entry. A primitive with an emitter of
 * its own (the loops, lib/jit/loop.ts) writes its code itself, its body inline. Any other equation
 * (tensors, reductions, linear algebra) calls the primitive's implementation, as `bind` does on
 * concrete values, so every program compiles and computes what `evalProgram` computes. The
 * compiled function runs on concrete values only: under a transform, jit binds it as a primitive
 * (lib/jit/jit.ts), whose rules trace the program's own derivatives.
 */
import { Tensor } from "../tensor/tensor";
import { sameShape } from "../tensor/shape";
import { type Concrete, canonical, shapeOf } from "../core/value";
import { type Elementwise, type Primitive, evaluate } from "../core/primitive";
import { type Atom, type Equation, type Program, type Var, varName } from "./program";

/** A compiled program: its source text and the function, from input values to output values. */
export interface Compiled {
  readonly source: string;
  readonly run: (args: readonly Concrete[]) => Concrete[];
}

/** Writes the code of one equation: lines into `code`, and returns the expression of its output. */
export type Emitter = (eq: Equation, args: readonly string[], code: Code) => string;

const emitters = new Map<Primitive, Emitter>();

/** Gives a primitive code of its own in compiled programs (instead of a call of its implementation). */
export function defineEmitter(prim: Primitive, emit: Emitter): void {
  emitters.set(prim, emit);
}

/** Names a JavaScript program cannot use as variables (the two-letter names a program may reach). */
const RESERVED = new Set(["do", "if", "in"]);

/** A number as JavaScript source (negative ones in parentheses). */
export function numberText(x: number): string {
  if (Object.is(x, -0)) return "(-0)";
  return x < 0 ? `(${x})` : String(x);
}

const isMap = (eq: Equation): eq is Equation & { prim: Elementwise } => {
  const prim = eq.prim as Partial<Elementwise>;
  return prim.elementwise === true && typeof prim.fn === "function";
};

/** An elementwise map on numbers. */
function isScalarElementwise(eq: Equation): eq is Equation & { prim: Elementwise } {
  return isMap(eq) && eq.out.shape.length === 0 && eq.inputs.every((a) => shapeOfAtom(a).length === 0);
}

/** An elementwise map on tensors of the output's shape and numbers (no broadcasting to undo): one loop over the data. */
function isTensorElementwise(eq: Equation): eq is Equation & { prim: Elementwise } {
  return (
    isMap(eq) &&
    eq.out.shape.length > 0 &&
    eq.inputs.every((a) => shapeOfAtom(a).length === 0 || sameShape(shapeOfAtom(a), eq.out.shape))
  );
}

const shapeOfAtom = (a: Atom): readonly number[] => (a.kind === "var" ? a.shape : shapeOf(a.value));

/** The code being written: its lines, its indentation, the values it refers to, fresh names. */
export class Code {
  readonly lines: string[] = [];
  /** What the code refers to besides its inputs (primitives, parameters, constants), as K[i]. */
  readonly values: unknown[] = [];
  indent = "  ";
  private scopes = 0;
  private readonly shapes = new Map<string, string>();
  /** Results of emitters kept for reuse within this code (e.g. a loop's carries, shared by its outputs). */
  readonly memo = new Map<string, readonly string[]>();

  ref(x: unknown): string {
    let i = this.values.indexOf(x);
    if (i < 0) i = this.values.push(x) - 1;
    return `K[${i}]`;
  }

  line(text: string): void {
    this.lines.push(`${this.indent}${text}`);
  }

  /** A prefix for the names of a nested program (a loop body): l1_, l2_, ... */
  scope(): string {
    return `l${++this.scopes}_`;
  }

  /**
   * Writes a program's equations with its inputs named `inputs` and its variables prefixed by `prefix`;
   * returns the expressions of its outputs.
   */
  program(program: Program, inputs: readonly string[], prefix: string): string[] {
    const names = new Map<number, string>();
    program.inputs.forEach((v, i) => names.set(v.id, inputs[i]));
    const name = (v: Var) => {
      if (!names.has(v.id)) {
        const base = `${prefix}${varName(v.id)}`;
        names.set(v.id, RESERVED.has(base) ? `${base}_` : base);
      }
      return names.get(v.id)!;
    };
    const atom = (a: Atom) =>
      a.kind === "var" ? name(a) : typeof a.value === "number" ? numberText(a.value) : this.ref(a.value);
    for (const eq of program.equations) {
      const out = name(eq.out);
      this.line(`const ${out} = ${this.equation(eq, eq.inputs.map(atom), out)};`);
    }
    return program.outputs.map(atom);
  }

  /** fn(x, y) on numbers: its JavaScript expression, or a call of fn. */
  private scalar(prim: Elementwise, [x, y = "0"]: readonly string[]): string {
    return prim.js !== undefined ? prim.js(x, y) : `${this.ref(prim.fn)}(${x}, ${y})`;
  }

  /** A new tensor filled by one loop over its entries, each the scalar code on the operands' entries. */
  private tensorMap(eq: Equation & { prim: Elementwise }, args: readonly string[], name: string): string {
    const out = `${name}$d`;
    const size = eq.out.shape.reduce((n, d) => n * d, 1);
    const entries = eq.inputs.map((a, k) => {
      if (shapeOfAtom(a).length === 0) return args[k];
      this.line(`const ${name}$${k} = ${args[k]}.data;`);
      return `${name}$${k}[$q]`;
    });
    this.line(`const ${out} = new Float64Array(${size});`);
    this.line(`for (let $q = 0; $q < ${size}; $q++) ${out}[$q] = ${this.scalar(eq.prim, entries)};`);
    return `new ${this.ref(Tensor)}(${out}, ${this.shape(eq.out.shape)})`;
  }

  /** A shape as a constant of the code, one per distinct shape. */
  private shape(shape: readonly number[]): string {
    const key = shape.join(",");
    if (!this.shapes.has(key)) this.shapes.set(key, this.ref([...shape]));
    return this.shapes.get(key)!;
  }

  private equation(eq: Equation, args: string[], out: string): string {
    const emit = emitters.get(eq.prim);
    if (emit !== undefined) return emit(eq, args, this);
    if (isScalarElementwise(eq)) return this.scalar(eq.prim, args);
    if (isTensorElementwise(eq)) return this.tensorMap(eq, args, out);
    return `${this.ref(evaluate)}(${this.ref(eq.prim)}, [${args.join(", ")}], ${this.ref(eq.params)}, {})`;
  }
}

/**
 * The JavaScript of a program and the function it makes.
 * @example compile(makeProgram((x) => mul(sin(x), 2))(1)).source
 * // function (a) {
 * //   const b = Math.sin(a);
 * //   const c = (b * 2);
 * //   return [c];
 * // }
 */
export function compile(program: Program): Compiled {
  const code = new Code();
  const params = program.inputs.map((v) => (RESERVED.has(varName(v.id)) ? `${varName(v.id)}_` : varName(v.id)));
  const outputs = code.program(program, params, "");
  const source = `function (${params.join(", ")}) {\n${code.lines.join("\n")}\n  return [${outputs.join(", ")}];\n}`;
  const fn = new Function("K", `return ${source};`)(code.values) as (...args: Concrete[]) => Concrete[];
  const run = (args: readonly Concrete[]) => fn(...args).map(canonical);
  return { source, run };
}
