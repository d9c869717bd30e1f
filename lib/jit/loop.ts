/**
 * Loops as primitives: `foriLoop(lower, upper, body, init)`, JAX's `fori_loop`: carry ← body(i, carry)
 * for i = lower, ..., upper - 1.
 *
 * The body is traced once into a program (inputs i and the carry's leaves, outputs the new leaves), so
 * a loop of 10⁶ steps is one primitive application, not 10⁶ records. Its rules:
 * - JVP: the same loop over (carry, tangent): the body's JVP traced into a body of its own.
 * - VJP (`foriLoopVjp`): one forward sweep storing each step's carry (8 bytes a step for a number),
 *   then one backward sweep from the last step, each step the body's pullback (traced once, dead
 *   code removed: what the pullback needs of the forward step is recomputed from the stored carry).
 * Compiled (lib/jit/compile.ts) each is a JavaScript `for` loop with the body's code inline; run
 * without jit, a loop is compiled alone and run the same way. The VJP's own derivatives (order 2
 * through reverse mode) are those of its reference: the loop unrolled through `bind`.
 *
 * A primitive has one output, so a loop binds once per leaf of the carry; the compiled code runs
 * the loops that differ only in the leaf they return once (see `memo` in compile.ts).
 */
import { type Concrete, type Value, isConcrete, shapeOf } from "../core/value";
import { type Primitive, bind, definePrimitive } from "../core/primitive";
import { checkFunction, checkInteger } from "../core/args";
import { type Tree, flatten, sameStructure } from "../core/tree";
import { zerosLike } from "../core/reverse";
import { leadingShape } from "../core/batch";
import { formatShape, sameShape } from "../tensor/shape";
import { pushForward } from "../transforms/jvp";
import { record } from "../transforms/vjp";
import { type Atom, type Equation, type Program, type Var, dce, evalProgram, traceProgram, withText } from "./program";
import { type Code, type Compiled, compile, defineEmitter, numberText } from "./compile";

interface LoopParams {
  /** Inputs [i, ...carry], outputs [...carry]. */
  readonly body: Program;
  readonly lower: number;
  readonly upper: number;
  /** Which leaf of the final carry the primitive returns. */
  readonly k: number;
}

interface LoopVjpParams extends LoopParams {
  /** The body's pullback: inputs [i, ...carry, ...cotangent of the new carry], outputs [...cotangent of the carry]. */
  readonly pullback: Program;
  /** Which input's cotangent the primitive returns. */
  readonly j: number;
}

/** Cotangents of the initial carry: the stored carries, then the pullback from the last step to the first. */
function unrolledVjp(p: LoopVjpParams, init: readonly Value[], g: Value): Value {
  const stored: Value[][] = [];
  let c = [...init];
  for (let i = p.lower; i < p.upper; i++) {
    stored.push(c);
    c = evalProgram(p.body, [i, ...c]);
  }
  let ct = zeroCotangents(init, p.k, g);
  for (let i = p.upper - 1; i >= p.lower; i--) ct = evalProgram(p.pullback, [i, ...stored[i - p.lower], ...ct]);
  return ct[p.j];
}

/** Cotangents of a carry: g for leaf k, zeros for the others (with g's leading batch axes). */
function zeroCotangents(carry: readonly Value[], k: number, g: Value): Value[] {
  const lead = leadingShape(g, shapeOf(carry[k]).length);
  return carry.map((x, m) => (m === k ? g : zerosLike(x, lead)));
}

const derivedBodies = new WeakMap<Program, Map<string, Program>>();
/** The body each JVP body was derived from (fuseLoops: a loop and its JVP loop run as one). */
const jvpOrigin = new WeakMap<Program, Program>();

/** A body derived from `body` (its JVP, its pullback), traced once per key. */
function derivedBody(body: Program, key: string, make: () => Program): Program {
  const byKey = derivedBodies.get(body) ?? new Map<string, Program>();
  derivedBodies.set(body, byKey);
  if (!byKey.has(key)) byKey.set(key, dce(make()));
  return byKey.get(key)!;
}

/** The body's JVP: (i, carry, tangent) ↦ (new carry, its tangent), tangents with leading axes `lead`. */
function jvpBody(body: Program, tangents: readonly Value[]): Program {
  const n = tangents.length;
  const key = `jvp ${tangents.map((t) => shapeOf(t).join(",")).join(" ")}`;
  const derived = derivedBody(body, key, () => {
    const lead = leadingShape(tangents[0], body.inputs[1].shape.length);
    const step = (i: Value, ...xs: Value[]) => {
      const at = (...c: Value[]) => evalProgram(body, [i, ...c]);
      const [out, dout] = pushForward(at, xs.slice(0, n), xs.slice(n), lead, "foriLoop");
      return [...out, ...dout];
    };
    return traceProgram(step, [...body.examples, ...tangents.map((t) => zerosLike(t))], "foriLoop").program;
  });
  jvpOrigin.set(derived, body);
  return derived;
}

