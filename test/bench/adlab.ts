/**
 * adlab's contestants for the benchmark cases: filled by the core (lib/core, lib/tensor, lib/linalg)
 * as each feature lands, one entry per case (see `AdlabEntries` for the signatures and what each returns).
 * A missing entry shows as "adlab: n/a" in the results.
 */
import type { AdlabEntries } from "./contract";

export const adlab: AdlabEntries = {};
