/**
 * Branches as a primitive: `cond(pred, trueFn, falseFn, ...operands)`, JAX's `lax.cond`: trueFn(...operands)
 * where pred is non-zero, else falseFn(...operands).
 *
 * With a concrete pred (no jit) cond calls the branch taken, and the transforms follow it as they follow
 * any code. Inside jit, pred is a traced value: both branches are traced into programs and the primitive
 * `cond` chooses at run time (compiled: an `if` with both branches' code inline). Its rules are the
 * branches' own: the JVP is cond over the branches' JVPs, the VJP cond over their pullbacks, each
 * traced once (lib/jit/jit.ts derives them as it derives jitCall's). pred is not differentiated.
 * A primitive has one output, so cond binds once per leaf of the branches' result.
 */
import { type Concrete, type Value, checkValue, isConcrete, shapeOf, undifferentiated } from "../core/value";
import { type Primitive, bind, definePrimitive } from "../core/primitive";
import { checkFunction } from "../core/args";
import { type Flat, type Tree, flatten, sameStructure } from "../core/tree";
import { formatShape, sameShape } from "../tensor/shape";
import { type Program, ConcretizationError, StagedValue, dce, exampleOf, traceProgram, withText } from "./program";
import { type Code, defineEmitter } from "./compile";
import { compiled, cotangentOf, derivativeProgram, jvpKey, tangentOf } from "./jit";

/** Whether a number (or a one-entry tensor) is non-zero. */
const isTrue = (x: Concrete) => (typeof x === "number" ? x : x.data[0]) !== 0;

interface CondParams {
  /** The false branch, then the true one: programs of the operands with one output each. */
  readonly branches: readonly [Program, Program];
}

/** Both branches' derivative programs, or an error when a branch's derivative reads data. */
function derivedBranches(
  branches: readonly [Program, Program],
  key: string,
  derivative: (b: Program) => (...xs: Value[]) => Value,
  args: readonly Value[],
): [Program, Program] {
  const [f, t] = branches.map((b) => derivativeProgram(b, key, derivative(b), args));
  if (f === null || t === null) {
    throw new ConcretizationError(
      "cond: a branch's derivative reads its data in JavaScript (e.g. a customVjp rule that does), so it " +
        "cannot be compiled for a traced pred",
    );
  }
  return [f, t];
}

/** The branch a concrete pred takes. */
const taken = (branches: CondParams["branches"], pred: Concrete) => branches[isTrue(pred) ? 1 : 0];

// d cond(p, t, f)(x) = cond(p, dt, df)(x, dx);  x̄ = cond(p, t̄, f̄)(x, g);  p is not differentiated.
// On a concrete pred (the program run on values) they are the taken branch's, differentiated on the values:
// the other branch's derivative is never needed, and the taken one's need not be traceable.
const condP: Primitive<CondParams> = definePrimitive<CondParams>({
  name: "cond",
  impl: ([pred, ...operands], { branches }) => compiled(taken(branches, pred)).run(operands)[0],
  jvp([pred, ...operands], [, ...tangents], _out, { branches }) {
    const moving = tangents.flatMap((t, i) => (t === null ? [] : [i]));
    if (moving.length === 0) return null;
    const ts = moving.map((i) => tangents[i]!);
    const args = [...operands, ...ts];
    if (isConcrete(pred)) return tangentOf(taken(branches, pred), moving)(...args);
    const derived = derivedBranches(branches, jvpKey(moving, ts), (b) => tangentOf(b, moving), args);
    return bind(condP, [pred, ...args], { branches: derived });
  },
  vjp(g, [pred, ...operands], _out, { branches }, ctx) {
    if (isConcrete(pred)) {
      const branch = taken(branches, pred);
      return [null, ...operands.map((_, k) => (ctx.needs[k + 1] ? cotangentOf(branch, k)(...operands, g) : null))];
    }
    const key = (k: number) => `vjp ${k} ${shapeOf(g).join(",")}`;
    return [
      null,
      ...operands.map((_, k) =>
        ctx.needs[k + 1]
          ? bind(condP, [pred, ...operands, g], {
              branches: derivedBranches(branches, key(k), (b) => cotangentOf(b, k), [...operands, g]),
            })
          : null,
      ),
    ];
  },
});

