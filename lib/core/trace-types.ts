/**
 * The traced scalar computation that the display helpers draw and tabulate.
 * The core's tracer (trace-scalar.ts) produces it; the display helpers draw it.
 */

/** One value in a traced computation: an input, a constant, or a primitive applied to earlier nodes. */
export interface TraceNode {
  /** "w1", "w2" for inputs; "v1", "v2", ... for intermediates; the output may be named "L". */
  id: string;
  kind: "input" | "const" | "op";
  /** Primitive name for kind "op": "log", "mul", "add", "sqrt", "sin", "pow", ... */
  op?: string;
  /** Ids of the parents, in argument order. */
  inputs: string[];
  /** The node's value at the traced point. */
  value: number;
  /** Local partials d(node)/d(inputs[k]) at the point. */
  partials?: number[];
  /** Forward mode: derivative of the node with respect to the chosen input (trace.wrt). */
  tangent?: number;
  /** Reverse mode: d(output)/d(node). */
  adjoint?: number;
}

/**
 * A whole trace: nodes in evaluation order (parents before children), the output id,
 * and for forward mode the input the tangents are taken with respect to.
 */
export interface ScalarTrace {
  nodes: TraceNode[];
  output: string;
  wrt?: string;
}