/** The body's pullback: (i, carry, cotangent of the new carry) ↦ cotangent of the carry. */
function pullbackBody(body: Program, cotangents: readonly Value[]): Program {
  const n = cotangents.length;
  const key = `vjp ${cotangents.map((t) => shapeOf(t).join(",")).join(" ")}`;
  return derivedBody(body, key, () => {
    const step = (i: Value, ...xs: Value[]) => {
      const rec = record((...c: Value[]) => evalProgram(body, [i, ...c]), xs.slice(0, n), "foriLoop");
      try {
        return rec.pull(xs.slice(n), leadingShape(xs[n], body.inputs[1].shape.length)).map((leaf) => leaf[0]);
      } finally {
        rec.recycle();
      }
    };
    return traceProgram(step, [...body.examples, ...cotangents.map((t) => zerosLike(t))], "foriLoop").program;
  });
}

/** Every tangent, zeros where a rule got null (with the others' leading batch axes); null when all are null. */
function allTangents(
  primals: readonly Value[],
  tangents: readonly (Value | null)[],
): { ts: Value[]; lead: number[] } | null {
  const first = tangents.findIndex((t) => t !== null);
  if (first < 0) return null;
  const lead = leadingShape(tangents[first]!, shapeOf(primals[first]).length);
  return { ts: tangents.map((t, m) => t ?? zerosLike(primals[m], lead)), lead };
}

// carry_T = body(T-1, ... body(lower, carry_0));  d carry_T = the same loop over (carry, tangent)
const loopP: Primitive<LoopParams> = definePrimitive<LoopParams>({
  name: "foriLoop",
  impl: (args, p) => runLoops(loopP, p, args, [p.k])[0],
  jvp(primals, tangents, _out, p) {
    const filled = allTangents(primals, tangents);
    if (filled === null) return null;
    const body = jvpBody(p.body, filled.ts);
    return bind(loopP, [...primals, ...filled.ts], { ...p, body, k: primals.length + p.k });
  },
  vjp(g, primals, _out, p, ctx) {
    const pullback = pullbackBody(p.body, zeroCotangents(primals, p.k, g));
    return primals.map((_, j) => (ctx.needs[j] ? bind(loopVjpP, [...primals, g], { ...p, pullback, j }) : null));
  },
});

// carry_0̄ = the pullbacks of the steps, last to first, applied to g;  its own derivatives are those of
// that computation unrolled (order 2 through reverse mode)
const loopVjpP: Primitive<LoopVjpParams> = definePrimitive<LoopVjpParams>({
  name: "foriLoopVjp",
  impl: (args, p) => runLoops(loopVjpP, p, args, [p.j])[0],
  jvp(primals, tangents, _out, p) {
    const filled = allTangents(primals, tangents);
    if (filled === null) return null;
    const reference = (...xs: Value[]) => unrolledVjp(p, xs.slice(0, -1), xs[xs.length - 1]);
    return pushForward(reference, primals, filled.ts, filled.lead, "foriLoop")[1];
  },
  vjp(g, primals, _out, p, ctx) {
    const reference = (...xs: Value[]) => unrolledVjp(p, xs.slice(0, -1), xs[xs.length - 1]);
    const rec = record(reference, primals, "foriLoop");
    try {
      const lead = leadingShape(g, shapeOf(primals[p.j]).length);
      return rec.pull([g], lead).map((leaf, m) => (ctx.needs[m] ? leaf[0] : null));
    } finally {
      rec.recycle();
    }
  },
});

// ---- code --------------------------------------------------------------------------------------------------

/** Assigns the body's outputs to the carry variables (through temporaries when an output is a carry itself). */
function assign(code: Code, carries: readonly string[], outs: readonly string[]): void {
  if (carries.length === 1 || !outs.some((o) => carries.includes(o))) {
    carries.forEach((c, m) => code.line(`${c} = ${outs[m]};`));
    return;
  }
  code.line(`[${carries.join(", ")}] = [${outs.join(", ")}];`);
}