/** `if (pred) { true branch } else { false branch }`, both inline; returns the result's name. */
function emitCond(code: Code, { branches }: CondParams, [pred, ...operands]: readonly string[]): string {
  const out = `${code.scope()}$o`;
  code.line(`let ${out};`);
  const indent = code.indent;
  code.line(`if (${pred} !== 0) {`);
  code.indent += "  ";
  code.line(`${out} = ${code.program(branches[1], operands, code.scope())[0]};`);
  code.indent = indent;
  code.line("} else {");
  code.indent += "  ";
  code.line(`${out} = ${code.program(branches[0], operands, code.scope())[0]};`);
  code.indent = indent;
  code.line("}");
  return out;
}

defineEmitter(condP, (eq, args, code) => emitCond(code, eq.params as CondParams, args));

/** A branch traced on the operands' leaves: its program (one output per leaf of its result), result, captures. */
function traceBranch(fn: (...operands: any[]) => Tree, operands: Flat, what: string) {
  let result: Flat | undefined;
  const { program, captured } = traceProgram(
    (...leaves: Value[]) => {
      result = flatten(fn(...operands.rebuild(leaves)), `cond: ${what}'s result`);
      return result.leaves;
    },
    operands.leaves,
    "cond",
    true,
  );
  return { program, result: result!, captured };
}

/**
 * A branch's program taking the values both branches closed over (`all`, after the operands), where it
 * was traced taking its own (`captured`): an input the branch does not use stands for each of the other's.
 */
function takingAll(program: Program, operands: number, captured: readonly Value[], all: readonly Value[]): Program {
  let id = Math.max(-1, ...program.inputs.map((v) => v.id), ...program.equations.map((e) => e.out.id));
  const extra = all.map((x) => {
    const k = captured.indexOf(x);
    if (k >= 0) return { v: program.inputs[operands + k], example: program.examples[operands + k] };
    const example = exampleOf(x);
    return { v: { kind: "var" as const, id: ++id, shape: shapeOf(example) }, example };
  });
  return withText({
    ...program,
    inputs: [...program.inputs.slice(0, operands), ...extra.map((e) => e.v)],
    examples: [...program.examples.slice(0, operands), ...extra.map((e) => e.example)],
  });
}

/** A branch's program with output k only. */
const outputOf = (program: Program, k: number) => dce(withText({ ...program, outputs: [program.outputs[k]] }));

/**
 * trueFn(...operands) where pred is non-zero, else falseFn(...operands) (JAX's lax.cond): a branch that
 * jit can compile, where a JavaScript `if` on a traced value cannot be traced. pred is a number; the
 * branches take the operands (numbers, Tensors, arrays or objects of them) and return results of the same
 * structure and shapes. Inside jit the branches are traced; values of enclosing transforms they close over
 * become operands of the primitive, so derivatives reach them.
 * @example
 * jit((x) => cond(gt(x, 0), (y) => mul(y, 2), (y) => neg(y), x))(-3)  // 3
 */
export function cond<T extends Tree>(
  pred: Value,
  trueFn: (...operands: any[]) => T,
  falseFn: (...operands: any[]) => T,
  ...operands: Tree[]
): T {
  checkValue(pred, "cond", "pred");
  if (shapeOf(pred).length !== 0) {
    throw new TypeError(
      `cond: pred must be a number, got shape ${formatShape(shapeOf(pred))}; for a choice per entry use ad.where`,
    );
  }
  checkFunction(trueFn, "cond", "trueFn");
  checkFunction(falseFn, "cond", "falseFn");
  const flat = flatten(operands, "cond: operands");
  const p = undifferentiated(pred);
  if (!(p instanceof StagedValue)) return (isTrue(p as Concrete) ? trueFn : falseFn)(...operands);
  const t = traceBranch(trueFn, flat, "trueFn");
  const f = traceBranch(falseFn, flat, "falseFn");
  const captured = [...new Set([...t.captured, ...f.captured])];
  const n = flat.leaves.length;
  const [tp, fp] = [takingAll(t.program, n, t.captured, captured), takingAll(f.program, n, f.captured, captured)];
  sameStructure(t.result, f.result, "cond: falseFn's result", "trueFn's result");
  t.result.leaves.forEach((x, k) => {
    const [a, b] = [shapeOf(x), shapeOf(f.result.leaves[k])];
    if (!sameShape(a, b))
      throw new TypeError(`cond: trueFn returns shape ${formatShape(a)} where falseFn returns ${formatShape(b)}`);
  });
  const leaves = tp.outputs.map((_, k) =>
    bind(condP, [p, ...flat.leaves, ...captured], { branches: [outputOf(fp, k), outputOf(tp, k)] }),
  );
  return t.result.rebuild(leaves);
}
