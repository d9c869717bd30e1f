/**
 * The benchmark cases of issue 5, in the order they run and print.
 */
import type { BenchCase } from "../case";
import { chainForward, chainReverse } from "./chain";

export const CASES: BenchCase[] = [chainReverse, chainForward];
