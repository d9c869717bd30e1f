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
 * values (`runLoops` keeps its last result).
 */
import { Tensor } from "../tensor/tensor";
import { type Concrete, type Value, isConcrete, shapeOf } from "../core/value";
import { type Primitive, bind, definePrimitive } from "../core/primitive";
import { zerosLike } from "../core/reverse";
import { leadingShape } from "../core/batch";
import { addAny } from "../core/add-any";
import { pushForward } from "../transforms/jvp";
import { record } from "../transforms/vjp";
import {
  type Atom,
  type Equation,
  type Program,
  type Var,
  dce,
  evalProgram,
  sameAtom,
  traceProgram,
  withText,
} from "./program";
import { type Code, type Compiled, compile, defineEmitter, numberText } from "./compile";
import { readRow, rowOf, rowShape, stackRows, stackedShape, writeRow } from "./rows";

export interface LoopParams {
  /** One step: inputs [i, ...carry, ...x rows, ...consts], outputs [...carry, ...y rows]. */
  readonly body: Program;
  readonly lower: number;
  readonly upper: number;
  /** How many leaves the carry has. */
  readonly carries: number;
  /** Per scanned input, the axis its rows run along (0, or behind a tangent's or cotangent's batch axes). */
  readonly xAxes: readonly number[];
  /** Per stacked output, the axis its rows are stacked along. */
  readonly yAxes: readonly number[];
  /** Which output the primitive returns: the carry's leaves, then the stacked outputs. */
  readonly k: number;
}

interface LoopVjpParams extends LoopParams {
  /**
   * The step's pullback for output k: inputs [i, ...carry, ...x rows, ...consts, ...cotangent of the new
   * carry, the cotangent of y_r when k is a stacked output, ...the consts' cotangents so far], outputs
   * [...cotangent of the carry, ...the x rows' cotangents, ...the consts' cotangents with this step's added].
   */
  readonly pullback: Program;
  /** Which input's cotangent the primitive returns. */
  readonly j: number;
}

/** The loop's inputs in their groups: the carry, the scanned inputs, the consts. */
function groups<T>(p: LoopParams, args: readonly T[]): { carry: T[]; xs: T[]; consts: T[] } {
  const [nc, nx] = [p.carries, p.xAxes.length];
  return {
    carry: args.slice(0, nc),
    xs: args.slice(nc, nc + nx),
    consts: args.slice(nc + nx, p.body.inputs.length - 1),
  };
}

const atomShape = (a: Atom): readonly number[] => (a.kind === "var" ? a.shape : shapeOf(a.value));

/** Consecutive pieces of `xs` of the sizes given. */
function split<T>(xs: readonly T[], sizes: readonly number[]): T[][] {
  let start = 0;
  return sizes.map((n) => {
    start += n;
    return xs.slice(start - n, start);
  });
}

/** The shape of output k: a carry leaf's, or the rows of a stacked output stacked. */
function outShape(p: LoopParams, k: number): readonly number[] {
  if (k < p.carries) return p.body.inputs[1 + k].shape;
  const m = k - p.carries;
  return stackedShape(atomShape(p.body.outputs[k]), p.yAxes[m], p.upper - p.lower);
}

/** Whether output k is a stacked output (its cotangent has rows). */
const stacked = (p: LoopParams) => p.k >= p.carries;

const derivedBodies = new WeakMap<Program, Map<string, Program>>();

/** A body derived from `body` (its JVP, its pullback), traced once per key. */
function derivedBody(body: Program, key: string, make: () => Program): Program {
  const byKey = derivedBodies.get(body) ?? new Map<string, Program>();
  derivedBodies.set(body, byKey);
  if (!byKey.has(key)) byKey.set(key, dce(make()));
  return byKey.get(key)!;
}

/** The body with its carry outputs only (the forward sweep of the VJP, which stores carries and no rows). */
const carryBody = (p: LoopParams) =>
  derivedBody(p.body, "carry", () => withText({ ...p.body, outputs: p.body.outputs.slice(0, p.carries) }));

/** Where a JVP loop computes its primal loop: the primal's input positions, and its outputs' positions. */
interface JvpOrigin {
  readonly body: Program;
  readonly inputs: readonly number[];
  readonly output: (k: number) => number;
}
/** The body each JVP body was derived from (fuseLoops: a loop and its JVP loop run as one). */
const jvpOrigin = new WeakMap<Program, JvpOrigin>();