/** `for (i = lower; i < upper; i++) carry = body(i, carry)`, the body inline; returns the carry's names. */
function emitLoop(code: Code, p: LoopParams, args: readonly string[]): string[] {
  const prefix = code.scope();
  const carries = args.map((_, m) => `${prefix}$c${m}`);
  carries.forEach((c, m) => code.line(`let ${c} = ${args[m]};`));
  const i = `${prefix}$i`;
  code.line(`for (let ${i} = ${p.lower}; ${i} < ${p.upper}; ${i}++) {`);
  const indent = code.indent;
  code.indent += "  ";
  assign(code, carries, code.program(p.body, [i, ...carries], prefix));
  code.indent = indent;
  code.line("}");
  return carries;
}

/** The forward sweep storing each step's carry, then the backward sweep of pullbacks; returns the cotangents' names. */
function emitLoopVjp(code: Code, p: LoopVjpParams, args: readonly string[], gShape: readonly number[]): string[] {
  const n = args.length - 1;
  const carryVars = p.body.inputs.slice(1);
  const prefix = code.scope();
  const steps = Math.max(0, p.upper - p.lower);
  const stored = carryVars.map((_, m) => `${prefix}$s${m}`);
  carryVars.forEach((v, m) =>
    code.line(`const ${stored[m]} = ${v.shape.length === 0 ? `new Float64Array(${steps})` : `new Array(${steps})`};`),
  );
  const carries = carryVars.map((_, m) => `${prefix}$c${m}`);
  carries.forEach((c, m) => code.line(`let ${c} = ${args[m]};`));
  const i = `${prefix}$i`;
  const indent = code.indent;
  code.line(`for (let ${i} = ${p.lower}; ${i} < ${p.upper}; ${i}++) {`);
  code.indent += "  ";
  carries.forEach((c, m) => code.line(`${stored[m]}[${offset(i, p.lower)}] = ${c};`));
  assign(code, carries, code.program(p.body, [i, ...carries], prefix));
  code.indent = indent;
  code.line("}");
  const back = code.scope();
  const lead = gShape.slice(0, gShape.length - carryVars[p.k].shape.length);
  const cts = carryVars.map((_, m) => `${back}$g${m}`);
  carryVars.forEach((v, m) => code.line(`let ${cts[m]} = ${m === p.k ? args[n] : zeroText(code, v, lead)};`));
  code.line(`for (let ${i} = ${p.upper - 1}; ${i} >= ${p.lower}; ${i}--) {`);
  code.indent += "  ";
  const at = stored.map((s) => `${s}[${offset(i, p.lower)}]`);
  assign(code, cts, code.program(p.pullback, [i, ...at, ...cts], back));
  code.indent = indent;
  code.line("}");
  return cts;
}

/** The step's index in the stored carries. */
const offset = (i: string, lower: number) => (lower === 0 ? i : `${i} - ${numberText(lower)}`);

function zeroText(code: Code, v: Var, lead: readonly number[]): string {
  const zero = zerosLike(0, [...lead, ...v.shape]);
  return typeof zero === "number" ? "0" : code.ref(zero);
}

defineEmitter(loopP, (eq, args, code) => {
  const p = eq.params as LoopParams;
  const key = `foriLoop ${code.ref(p.body)} ${p.lower} ${p.upper} ${args.join(",")}`;
  if (!code.memo.has(key)) code.memo.set(key, emitLoop(code, p, args));
  return code.memo.get(key)![p.k];
});

defineEmitter(loopVjpP, (eq, args, code) => {
  const p = eq.params as LoopVjpParams;
  const key = `foriLoopVjp ${code.ref(p.body)} ${code.ref(p.pullback)} ${p.lower} ${p.upper} ${p.k} ${args.join(",")}`;
  const g = eq.inputs[eq.inputs.length - 1];
  const gShape = g.kind === "var" ? g.shape : shapeOf(g.value);
  if (!code.memo.has(key)) code.memo.set(key, emitLoopVjp(code, p, args, gShape));
  return code.memo.get(key)![p.j];
});

const loopCode = new WeakMap<Program, Map<string, Compiled>>();

/**
 * Runs loop primitives on concrete values, as a program of their equations (one per output in `outs`)
 * compiled alone: the loop is one JavaScript `for` with the body inline, however many leaves are returned.
 */
function runLoops<P extends LoopParams>(
  prim: Primitive<P>,
  p: P,
  args: readonly Concrete[],
  outs: number[],
): Concrete[] {
  const byKey = loopCode.get(p.body) ?? new Map<string, Compiled>();
  loopCode.set(p.body, byKey);
  const shapes = args.map((a) => shapeOf(a).join(",")).join(" ");
  const key = `${prim.name} ${p.lower} ${p.upper} ${p.k} ${outs.join(",")} ${shapes}`;
  let compiled = byKey.get(key);
  if (compiled === undefined) {
    const inputs: Var[] = args.map((a, m) => ({ kind: "var", id: m, shape: shapeOf(a) }));
    const equations = outs.map((o, m) => ({
      prim,
      inputs,
      params: (prim as Primitive) === loopVjpP ? { ...p, j: o } : { ...p, k: o },
      out: { kind: "var" as const, id: args.length + m, shape: shapeOf(args[o]) },
    }));
    compiled = compile({ inputs, equations, outputs: equations.map((e) => e.out), examples: args });
    byKey.set(key, compiled);
  }
  return compiled.run(args);
}

