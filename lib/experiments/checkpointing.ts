/**
 * Memory and time of the backward pass of a deep chain, with and without checkpointing
 * (notebooks 03 and 06).
 *
 * The chain is K layers v ↦ tanh(W v). Without checkpointing the tape keeps every layer, so its
 * peak grows like K. With `checkpoint` around blocks of b ≈ √K layers it keeps the K/b block
 * inputs plus, during the backward pass, the tape of the one block being recomputed: about
 * K/b + b ≈ 2√K layers, so memory(checkpointed)/memory(plain) should fall like K^(−1/2). The
 * price is running every block forward once more, a constant factor on the backward time.
 */
import type { Tensor } from "../tensor/tensor";
import { randn } from "../tensor/random";
import { mul } from "../ops/arith";
import { tanh } from "../ops/math";
import { sum } from "../ops/reduce";
import { matmul } from "../ops/matmul";
import type { Value } from "../core/value";
import { resetTapeMemory, tapeMemory } from "../core/tape";
import { checkpoint } from "../transforms/custom";
import { vjp } from "../transforms/vjp";
import { logLogSlope } from "../measure/fit";
import { timePullback } from "../measure/time-pullback";
import { type Experiment, type Series, runOptions } from "./experiment";

const WIDTH = 64;
const names = ["peak tape memory: checkpointed / plain", "backward time: checkpointed / plain"];

/** A scalar loss of K layers tanh(W v); with block > 0, each run of `block` layers is one checkpoint. */
export function deepChain(W: Value, depth: number, block = 0): (v: Value) => Value {
  const layers = (count: number) => (v: Value) => {
    for (let k = 0; k < count; k++) v = tanh(matmul(W, v));
    return v;
  };
  if (block <= 0) return (v: Value) => sum(layers(depth)(v));
  // Blocks of `block` layers, the last one shorter when block does not divide the depth.
  const sizes = Array.from({ length: Math.ceil(depth / block) }, (_, k) => Math.min(block, depth - k * block));
  const pieces = sizes.map((size) => checkpoint(layers(size)));
  return (v: Value) => {
    for (const piece of pieces) v = piece(v);
    return sum(v);
  };
}

/** Peak tape bytes while one gradient is recorded and pulled back, beyond what was held before. */
function peakBytes(loss: (v: Value) => Value, x: Value): number {
  resetTapeMemory();
  const before = tapeMemory().live;
  const [, pullback] = vjp(loss, x);
  pullback(1);
  return tapeMemory().peak - before;
}

/** Milliseconds of one backward pass (median; the recording is not counted). */
function backwardMs(loss: (v: Value) => Value, x: Value): number {
  return timePullback(
    () => {
      const [, pullback] = vjp(loss, x);
      return () => pullback(1);
    },
    { samples: 11, minSampleMs: 5 },
  ).median;
}

/**
 * Findings at the largest depth K: `memory ratio` and `time ratio` (checkpointed / plain), and
 * their log-log slopes against K (`memory slope` about −1/2, `time slope` about 0).
 */
export function checkpointingFindings(series: Series[]): Record<string, number> {
  const [memory, time] = series;
  const last = memory.x.length - 1;
  return {
    depth: memory.x[last],
    "memory ratio": memory.y[last],
    "time ratio": time.y[last],
    "memory slope": logLogSlope(memory.x, memory.y),
    "time slope": logLogSlope(time.x, time.y),
  };
}

export const checkpointing: Experiment = {
  name: "checkpointing",
  title: "Checkpointing blocks of √K layers: memory and time against the plain tape",
  columns: ["depth K (layers)", "checkpointed / plain"],
  seriesNames: names,
  layout: {
    title: "Checkpointing blocks of √K layers, against the plain tape",
    xaxis: { title: "depth K (layers)", type: "log", dtick: 1, exponentformat: "power" },
    yaxis: { title: "checkpointed / plain", type: "log", dtick: 1, exponentformat: "power" },
    legend: { orientation: "h", y: -0.25 },
  },
  run(options) {
    const { quick, onPoint } = runOptions(options, "checkpointing.run");
    const depths = quick ? [4, 9, 16, 36] : [4, 9, 16, 36, 64, 144, 256];
    const W = mul(randn([WIDTH, WIDTH], 3), 1 / Math.sqrt(WIDTH)) as Tensor;
    const x = randn([WIDTH], 4);
    const series: Series[] = names.map((name) => ({ name, x: [], y: [] }));
    let done = 0;
    for (const depth of depths) {
      const plain = deepChain(W, depth);
      const blocked = deepChain(W, depth, Math.round(Math.sqrt(depth)));
      const ratios = [peakBytes(blocked, x) / peakBytes(plain, x), backwardMs(blocked, x) / backwardMs(plain, x)];
      ratios.forEach((ratio, k) => {
        series[k].x.push(depth);
        series[k].y.push(ratio);
        onPoint?.(k, depth, ratio, ++done, 2 * depths.length);
      });
    }
    return { series, findings: checkpointingFindings(series) };
  },
};