/**
 * The step's JVP: inputs [i, carry, dcarry, x rows, dx rows of the moving xs, consts, dconsts of the moving
 * consts], outputs [carry, dcarry, y rows, dy rows]; tangents with leading axes `lead`.
 */
function jvpBody(p: LoopParams, lead: readonly number[], movingX: number[], movingK: number[]): Program {
  const { body } = p;
  const ex = groups(p, body.examples.slice(1));
  const zeros = (xs: readonly Value[]) => xs.map((x) => zerosLike(x, lead));
  const pick = (xs: readonly Value[], moving: number[]) => moving.map((m) => xs[m]);
  const [nc, nx, nk] = [ex.carry.length, ex.xs.length, ex.consts.length];
  const key = `jvp ${lead.join(",")} x${movingX.join(",")} k${movingK.join(",")}`;
  const derived = derivedBody(body, key, () => {
    const step = (i: Value, ...xs: Value[]) => {
      const [c, dc, r, dr, ks, dks] = split(xs, [nc, nc, nx, movingX.length, nk, movingK.length]);
      const at2 = (...sel: Value[]) => {
        const [rows, consts] = [[...r], [...ks]];
        movingX.forEach((m, j) => (rows[m] = sel[nc + j]));
        movingK.forEach((m, j) => (consts[m] = sel[nc + movingX.length + j]));
        return evalProgram(body, [i, ...sel.slice(0, nc), ...rows, ...consts]);
      };
      const moving = [...c, ...pick(r, movingX), ...pick(ks, movingK)];
      const [out, dout] = pushForward(at2, moving, [...dc, ...dr, ...dks], lead, "scan");
      return [...out.slice(0, nc), ...dout.slice(0, nc), ...out.slice(nc), ...dout.slice(nc)];
    };
    const examples = [
      ...[body.examples[0], ...ex.carry, ...zeros(ex.carry)],
      ...[...ex.xs, ...zeros(pick(ex.xs, movingX))],
      ...[...ex.consts, ...zeros(pick(ex.consts, movingK))],
    ];
    return traceProgram(step, examples, "scan").program;
  });
  const xsAt = 2 * nc;
  const constsAt = xsAt + nx + movingX.length;
  jvpOrigin.set(derived, {
    body,
    inputs: [
      ...Array.from({ length: nc }, (_, m) => m),
      ...Array.from({ length: nx }, (_, m) => xsAt + m),
      ...Array.from({ length: nk }, (_, m) => constsAt + m),
    ],
    output: (k) => (k < nc ? k : 2 * nc + (k - nc)),
  });
  return derived;
}

/** The step's pullback for output p.k, cotangents with leading axes `lead` (see LoopVjpParams). */
function pullbackBody(p: LoopParams, lead: readonly number[]): Program {
  const { body } = p;
  const ex = groups(p, body.examples.slice(1));
  const [nc, nx, nk] = [ex.carry.length, ex.xs.length, ex.consts.length];
  const hasY = stacked(p);
  return derivedBody(body, `vjp ${p.k} ${lead.join(",")}`, () => {
    const step = (i: Value, ...xs: Value[]) => {
      const [primals, cts, sums] = split(xs, [nc + nx + nk, hasY ? nc + 1 : nc, nk]);
      const step = (...a: Value[]) => {
        const out = evalProgram(body, [i, ...a]);
        return hasY ? [...out.slice(0, nc), out[p.k]] : out.slice(0, nc);
      };
      const rec = record(step, primals, "scan");
      try {
        const pulled = rec.pull(cts, lead).map((leaf) => leaf[0]);
        return [...pulled.slice(0, nc + nx), ...pulled.slice(nc + nx).map((ct, m) => addAny(sums[m], ct))];
      } finally {
        rec.recycle();
      }
    };
    const zeros = (xs: readonly Value[]) => xs.map((x) => zerosLike(x, lead));
    const yRow = hasY ? [zerosLike(body.examples[0], [...lead, ...atomShape(body.outputs[p.k])])] : [];
    const examples = [...body.examples, ...zeros(ex.carry), ...yRow, ...zeros(ex.consts)];
    return traceProgram(step, examples, "scan").program;
  });
}

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

