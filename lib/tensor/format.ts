/**
 * NumPy-like printing of a row-major Float64Array: short, rounded, summarized when large.
 * Kept apart from Tensor so the class stays about data and shape.
 */
import { formatShape, sizeOf, stridesOf } from "./shape";

/** Above this many elements, long axes show only their first and last EDGE entries. */
const SUMMARIZE_ABOVE = 1000;
const EDGE = 3;
/** Nested output that fits in this many characters stays on one line. */
const LINE_WIDTH = 72;

/**
 * Text of a tensor, e.g. "Tensor([[1, 2], [3, 4]])", with ", shape=[…]" appended when summarized or empty.
 * @example formatTensor(new Float64Array([1, 2.5]), [2]) // "Tensor([1.0, 2.5])"
 */
export function formatTensor(data: Float64Array, shape: readonly number[]): string {
  const summarize = data.length > SUMMARIZE_ABOVE;
  const indexLists = shape.map((dim) => shownIndices(dim, summarize));
  const shown = collectShown(data, shape, indexLists);
  const text = numberFormatter(shown);
  const suffix = summarize || data.length === 0 ? `, shape=${formatShape(shape)})` : ")";
  if (shape.length === 0) return `Tensor(${text(data[0])})`;
  const oneLine = nest(data, shape, indexLists, text, 0, 0, () => ", ");
  if (oneLine.length + 8 <= LINE_WIDTH) return `Tensor(${oneLine}${suffix}`;
  // Multi-line: align columns, one innermost row per line, blank lines between higher blocks as NumPy does.
  const width = Math.max(...shown.map((v) => text(v).length));
  const padded = (v: number) => text(v).padStart(width);
  const rank = shape.length;
  const multi = nest(data, shape, indexLists, padded, 0, 0, (depth) =>
    depth === rank - 1 ? ", " : "," + "\n".repeat(rank - 1 - depth) + " ".repeat("Tensor(".length + depth + 1),
  );
  return `Tensor(${multi}${suffix}`;
}

/** Indices of an axis to print; -1 marks the "..." gap. */
function shownIndices(dim: number, summarize: boolean): number[] {
  const all = (n: number, from: number) => Array.from({ length: n }, (_, i) => from + i);
  if (!summarize || dim <= 2 * EDGE) return all(dim, 0);
  return [...all(EDGE, 0), -1, ...all(EDGE, dim - EDGE)];
}

/** The values that will be printed, so number style depends only on them. */
function collectShown(data: Float64Array, shape: readonly number[], indexLists: number[][]): number[] {
  if (data.length <= SUMMARIZE_ABOVE) return Array.from(data);
  const strides = stridesOf(shape);
  const out: number[] = [];
  const visit = (axis: number, offset: number): void => {
    if (axis === shape.length) {
      out.push(data[offset]);
      return;
    }
    for (const i of indexLists[axis]) if (i >= 0) visit(axis + 1, offset + i * strides[axis]);
  };
  visit(0, 0);
  return out;
}

/**
 * Chooses integer, fixed or exponential style from the printed values. Non-integers get up to
 * 4 decimals, the same number for every entry (the fewest that show all of them), so columns align.
 */
function numberFormatter(values: readonly number[]): (v: number) => string {
  const finite = values.filter((v) => Number.isFinite(v));
  const maxAbs = finite.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const minAbs = finite.reduce((m, v) => (v !== 0 ? Math.min(m, Math.abs(v)) : m), Infinity);
  if (finite.every((v) => Number.isInteger(v)) && maxAbs < 1e15) return (v) => String(v);
  const exponential = maxAbs >= 1e6 || minAbs < 1e-4;
  const render = (v: number, digits: number) => (exponential ? v.toExponential(digits) : v.toFixed(digits));
  const decimalsNeeded = (v: number) => {
    const fraction = /\.(\d*?)0*(e|$)/.exec(render(v, 4));
    return fraction ? fraction[1].length : 0;
  };
  const digits = finite.reduce((d, v) => Math.max(d, decimalsNeeded(v)), 1);
  return (v) => (Number.isFinite(v) ? render(v, digits).replace(/^-(0\.0*)$/, "$1") : String(v));
}

/** Bracketed nested text of the shown entries; `separator(depth)` joins siblings at that depth. */
function nest(
  data: Float64Array,
  shape: readonly number[],
  indexLists: number[][],
  text: (v: number) => string,
  axis: number,
  offset: number,
  separator: (depth: number) => string,
): string {
  const stride = sizeOf(shape.slice(axis + 1));
  const parts = indexLists[axis].map((i) => {
    if (i < 0) return "...";
    const at = offset + i * stride;
    return axis === shape.length - 1 ? text(data[at]) : nest(data, shape, indexLists, text, axis + 1, at, separator);
  });
  return `[${parts.join(separator(axis))}]`;
}
