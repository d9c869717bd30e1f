/**
 * The benchmark cases of issue 5 (and case 11, of issue 14), in the order they run and print.
 */
import type { BenchCase } from "../case";
import { chainForward, chainReverse } from "./chain";
import { checkpoint } from "./checkpoint";
import { jacobian } from "./jacobian";
import { chainJit } from "./jit";
import { kernel } from "./kernel";
import { matmul } from "./matmul";
import { mlp } from "./mlp";
import { notebooks } from "./notebooks";
import { solve } from "./solve";
import { svd } from "./svd";

export const CASES: BenchCase[] = [
  chainReverse,
  chainForward,
  matmul,
  jacobian,
  mlp,
  solve,
  svd,
  checkpoint,
  notebooks,
  kernel,
  chainJit,
];