/** The cotangents of all the loop's inputs for the cotangent g of output p.k: the sweeps unrolled through bind. */
function unrolledVjp(p: LoopVjpParams, args: readonly Value[], g: Value): Value[] {
  const { carry, xs, consts } = groups(p, args);
  const lead = leadingShape(g, outShape(p, p.k).length);
  const rows = (i: number) => xs.map((x, m) => rowOf(x, p.xAxes[m], i - p.lower));
  const stored: Value[][] = [];
  let c = [...carry];
  for (let i = p.lower; i < p.upper; i++) {
    stored.push(c);
    c = evalProgram(carryBody(p), [i, ...c, ...rows(i), ...consts]);
  }
  let ct = carry.map((x, m) => (m === p.k ? g : zerosLike(x, lead)));
  let sums = consts.map((x) => zerosLike(x, lead));
  const xRows: Value[][] = xs.map(() => []);
  for (let i = p.upper - 1; i >= p.lower; i--) {
    const r = i - p.lower;
    const gRow = stacked(p) ? [rowOf(g, p.yAxes[p.k - p.carries] + lead.length, r)] : [];
    const out = evalProgram(p.pullback, [i, ...stored[r], ...rows(i), ...consts, ...ct, ...gRow, ...sums]);
    ct = out.slice(0, p.carries);
    xRows.forEach((list, m) => (list[r] = out[p.carries + m]));
    sums = out.slice(p.carries + xs.length);
  }
  const xCts = xRows.map((list, m) =>
    stackRows(list, p.xAxes[m] + lead.length, [...lead, ...rowShape(shapeOf(xs[m]), p.xAxes[m])]),
  );
  return [...ct, ...xCts, ...sums];
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
    const pullback = pullbackBody(p, leadingShape(g, outShape(p, p.k).length));
    return primals.map((_, j) => (ctx.needs[j] ? bind(loopVjpP, [...primals, g], { ...p, pullback, j }) : null));
  },
});

