/**
 * Loops as one primitive, `scan` (JAX's scan): for i = lower, ..., upper - 1, with r = i - lower,
 *
 *     [carry, y_r] = body(i, carry, x_r, ...consts)
 *
 * where x_r is row r of each scanned input and y_r row r of each stacked output (lib/jit/rows.ts). The
 * consts are values the body closed over (captured when it was traced). `foriLoop` is a scan with no
 * rows; `scan` one with the counter unused (lib/jit/scan.ts).
 *
 * The body is traced once into a program, so a loop of 10⁶ steps is one primitive application, not 10⁶
 * records. Its rules:
 * - JVP: one loop over (carry, tangent): the body's JVP traced into a body of its own; scanned tangents
 *   are scanned inputs, stacked tangents stacked outputs, the consts' tangents consts.
 * - VJP (`scanVjp`): one forward sweep storing each step's carry (8 bytes a step for a number), then
 *   one backward sweep from the last step, each step the body's pullback (traced once, dead code
 *   removed: what the pullback needs of the forward step is recomputed from the stored carry). The
 *   rows' cotangents are stacked, the consts' cotangents summed over the steps, like JAX's scan
 *   transpose. Nested loops therefore checkpoint: an outer loop stores its carries only, and each of
 *   its steps' pullbacks runs the inner loop's sweeps again (√T memory for T = T₁·T₂ steps).
 * Compiled (lib/jit/compile.ts) each is a JavaScript `for` loop with the body's code inline; run
 * without jit, a loop is compiled alone and run the same way. The VJP's own derivatives (order 2
 * through reverse mode) are those of its reference: the sweeps unrolled through `bind`.
 *
 * A primitive has one output, so a loop binds once per output; the compiled code runs the loops that
 * differ only in the output they return once (see `memo` in compile.ts), and so does a loop run on
 * values (`runLoops` keeps its last result). Likewise the VJP is asked once per output with a
 * cotangent; in a compiled program those sweeps become one that takes every output's cotangent
 * (`fuseSweeps`), as JAX's scan transpose does.
 *
 * Beside this file: the parameters (loop-params.ts), the bodies the rules derive (loop-bodies.ts), the
 * code (loop-code.ts); the functions users call, `foriLoop` and `scan`, are in scan.ts.
 */
import { type Concrete, type Value, isConcrete, shapeOf } from "../core/value";
import { type Primitive, bind, definePrimitive } from "../core/primitive";
import { zerosLike } from "../core/reverse";
import { leadingShape } from "../core/batch";
import { pushForward } from "../transforms/jvp";
import { record } from "../transforms/vjp";
import { type Atom, type Equation, type Program, type Var, sameAtom, withText } from "./program";
import { type Code, type Compiled, compile, defineEmitter } from "./compile";
import {
  type Loop,
  type LoopParams,
  type LoopVjpParams,
  atomShape,
  groups,
  inputCount,
  loopOf,
  outShape,
} from "./loop-params";
import { jvpBody, jvpOrigin, pullbackBody, unrolledVjp } from "./loop-bodies";
import { emitLoop, emitLoopVjp } from "./loop-code";

/** Every tangent of the carry, zeros where a rule got null; the scanned inputs and consts that move. */
function tangentGroups(p: LoopParams, primals: readonly Value[], tangents: readonly (Value | null)[]) {
  const first = tangents.findIndex((t) => t !== null);
  if (first < 0) return null;
  const lead = leadingShape(tangents[first]!, shapeOf(primals[first]).length);
  const [g, t] = [groups(p, primals), groups(p, tangents)];
  const moving = (ts: readonly (Value | null)[]) => ts.flatMap((x, m) => (x === null ? [] : [m]));
  return {
    lead,
    dcarry: g.carry.map((c, m) => t.carry[m] ?? zerosLike(c, lead)),
    movingX: moving(t.xs),
    movingK: moving(t.consts),
    t,
  };
}

