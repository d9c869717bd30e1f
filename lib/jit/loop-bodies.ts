/**
 * The bodies a loop's rules run (lib/jit/loop.ts), each derived from the loop's body once and kept beside it:
 * its JVP (one step over carry and tangent), its pullback (one step of the backward sweep) and the body
 * with its carry only (the VJP's forward sweep); and the VJP's sweeps unrolled through `bind`, which the
 * VJP's own derivatives differentiate.
 */
import { type Value, shapeOf } from "../core/value";
import { zerosLike } from "../core/reverse";
import { leadingShape } from "../core/batch";
import { addAny } from "../core/add-any";
import { pushForward } from "../transforms/jvp";
import { record } from "../transforms/vjp";
import { type Program, dce, evalProgram, traceProgram, withText } from "./program";
import { rowOf, rowShape, stackRows } from "./rows";
import { type Loop, type LoopParams, type LoopVjpParams, atomShape, groups, outShape, split } from "./loop-params";

const derivedBodies = new WeakMap<Program, Map<string, Program>>();

/** A body derived from `body` (its JVP, its pullback), traced once per key. */
function derivedBody(body: Program, key: string, make: () => Program): Program {
  const byKey = derivedBodies.get(body) ?? new Map<string, Program>();
  derivedBodies.set(body, byKey);
  if (!byKey.has(key)) byKey.set(key, dce(make()));
  return byKey.get(key)!;
}

/** The body with its carry outputs only (the forward sweep of the VJP, which stores carries and no rows). */
export const carryBody = (p: Loop) =>
  derivedBody(p.body, "carry", () => withText({ ...p.body, outputs: p.body.outputs.slice(0, p.carries) }));

/** Where a JVP loop computes its primal loop: the primal's input positions, and its outputs' positions. */
export interface JvpOrigin {
  readonly body: Program;
  readonly inputs: readonly number[];
  readonly output: (k: number) => number;
}
/** The body each JVP body was derived from (fuseLoops: a loop and its JVP loop run as one). */
export const jvpOrigin = new WeakMap<Program, JvpOrigin>();

/**
 * The step's JVP: inputs [i, carry, dcarry, x rows, dx rows of the moving xs, consts, dconsts of the moving
 * consts], outputs [carry, dcarry, y rows, dy rows]; tangents with leading axes `lead`.
 */
export function jvpBody(p: LoopParams, lead: readonly number[], movingX: number[], movingK: number[]): Program {
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

/** The step's pullback for the outputs `seeds`, cotangents with leading axes `lead` (see LoopVjpParams). */
export function pullbackBody(p: Loop, lead: readonly number[], seeds: readonly number[]): Program {
  const { body } = p;
  const ex = groups(p, body.examples.slice(1));
  const [nc, nx, nk] = [ex.carry.length, ex.xs.length, ex.consts.length];
  const ys = seeds.filter((s) => s >= nc);
  return derivedBody(body, `vjp ${seeds.join(",")} ${lead.join(",")}`, () => {
    const step = (i: Value, ...xs: Value[]) => {
      const [primals, cts, sums] = split(xs, [nc + nx + nk, nc + ys.length, nk]);
      const step = (...a: Value[]) => {
        const out = evalProgram(body, [i, ...a]);
        return [...out.slice(0, nc), ...ys.map((s) => out[s])];
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
    const yRows = ys.map((s) => zerosLike(0, [...lead, ...atomShape(body.outputs[s])]));
    const examples = [...body.examples, ...zeros(ex.carry), ...yRows, ...zeros(ex.consts)];
    return traceProgram(step, examples, "scan").program;
  });
}

/** The cotangents of all the loop's inputs for the cotangents gs of the outputs p.seeds: the sweeps unrolled through bind. */
export function unrolledVjp(p: LoopVjpParams, args: readonly Value[], gs: readonly Value[]): Value[] {
  const { carry, xs, consts } = groups(p, args);
  const lead = leadingShape(gs[0], outShape(p, p.seeds[0]).length);
  const rows = (i: number) => xs.map((x, m) => rowOf(x, p.xAxes[m], i - p.lower));
  const stored: Value[][] = [];
  let c = [...carry];
  for (let i = p.lower; i < p.upper; i++) {
    stored.push(c);
    c = evalProgram(carryBody(p), [i, ...c, ...rows(i), ...consts]);
  }
  let ct = carry.map((x, m) => (p.seeds.includes(m) ? gs[p.seeds.indexOf(m)] : zerosLike(x, lead)));
  const yGs = p.seeds.flatMap((s, q) =>
    s >= p.carries ? [{ g: gs[q], axis: p.yAxes[s - p.carries] + lead.length }] : [],
  );
  let sums = consts.map((x) => zerosLike(x, lead));
  const xRows: Value[][] = xs.map(() => []);
  for (let i = p.upper - 1; i >= p.lower; i--) {
    const r = i - p.lower;
    const gRows = yGs.map(({ g, axis }) => rowOf(g, axis, r));
    const out = evalProgram(p.pullback, [i, ...stored[r], ...rows(i), ...consts, ...ct, ...gRows, ...sums]);
    ct = out.slice(0, p.carries);
    xRows.forEach((list, m) => (list[r] = out[p.carries + m]));
    sums = out.slice(p.carries + xs.length);
  }
  const xCts = xRows.map((list, m) =>
    stackRows(list, p.xAxes[m] + lead.length, [...lead, ...rowShape(shapeOf(xs[m]), p.xAxes[m])]),
  );
  return [...ct, ...xCts, ...sums];
}
