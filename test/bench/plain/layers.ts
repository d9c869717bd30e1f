/**
 * The deep chain of case 8 by hand, x_{k+1} = tanh(W x_k) for L layers with L = sum(x_L): its
 * gradient either keeping every activation or keeping one per segment and recomputing the rest
 * during the backward pass (checkpointing). Memory is the activations kept, counted in bytes.
 */
import type { Matrix } from "../contract";

/** W x into `out`. */
function matvecInto(w: Matrix, x: Float64Array, out: Float64Array): Float64Array {
  const n = w.cols;
  for (let i = 0; i < w.rows; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += w.data[i * n + j] * x[j];
    out[i] = sum;
  }
  return out;
}

/** tanh(W x) as a new vector. */
function layer(w: Matrix, x: Float64Array): Float64Array {
  const out = matvecInto(w, x, new Float64Array(w.rows));
  for (let i = 0; i < out.length; i++) out[i] = Math.tanh(out[i]);
  return out;
}

/**
 * [dL/dx0, dL/dW] with checkpoints every `segment` layers (0: keep all activations);
 * `peakBytes` is the most activation memory held at once in the last call.
 * @example const chain = new LayerChain(w, 100, 10); chain.gradient(x0); chain.peakBytes;
 */
export class LayerChain {
  peakBytes = 0;
  private held = 0;

  constructor(
    readonly w: Matrix,
    readonly layers: number,
    readonly segment: number,
  ) {
    if (w.rows !== w.cols) throw new Error(`LayerChain: W must be square, got ${w.rows}x${w.cols}`);
    if (segment < 0 || segment > layers) throw new Error(`LayerChain: segment must be in 0..${layers}, got ${segment}`);
  }

  gradient(x0: Float64Array): [Float64Array, Float64Array] {
    const n = this.w.rows;
    const step = this.segment === 0 ? this.layers : this.segment;
    this.held = 0;
    this.peakBytes = 0;
    // Forward: keep the input of each segment only (every input when segment = 0).
    const checkpoints: Float64Array[] = [];
    let x = x0;
    for (let k = 0; k < this.layers; k++) {
      if (this.segment === 0 || k % step === 0) checkpoints.push(this.hold(x));
      x = layer(this.w, x);
    }
    if (this.segment === 0) this.hold(x); // the last output, needed by the last layer's tanh'
    const g = new Float64Array(n).fill(1); // dL/dx_L for L = sum(x_L)
    const dW = new Float64Array(n * n);
    const d = new Float64Array(n);
    const gNext = new Float64Array(n);
    for (let start = this.layers - (this.layers % step || step); start >= 0; start -= step) {
      const end = Math.min(this.layers, start + step);
      // Activations x_start .. x_end of this segment (recomputed when checkpointing).
      const segment =
        this.segment === 0 ? checkpoints.concat([x]) : this.recompute(checkpoints[start / step], end - start);
      for (let k = end - 1; k >= start; k--) {
        const input = segment[k - start];
        const output = segment[k - start + 1];
        for (let i = 0; i < n; i++) d[i] = g[i] * (1 - output[i] * output[i]); // d tanh(z) = (1 - tanh^2) dz
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) dW[i * n + j] += d[i] * input[j]; // dW += d x^T
        gNext.fill(0);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) gNext[j] += this.w.data[i * n + j] * d[i]; // g = W^T d
        g.set(gNext);
      }
      if (this.segment !== 0) this.held -= (end - start) * n * 8; // the segment's recomputed activations are dropped
    }
    return [g, dW];
  }

  /** x_start and the `count` activations after it, counted as held memory (x_start is already held). */
  private recompute(start: Float64Array, count: number): Float64Array[] {
    const out = [start];
    for (let k = 0; k < count; k++) out.push(this.hold(layer(this.w, out[k])));
    return out;
  }

  private hold(x: Float64Array): Float64Array {
    this.held += x.byteLength;
    this.peakBytes = Math.max(this.peakBytes, this.held);
    return x;
  }
}
