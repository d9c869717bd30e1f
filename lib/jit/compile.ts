/**
 * Compiling a program to one JavaScript function (`new Function`): straight-line code, one line per
 * equation, no object per operation.
 *
 * An elementwise primitive on numbers becomes its JavaScript expression (`js` beside its rule in
 * lib/ops), or a call of its scalar function `fn` when it has none. Any other equation (tensors,
 * reductions, linear algebra) calls the primitive's implementation, as `bind` does on concrete
 * values, so every program compiles and computes what `evalProgram` computes. The compiled
 * function runs on concrete values only: under a transform, jit binds it as a primitive
 * (lib/jit/jit.ts), whose rules trace the program's own derivatives.
 */
import { type Concrete, canonical } from "../core/value";
import { type Elementwise, type Primitive, evaluate } from "../core/primitive";
import { type Atom, type Equation, type Program, type Var, varName } from "./program";

/** A compiled program: its source text and the function, from input values to output values. */
export interface Compiled {
  readonly source: string;
  readonly run: (args: readonly Concrete[]) => Concrete[];
}

/** Names a JavaScript program cannot use as variables (the two-letter names a program may reach). */
const RESERVED = new Set(["do", "if", "in"]);

function jsName(v: Var): string {
  const name = varName(v.id);
  return RESERVED.has(name) ? `${name}_` : name;
}

function numberText(x: number): string {
  if (Object.is(x, -0)) return "(-0)";
  return x < 0 ? `(${x})` : String(x);
}

/** What the generated code refers to besides its inputs: primitives, parameters, constants, functions. */
class Closure {
  readonly values: unknown[] = [];
  ref(x: unknown): string {
    let i = this.values.indexOf(x);
    if (i < 0) i = this.values.push(x) - 1;
    return `K[${i}]`;
  }
}

function isScalarElementwise(eq: Equation): eq is Equation & { prim: Elementwise } {
  const prim = eq.prim as Partial<Elementwise>;
  return (
    prim.elementwise === true &&
    typeof prim.fn === "function" &&
    eq.out.shape.length === 0 &&
    eq.inputs.every((a) => (a.kind === "var" ? a.shape.length === 0 : typeof a.value === "number"))
  );
}

function line(eq: Equation, atom: (a: Atom) => string, closure: Closure): string {
  const args = eq.inputs.map(atom);
  if (isScalarElementwise(eq)) {
    const [x, y = "0"] = args;
    const js = eq.prim.js;
    return js !== undefined ? js(x, y) : `${closure.ref(eq.prim.fn)}(${x}, ${y})`;
  }
  const prim: Primitive = eq.prim;
  return `${closure.ref(evaluate)}(${closure.ref(prim)}, [${args.join(", ")}], ${closure.ref(eq.params)}, {})`;
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
  const closure = new Closure();
  const atom = (a: Atom) =>
    a.kind === "var" ? jsName(a) : typeof a.value === "number" ? numberText(a.value) : closure.ref(a.value);
  const body = program.equations.map((eq) => `  const ${jsName(eq.out)} = ${line(eq, atom, closure)};`);
  const params = program.inputs.map(jsName).join(", ");
  const source = `function (${params}) {\n${body.join("\n")}\n  return [${program.outputs.map(atom).join(", ")}];\n}`;
  const fn = new Function("K", `return ${source};`)(closure.values) as (...args: Concrete[]) => Concrete[];
  const run = (args: readonly Concrete[]) => fn(...args).map(canonical);
  return { source, run };
}