// [carry_T, ys] = the steps in turn;  d[carry_T, ys] = the same loop over (carry, tangent), the xs' tangents
// scanned beside the xs;  the cotangents: scanVjp
const loopP: Primitive<LoopParams> = definePrimitive<LoopParams>({
  name: "scan",
  impl: (args, p) => runLoops(loopP, p, args)[p.k],
  jvp(primals, tangents, _out, p) {
    const moving = tangentGroups(p, primals, tangents);
    if (moving === null) return null;
    const { lead, dcarry, movingX, movingK, t } = moving;
    const g = groups(p, primals);
    const [nc, ny] = [p.carries, p.yAxes.length];
    const body = jvpBody(p, lead, movingX, movingK);
    const args = [
      ...[...g.carry, ...dcarry],
      ...[...g.xs, ...movingX.map((m) => t.xs[m]!)],
      ...[...g.consts, ...movingK.map((m) => t.consts[m]!)],
    ];
    return bind(loopP, args, {
      body,
      lower: p.lower,
      upper: p.upper,
      carries: 2 * nc,
      xAxes: [...p.xAxes, ...movingX.map((m) => p.xAxes[m] + lead.length)],
      yAxes: [...p.yAxes, ...p.yAxes.map((a) => a + lead.length)],
      k: p.k < nc ? nc + p.k : 2 * nc + ny + (p.k - nc),
    });
  },
  vjp(g, primals, _out, p, ctx) {
    const seeds = [p.k];
    const pullback = pullbackBody(p, leadingShape(g, outShape(p, p.k).length), seeds);
    const params = (j: number) => ({ ...loopOf(p), seeds, pullback, j });
    return primals.map((_, j) => (ctx.needs[j] ? bind(loopVjpP, [...primals, g], params(j)) : null));
  },
});

/** The VJP unrolled through bind, as a function of the loop's inputs and then the seeds' cotangents. */
const unrolled =
  (p: LoopVjpParams) =>
  (...xs: Value[]) =>
    unrolledVjp(p, xs.slice(0, inputCount(p)), xs.slice(inputCount(p)))[p.j];

// the cotangents of the inputs = the pullbacks of the steps, last to first, applied to the seeds' cotangents;
// its own derivatives are those of that computation unrolled (order 2 through reverse mode)
const loopVjpP: Primitive<LoopVjpParams> = definePrimitive<LoopVjpParams>({
  name: "scanVjp",
  impl: (args, p) => runLoops(loopVjpP, p, args)[p.j],
  jvp(primals, tangents, _out, p) {
    const first = tangents.findIndex((t) => t !== null);
    if (first < 0) return null;
    const lead = leadingShape(tangents[first]!, shapeOf(primals[first]).length);
    const ts = tangents.map((t, m) => t ?? zerosLike(primals[m], lead));
    return pushForward(unrolled(p), primals, ts, lead, "scan")[1];
  },
  vjp(g, primals, _out, p, ctx) {
    const reference = unrolled(p);
    const rec = record(reference, primals, "scan");
    try {
      const lead = leadingShape(g, shapeOf(primals[p.j]).length);
      return rec.pull([g], lead).map((leaf, m) => (ctx.needs[m] ? leaf[0] : null));
    } finally {
      rec.recycle();
    }
  },
});

// ---- code --------------------------------------------------------------------------------------------------

/** The loop's code, written once per program for all the outputs that differ only in which one is returned. */
function memoized(code: Code, key: string, emit: () => string[]): readonly string[] {
  if (!code.memo.has(key)) code.memo.set(key, emit());
  return code.memo.get(key)!;
}

const loopKey = (code: Code, p: Loop, args: readonly string[]) =>
  `${code.ref(p.body)} ${p.lower} ${p.upper} ${p.carries} ${p.xAxes} ${p.yAxes} ${args.join(",")}`;

defineEmitter(loopP, (eq, args, code) => {
  const p = eq.params as LoopParams;
  const shapes = eq.inputs.map(atomShape);
  return memoized(code, `scan ${loopKey(code, p, args)}`, () => emitLoop(code, p, args, shapes))[p.k];
});

defineEmitter(loopVjpP, (eq, args, code) => {
  const p = eq.params as LoopVjpParams;
  const shapes = eq.inputs.map(atomShape);
  const key = `scanVjp ${loopKey(code, p, args)} ${code.ref(p.pullback)} ${p.seeds}`;
  return memoized(code, key, () => emitLoopVjp(code, p, args, shapes))[p.j];
});

const loopCode = new WeakMap<Program, Map<string, Compiled>>();

