/**
 * Case 8: the gradient of a 100-layer chain x <- tanh(W x) (n = 64) keeping every activation or
 * keeping one per segment of 10 layers and recomputing the rest: peak activation memory (bytes
 * counted by each contestant) against time.
 */
import { MS, timeRatio, type BenchCase, type Results } from "../case";
import type { AdlabEntries } from "../contract";
import { randomMatrix, randomVector } from "../data";
import { LayerChain } from "../plain/layers";
import type { Instance } from "../harness";
import { absent, fromAdlab, plain } from "./common";

const [WIDTH, SEGMENT] = [64, 10];
const inputs = () => ({ w: randomMatrix(WIDTH, WIDTH, 81, 1.5 / Math.sqrt(WIDTH)), x0: randomVector(WIDTH, 82) });

function plainChain(layers: number, segment: number): Instance {
  const { w, x0 } = inputs();
  const chain = new LayerChain(w, layers, segment);
  return { run: () => chain.gradient(x0), peakBytes: () => chain.peakBytes };
}

function adlabChain(entry: NonNullable<AdlabEntries["checkpointChain"]>, layers: number, segment: number): Instance {
  const { w, x0 } = inputs();
  return entry(w, x0, layers, segment);
}

const names = {
  plainAll: "plain, all activations",
  plainSegments: `plain, checkpoint every ${SEGMENT}`,
  adlabAll: "adlab, no checkpoint",
  adlabSegments: `adlab, checkpoint every ${SEGMENT}`,
};

/** Peak bytes without checkpoints over peak bytes with them. */
function memoryRatio(results: Results, all: string, segments: string): number | undefined {
  const [layers] = results.sizes("8");
  const [a, b] = [all, segments].map((n) => results.row("8", layers, n)?.peakBytes);
  return a === undefined || b === undefined ? undefined : a / b;
}

export const checkpoint: BenchCase = {
  id: "8",
  name: "checkpoint",
  title: `checkpointing, tanh(W x) n=${WIDTH}`,
  sizes: () => [100],
  sizeLabel: (layers) => `${layers} layers`,
  work: () => 1,
  unit: MS,
  tolerance: { float64: 1e-12, float32: 1e-4 },
  adlab: names.adlabAll,
  async contestants() {
    return [
      plain(names.plainAll, (layers) => plainChain(layers, 0)),
      plain(names.plainSegments, (layers) => plainChain(layers, SEGMENT)),
      fromAdlab("checkpointChain", (entry, layers) => adlabChain(entry, layers, 0), names.adlabAll),
      fromAdlab("checkpointChain", (entry, layers) => adlabChain(entry, layers, SEGMENT), names.adlabSegments),
      absent("tfjs", "TensorFlow.js has no gradient checkpointing"),
      absent("jax-js-wasm", "jax-js 0.1.25 has no checkpoint/remat"),
    ];
  },
  targets: [
    {
      text: "peak tape memory without / with checkpoints >= 5",
      measure: (r) => memoryRatio(r, names.adlabAll, names.adlabSegments),
      limit: 5,
      atMost: false,
    },
    {
      text: "time with / without checkpoints <= 1.5",
      measure: timeRatio("8", names.adlabSegments, names.adlabAll),
      limit: 1.5,
      atMost: true,
    },
  ],
  findings: (results) => {
    const memory = memoryRatio(results, names.plainAll, names.plainSegments);
    const time = timeRatio("8", names.plainSegments, names.plainAll)(results);
    return memory === undefined || time === undefined
      ? []
      : [`case 8 plain: checkpoints cut peak activation memory ${memory.toFixed(2)}x for ${time.toFixed(2)}x the time`];
  },
};