/**
 * A loop whose JVP loop follows in the same program (jvp(f) traced: the primal loop, then the loop over
 * (carry, tangent), which computes the carry too) reads its result from the JVP loop, so that the
 * compiled code runs the loop once (the two become one equation's outputs, shared by `memo`).
 */
export function fuseLoops(program: Program): Program {
  const eqs = [...program.equations];
  const defined = new Set(program.inputs.map((v) => v.id));
  const same = (a: Atom, b: Atom) => (a.kind === "var" ? b.kind === "var" && a.id === b.id : a === b);
  const ready = (a: Atom) => a.kind === "literal" || defined.has(a.id);
  let fused = false;
  eqs.forEach((eq, at) => {
    if (eq.prim === loopP) {
      const p = eq.params as LoopParams;
      const partner = eqs.find((e, later) => {
        if (later <= at || e.prim !== loopP) return false;
        const q = e.params as LoopParams;
        return (
          jvpOrigin.get(q.body) === p.body &&
          q.lower === p.lower &&
          q.upper === p.upper &&
          eq.inputs.every((a, m) => same(a, e.inputs[m])) &&
          e.inputs.every(ready)
        );
      });
      if (partner !== undefined) {
        eqs[at] = { ...partner, params: { ...(partner.params as LoopParams), k: p.k }, out: eq.out } as Equation;
        fused = true;
      }
    }
    defined.add(eq.out.id);
  });
  return fused ? withText({ ...program, equations: eqs }) : program;
}

// ---- the function ------------------------------------------------------------------------------------------

/**
 * carry ← body(i, carry) for i = lower, ..., upper - 1 (JAX's fori_loop); returns the final carry.
 * The carry is a number, a Tensor, or arrays/objects of them; body must return the same structure
 * and shapes. The body is traced once (i is a traced number): write it with adlab's operations, and
 * give it what it differentiates through the carry (a value of an outer grad used inside the body
 * without being in the carry is refused).
 * @example
 * foriLoop(0, 3, (_i, x) => mul(x, 2), 1)                                    // 8
 * grad((x0) => foriLoop(0, 1e6, (_i, x) => add(mul(sin(x), 1.0001), mul(0.5, x)), x0))(0.3)
 */
export function foriLoop<C extends Tree>(lower: number, upper: number, body: (i: Value, carry: C) => C, init: C): C {
  checkInteger(lower, "foriLoop", "lower");
  checkInteger(upper, "foriLoop", "upper");
  checkFunction(body, "foriLoop", "body");
  const flat = flatten(init, "foriLoop: init");
  if (upper <= lower) return init;
  const step = (i: Value, ...carry: Value[]) => {
    const out = flatten(body(i, flat.rebuild(carry)), "foriLoop: the body's result");
    sameStructure(flat, out, "foriLoop: the body's result", "the carry");
    out.leaves.forEach((o, m) => {
      if (!sameShape(shapeOf(o), shapeOf(carry[m]))) {
        throw new TypeError(
          `foriLoop: the body turns a carry of shape ${formatShape(shapeOf(carry[m]))} into ${formatShape(shapeOf(o))}; the shapes must stay the same`,
        );
      }
    });
    return out.leaves;
  };
  const { program } = traceProgram(step, [lower, ...flat.leaves], "foriLoop");
  const p = { body: dce(program), lower, upper, k: 0 };
  const leaves = flat.leaves;
  if (leaves.every(isConcrete)) {
    return flat.rebuild(
      runLoops(
        loopP,
        p,
        leaves as Concrete[],
        leaves.map((_, k) => k),
      ),
    );
  }
  return flat.rebuild(leaves.map((_, k) => bind(loopP, leaves, { ...p, k })));
}

/** The loop unrolled through bind: what foriLoop computes, step by step (for tests). */
export function foriLoopReference<C extends Tree>(
  lower: number,
  upper: number,
  body: (i: Value, carry: C) => C,
  init: C,
): C {
  const flat = flatten(init, "foriLoop: init");
  let carry = flat.leaves;
  for (let i = lower; i < upper; i++) carry = flatten(body(i, flat.rebuild(carry)), "foriLoop").leaves;
  return flat.rebuild(carry);
}