/** The last loop run on values: binding it once per output computes it once. */
let last: { key: string; program: Program; args: readonly Concrete[]; outs: Concrete[] } | null = null;

/**
 * Runs a loop primitive on concrete values, all its outputs, as a program of its equations compiled alone:
 * one JavaScript `for` with the body inline.
 */
export function runLoops<P extends LoopParams | LoopVjpParams>(
  prim: Primitive<P>,
  p: P,
  args: readonly Concrete[],
): Concrete[] {
  const isVjp = "seeds" in p;
  const program = isVjp ? p.pullback : p.body;
  const shapes = args.map((a) => shapeOf(a).join(",")).join(" ");
  // a loop computes all its outputs: which one a binding returns (k, j) is no part of the key
  const which = isVjp ? ` ${p.seeds}` : "";
  const key = `${prim.name} ${p.lower} ${p.upper} ${p.carries} ${p.xAxes} ${p.yAxes}${which} ${shapes}`;
  if (last !== null && last.key === key && last.program === program && last.args.every((a, m) => a === args[m])) {
    return last.outs;
  }
  const byKey = loopCode.get(program) ?? new Map<string, Compiled>();
  loopCode.set(program, byKey);
  let compiled = byKey.get(key);
  if (compiled === undefined) {
    const inputs: Var[] = args.map((a, m) => ({ kind: "var", id: m, shape: shapeOf(a) }));
    const count = isVjp ? inputCount(p) : p.carries + p.yAxes.length;
    const equations = Array.from({ length: count }, (_, o) => ({
      prim,
      inputs,
      params: isVjp ? { ...p, j: o } : { ...p, k: o },
      out: { kind: "var" as const, id: args.length + o, shape: isVjp ? shapeOf(args[o]) : outShape(p, o) },
    }));
    compiled = compile({ inputs, equations, outputs: equations.map((e) => e.out), examples: args });
    byKey.set(key, compiled);
  }
  const outs = compiled.run(args);
  last = { key, program, args: [...args], outs };
  return outs;
}

/** Binds a loop: all its outputs, computed at once on values, else one primitive application each. */
export function bindLoop(p: Loop, args: readonly Value[]): Value[] {
  const count = p.carries + p.yAxes.length;
  const params = { ...p, k: 0 };
  if (args.every(isConcrete)) return runLoops(loopP, params, args as Concrete[]);
  return Array.from({ length: count }, (_, k) => bind(loopP, args, { ...params, k }));
}

/** A program's loops run together where they can: a loop with its JVP loop, the reverse sweeps of one loop. */
export function fuseLoops(program: Program): Program {
  return fuseSweeps(fuseWithJvp(program));
}

/**
 * A loop whose JVP loop follows in the same program (jvp(f) traced: the primal loop, then the loop over
 * (carry, tangent), which computes the primal outputs too) reads its result from the JVP loop, so that the
 * compiled code runs the loop once (the two become one equation's outputs, shared by `memo`).
 */
function fuseWithJvp(program: Program): Program {
  const eqs = [...program.equations];
  const defined = new Set(program.inputs.map((v) => v.id));
  const ready = (a: Atom) => a.kind === "literal" || defined.has(a.id);
  let fused = false;
  eqs.forEach((eq, at) => {
    if (eq.prim === loopP) {
      const p = eq.params as LoopParams;
      const originOf = (e: Equation) => jvpOrigin.get((e.params as LoopParams).body);
      const partner = eqs.find((e, later) => {
        if (later <= at || e.prim !== loopP) return false;
        const q = e.params as LoopParams;
        const origin = originOf(e);
        return (
          origin?.body === p.body &&
          q.lower === p.lower &&
          q.upper === p.upper &&
          eq.inputs.every((a, m) => sameAtom(a, e.inputs[origin.inputs[m]])) &&
          e.inputs.every(ready)
        );
      });
      if (partner !== undefined) {
        const k = originOf(partner)!.output(p.k);
        eqs[at] = { ...partner, params: { ...(partner.params as LoopParams), k }, out: eq.out } as Equation;
        fused = true;
      }
    }
    defined.add(eq.out.id);
  });
  return fused ? withText({ ...program, equations: eqs }) : program;
}