// the cotangents of the inputs = the pullbacks of the steps, last to first, applied to g;  its own
// derivatives are those of that computation unrolled (order 2 through reverse mode)
const loopVjpP: Primitive<LoopVjpParams> = definePrimitive<LoopVjpParams>({
  name: "scanVjp",
  impl: (args, p) => runLoops(loopVjpP, p, args)[p.j],
  jvp(primals, tangents, _out, p) {
    const first = tangents.findIndex((t) => t !== null);
    if (first < 0) return null;
    const lead = leadingShape(tangents[first]!, shapeOf(primals[first]).length);
    const ts = tangents.map((t, m) => t ?? zerosLike(primals[m], lead));
    const reference = (...xs: Value[]) => unrolledVjp(p, xs.slice(0, -1), xs[xs.length - 1])[p.j];
    return pushForward(reference, primals, ts, lead, "scan")[1];
  },
  vjp(g, primals, _out, p, ctx) {
    const reference = (...xs: Value[]) => unrolledVjp(p, xs.slice(0, -1), xs[xs.length - 1])[p.j];
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

/** Assigns the body's outputs to the carry variables (through temporaries when an output is a carry itself). */
function assign(code: Code, carries: readonly string[], outs: readonly string[]): void {
  if (carries.length === 1 || !outs.some((o) => carries.includes(o))) {
    carries.forEach((c, m) => code.line(`${c} = ${outs[m]};`));
    return;
  }
  code.line(`[${carries.join(", ")}] = [${outs.join(", ")}];`);
}

/** Code reading row r of scanned values: a typed-array read for a vector, else a copy of the row. */
function rowReaders(
  code: Code,
  prefix: string,
  names: readonly string[],
  shapes: readonly (readonly number[])[],
  axes: readonly number[],
) {
  return names.map((x, m) => {
    if (shapes[m].length === 1) {
      code.line(`const ${prefix}$x${m} = ${x}.data;`);
      return (r: string) => `${prefix}$x${m}[${r}]`;
    }
    return (r: string) => `${code.ref(readRow)}(${x}, ${axes[m]}, ${r})`;
  });
}

/** Buffers the rows are written into: a typed-array write for numbers stacked into a vector, else a row copy. */
function rowWriters(code: Code, prefix: string, shapes: readonly (readonly number[])[], axes: readonly number[]) {
  return shapes.map((shape, m) => {
    const buffer = `${prefix}$y${m}`;
    code.line(`const ${buffer} = new Float64Array(${shape.reduce((n, d) => n * d, 1)});`);
    const write =
      shape.length === 1
        ? (r: string, y: string) => `${buffer}[${r}] = ${y};`
        : (r: string, y: string) =>
            `${code.ref(writeRow)}(${buffer}, ${code.ref([...shape])}, ${axes[m]}, ${r}, ${y});`;
    return { write, value: `new ${code.ref(Tensor)}(${buffer}, ${code.ref([...shape])})` };
  });
}

/** The rows of step i as named values (read once per step). */
function rowsAt(code: Code, readers: ReturnType<typeof rowReaders>, r: string, prefix: string): string[] {
  return readers.map((read, m) => {
    code.line(`const ${prefix}$r${m} = ${read(r)};`);
    return `${prefix}$r${m}`;
  });
}

/** The step's index in the rows and the stored carries. */
const offset = (i: string, lower: number) => (lower === 0 ? i : `${i} - ${numberText(lower)}`);

/** `for (i = lower; i < upper; i++) [carry, y_r] = body(i, carry, x_r, consts)`; returns the outputs' names. */
function emitLoop(
  code: Code,
  p: LoopParams,
  args: readonly string[],
  shapes: readonly (readonly number[])[],
): string[] {
  const g = groups(p, args);
  const prefix = code.scope();
  const readers = rowReaders(code, prefix, g.xs, groups(p, shapes).xs, p.xAxes);
  const ys = rowWriters(
    code,
    prefix,
    p.yAxes.map((_, m) => outShape(p, p.carries + m)),
    p.yAxes,
  );
  const carries = g.carry.map((_, m) => `${prefix}$c${m}`);
  carries.forEach((c, m) => code.line(`let ${c} = ${g.carry[m]};`));
  const i = `${prefix}$i`;
  code.line(`for (let ${i} = ${p.lower}; ${i} < ${p.upper}; ${i}++) {`);
  const indent = code.indent;
  code.indent += "  ";
  const r = offset(i, p.lower);
  const rows = rowsAt(code, readers, r, prefix);
  const outs = code.program(p.body, [i, ...carries, ...rows, ...g.consts], prefix);
  ys.forEach((y, m) => code.line(y.write(r, outs[p.carries + m])));
  assign(code, carries, outs.slice(0, p.carries));
  code.indent = indent;
  code.line("}");
  return [...carries, ...ys.map((y) => y.value)];
}

/** The forward sweep storing each step's carry, then the backward sweep of pullbacks; returns the cotangents' names. */
function emitLoopVjp(
  code: Code,
  p: LoopVjpParams,
  args: readonly string[],
  shapes: readonly (readonly number[])[],
): string[] {
  const g = groups(p, args);
  const gName = args[args.length - 1];
  const gShape = shapes[shapes.length - 1];
  const lead = gShape.slice(0, gShape.length - outShape(p, p.k).length);
  const xShapes = groups(p, shapes).xs;
  const [nc, nx] = [p.carries, p.xAxes.length];
  const carryVars = p.body.inputs.slice(1, 1 + nc);
  const constVars = p.body.inputs.slice(1 + nc + nx);
  const prefix = code.scope();
  const readers = rowReaders(code, prefix, g.xs, xShapes, p.xAxes);
  const steps = Math.max(0, p.upper - p.lower);
  const stored = carryVars.map((_, m) => `${prefix}$s${m}`);
  carryVars.forEach((v, m) =>
    code.line(`const ${stored[m]} = ${v.shape.length === 0 ? `new Float64Array(${steps})` : `new Array(${steps})`};`),
  );
  const carries = carryVars.map((_, m) => `${prefix}$c${m}`);
  carries.forEach((c, m) => code.line(`let ${c} = ${g.carry[m]};`));
  const i = `${prefix}$i`;
  const r = offset(i, p.lower);
  const indent = code.indent;
  code.line(`for (let ${i} = ${p.lower}; ${i} < ${p.upper}; ${i}++) {`);
  code.indent += "  ";
  carries.forEach((c, m) => code.line(`${stored[m]}[${r}] = ${c};`));
  const rows = rowsAt(code, readers, r, prefix);
  assign(code, carries, code.program(carryBody(p), [i, ...carries, ...rows, ...g.consts], prefix));
  code.indent = indent;
  code.line("}");

  const back = code.scope();
  const gReader = stacked(p)
    ? rowReaders(code, `${back}g`, [gName], [gShape], [p.yAxes[p.k - nc] + lead.length])[0]
    : null;
  const xCts = rowWriters(
    code,
    back,
    xShapes.map((s) => [...lead, ...s]),
    p.xAxes.map((a) => a + lead.length),
  );
  const cts = carryVars.map((_, m) => `${back}$g${m}`);
  carryVars.forEach((v, m) => code.line(`let ${cts[m]} = ${m === p.k ? gName : zeroText(code, v, lead)};`));
  const sums = constVars.map((_, m) => `${back}$k${m}`);
  constVars.forEach((v, m) => code.line(`let ${sums[m]} = ${zeroText(code, v, lead)};`));
  code.line(`for (let ${i} = ${p.upper - 1}; ${i} >= ${p.lower}; ${i}--) {`);
  code.indent += "  ";
  const backRows = rowsAt(code, readers, r, back);
  const gRow = gReader === null ? [] : [gReader(r)];
  const at = stored.map((s) => `${s}[${r}]`);
  const outs = code.program(p.pullback, [i, ...at, ...backRows, ...g.consts, ...cts, ...gRow, ...sums], back);
  xCts.forEach((x, m) => code.line(x.write(r, outs[nc + m])));
  assign(code, [...cts, ...sums], [...outs.slice(0, nc), ...outs.slice(nc + nx)]);
  code.indent = indent;
  code.line("}");
  return [...cts, ...xCts.map((x) => x.value), ...sums];
}

function zeroText(code: Code, v: Var, lead: readonly number[]): string {
  const zero = zerosLike(0, [...lead, ...v.shape]);
  return typeof zero === "number" ? "0" : code.ref(zero);
}

/** The loop's code, written once per program for all the outputs that differ only in which one is returned. */
function memoized(code: Code, key: string, emit: () => string[]): readonly string[] {
  if (!code.memo.has(key)) code.memo.set(key, emit());
  return code.memo.get(key)!;
}

const loopKey = (code: Code, p: LoopParams, args: readonly string[]) =>
  `${code.ref(p.body)} ${p.lower} ${p.upper} ${p.carries} ${p.xAxes} ${p.yAxes} ${args.join(",")}`;

defineEmitter(loopP, (eq, args, code) => {
  const p = eq.params as LoopParams;
  const shapes = eq.inputs.map(atomShape);
  return memoized(code, `scan ${loopKey(code, p, args)}`, () => emitLoop(code, p, args, shapes))[p.k];
});

defineEmitter(loopVjpP, (eq, args, code) => {
  const p = eq.params as LoopVjpParams;
  const shapes = eq.inputs.map(atomShape);
  const key = `scanVjp ${loopKey(code, p, args)} ${code.ref(p.pullback)} ${p.k}`;
  return memoized(code, key, () => emitLoopVjp(code, p, args, shapes))[p.j];
});

const loopCode = new WeakMap<Program, Map<string, Compiled>>();

/** The last loop run on values: binding it once per output computes it once. */
let last: { key: string; program: Program; args: readonly Concrete[]; outs: Concrete[] } | null = null;

/**
 * Runs a loop primitive on concrete values, all its outputs, as a program of its equations compiled alone:
 * one JavaScript `for` with the body inline.
 */
export function runLoops<P extends LoopParams>(prim: Primitive<P>, p: P, args: readonly Concrete[]): Concrete[] {
  const isVjp = (prim as Primitive) === loopVjpP;
  const program = isVjp ? (p as unknown as LoopVjpParams).pullback : p.body;
  const shapes = args.map((a) => shapeOf(a).join(",")).join(" ");
  // a loop computes all its outputs: p.k (which one a binding returns) is no part of the key
  const which = isVjp ? ` ${p.k}` : "";
  const key = `${prim.name} ${p.lower} ${p.upper} ${p.carries} ${p.xAxes} ${p.yAxes}${which} ${shapes}`;
  if (last !== null && last.key === key && last.program === program && last.args.every((a, m) => a === args[m])) {
    return last.outs;
  }
  const byKey = loopCode.get(program) ?? new Map<string, Compiled>();
  loopCode.set(program, byKey);
  let compiled = byKey.get(key);
  if (compiled === undefined) {
    const inputs: Var[] = args.map((a, m) => ({ kind: "var", id: m, shape: shapeOf(a) }));
    const count = isVjp ? args.length - 1 : p.carries + p.yAxes.length;
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
export function bindLoop(p: Omit<LoopParams, "k">, args: readonly Value[]): Value[] {
  const count = p.carries + p.yAxes.length;
  const params = { ...p, k: 0 };
  if (args.every(isConcrete)) return runLoops(loopP, params, args as Concrete[]);
  return Array.from({ length: count }, (_, k) => bind(loopP, args, { ...params, k }));
}

/**
 * A loop whose JVP loop follows in the same program (jvp(f) traced: the primal loop, then the loop over
 * (carry, tangent), which computes the primal outputs too) reads its result from the JVP loop, so that the
 * compiled code runs the loop once (the two become one equation's outputs, shared by `memo`).
 */
export function fuseLoops(program: Program): Program {
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
