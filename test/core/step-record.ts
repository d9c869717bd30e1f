// A recorded step for the tapes' bookkeeping tests: only its output matters to them.
import type * as ad from "../../lib";

export const stepRecord = (out: ad.Value) => ({
  prim: undefined as never,
  primals: [],
  out,
  params: undefined,
  saved: undefined,
  parents: [0],
});
