/**
 * A loop's JavaScript (lib/jit/loop.ts): a `for` with the body's code inline, rows read from typed arrays,
 * stacked outputs written into them; the VJP's forward sweep storing each step's carry and its backward
 * sweep of the body's pullback.
 */
import { Tensor } from "../tensor/tensor";
import { zerosLike } from "../core/reverse";
import type { Var } from "./program";
import { type Code, numberText } from "./compile";
import { readRow, writeRow } from "./rows";
import { type LoopParams, type LoopVjpParams, groups, inputCount, outShape } from "./loop-params";
import { carryBody } from "./loop-bodies";

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
export function emitLoop(
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
export function emitLoopVjp(
  code: Code,
  p: LoopVjpParams,
  args: readonly string[],
  shapes: readonly (readonly number[])[],
): string[] {
  const g = groups(p, args);
  const n = inputCount(p);
  const [gNames, gShapes] = [args.slice(n), shapes.slice(n)];
  const lead = gShapes[0].slice(0, gShapes[0].length - outShape(p, p.seeds[0]).length);
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
  const gReaders = p.seeds.flatMap((s, q) =>
    s >= nc ? rowReaders(code, `${back}g${q}`, [gNames[q]], [gShapes[q]], [p.yAxes[s - nc] + lead.length]) : [],
  );
  const xCts = rowWriters(
    code,
    back,
    xShapes.map((s) => [...lead, ...s]),
    p.xAxes.map((a) => a + lead.length),
  );
  const cts = carryVars.map((_, m) => `${back}$g${m}`);
  carryVars.forEach((v, m) => {
    const q = p.seeds.indexOf(m);
    code.line(`let ${cts[m]} = ${q >= 0 ? gNames[q] : zeroText(code, v, lead)};`);
  });
  const sums = constVars.map((_, m) => `${back}$k${m}`);
  constVars.forEach((v, m) => code.line(`let ${sums[m]} = ${zeroText(code, v, lead)};`));
  code.line(`for (let ${i} = ${p.upper - 1}; ${i} >= ${p.lower}; ${i}--) {`);
  code.indent += "  ";
  const backRows = rowsAt(code, readers, r, back);
  const gRows = gReaders.map((read) => read(r));
  const at = stored.map((s) => `${s}[${r}]`);
  const outs = code.program(p.pullback, [i, ...at, ...backRows, ...g.consts, ...cts, ...gRows, ...sums], back);
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