/** The batch axes of a sweep's cotangents: its first cotangent's shape before its output's. */
function sweepLead(sweep: Equation): readonly number[] {
  const p = sweep.params as LoopVjpParams;
  const g = atomShape(sweep.inputs[inputCount(p)]);
  return g.slice(0, g.length - outShape(p, p.seeds[0]).length);
}

/** Whether two sweeps are of one loop on the same inputs, with cotangents of the same batch axes. */
function sameLoop(a: Equation, b: Equation): boolean {
  const [p, q] = [a.params as LoopVjpParams, b.params as LoopVjpParams];
  const n = inputCount(p);
  return (
    p.body === q.body &&
    p.lower === q.lower &&
    p.upper === q.upper &&
    p.carries === q.carries &&
    String(p.xAxes) === String(q.xAxes) &&
    String(p.yAxes) === String(q.yAxes) &&
    a.inputs.slice(0, n).every((x, m) => sameAtom(x, b.inputs[m])) &&
    String(sweepLead(a)) === String(sweepLead(b))
  );
}

/**
 * The reverse sweeps of one loop's outputs as one sweep. grad of a function of several of a loop's outputs
 * (a network's last state and its outputs at every step) pulls each output back with a sweep of its own, and
 * the cotangents they give each input are summed; one sweep taking all the outputs' cotangents gives that
 * sum at once (the pullback is linear). The last sweep for each input becomes the whole one, the others zeros.
 */
function fuseSweeps(program: Program): Program {
  const eqs: (Equation | null)[] = [...program.equations];
  const definedAt = new Map<number, number>(program.inputs.map((v) => [v.id, -1]));
  program.equations.forEach((eq, at) => definedAt.set(eq.out.id, at));
  const zeros = new Map<number, Atom>();
  const grouped = new Set<number>();
  let fused = false;
  program.equations.forEach((eq, at) => {
    if (eq.prim !== loopVjpP || grouped.has(at)) return;
    const group = program.equations.flatMap((e, later) =>
      later >= at && e.prim === loopVjpP && sameLoop(eq, e) ? [later] : [],
    );
    group.forEach((g) => grouped.add(g));
    const p = eq.params as LoopVjpParams;
    const n = inputCount(p);
    const cotangentOf = new Map<number, Atom>();
    for (const g of group) {
      const e = program.equations[g];
      (e.params as LoopVjpParams).seeds.forEach((s, q) => cotangentOf.set(s, e.inputs[n + q]));
    }
    const seeds = [...cotangentOf.keys()].sort((a, b) => a - b);
    if (group.every((g) => (program.equations[g].params as LoopVjpParams).seeds.length === seeds.length)) return;
    const gs = seeds.map((s) => cotangentOf.get(s)!);
    // per input, the sweeps of every seed (each output's pullback is asked for the same inputs)
    const seedsOf = new Map<number, number[]>();
    const last = new Map<number, number>();
    for (const g of group) {
      const q = program.equations[g].params as LoopVjpParams;
      seedsOf.set(q.j, [...(seedsOf.get(q.j) ?? []), ...q.seeds]);
      last.set(q.j, g);
    }
    if (![...seedsOf.values()].every((js) => js.length === seeds.length && new Set(js).size === seeds.length)) return;
    const ready = (a: Atom, before: number) => a.kind === "literal" || definedAt.get(a.id)! < before;
    if (![...last.values()].every((g) => gs.every((a) => ready(a, g)))) return;
    const pullback = pullbackBody(p, sweepLead(eq), seeds);
    for (const g of group) {
      const e = program.equations[g];
      const { j } = e.params as LoopVjpParams;
      if (last.get(j) === g) {
        eqs[g] = { ...e, inputs: [...e.inputs.slice(0, n), ...gs], params: { ...loopOf(p), seeds, pullback, j } };
        fused = true;
      } else {
        eqs[g] = null;
        zeros.set(e.out.id, { kind: "literal", value: zerosLike(0, e.out.shape) as Concrete });
      }
    }
  });
  if (!fused) return program;
  const atom = (a: Atom) => (a.kind === "var" ? (zeros.get(a.id) ?? a) : a);
  const equations = eqs.flatMap((e) => (e === null ? [] : [{ ...e, inputs: e.inputs.map(atom) }]));
  return withText({ ...program, equations, outputs: program.outputs.map(atom) });
}
