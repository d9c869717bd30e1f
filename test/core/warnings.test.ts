// Near-singular inverses and solves return numbers with few correct digits: adlab says so, with
// the condition estimate, once per call site and op; the warning can be collected or silenced.
import { describe, it, expect, afterEach, vi } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

const nearlySingular = ad.tensor([
  [1, 1],
  [1, 1 + 1e-15],
]);
const classic = ad.tensor([
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
]);

/** Runs fn with a handler that collects warnings. */
function collect(fn: () => void): ad.AdlabWarning[] {
  const seen: ad.AdlabWarning[] = [];
  const previous = ad.setWarningHandler((w) => seen.push(w));
  try {
    fn();
  } finally {
    ad.setWarningHandler(previous);
  }
  return seen;
}

afterEach(() => vi.restoreAllMocks());

describe("near-singular matrices", () => {
  it("inv warns with the condition estimate (it returned entries of 1e15 without a word)", () => {
    let result: Value = ad.zeros([2, 2]);
    const seen = collect(() => (result = ad.inv(nearlySingular)));
    expect(seen).toHaveLength(1);
    expect(seen[0].op).toBe("inv");
    expect(seen[0].message).toMatch(
      /^inv: the matrix is close to singular: condition number ≈ 3\.6e\+15 \(1-norm\), so the result may have no correct digit/,
    );
    expect(seen[0].site).toMatch(/warnings\.test\.ts:\d+:\d+$/); // the user's line, not adlab's
    expect(Math.abs((result as ad.Tensor).data[0])).toBeGreaterThan(1e14); // the number is still returned
  });
  it("solve warns too, and the classic singular 1..9 matrix is caught", () => {
    const seen = collect(() => {
      ad.solve(classic, ad.tensor([1, 2, 3]));
      ad.inv(classic);
    });
    expect(seen.map((w) => w.op)).toEqual(["solve", "inv"]);
    expect(seen[0].message).toMatch(/condition number ≈ \d\.\de\+1[6-9]/);
  });
  it("says it once per call site in a loop, and again at another line", () => {
    const seen = collect(() => {
      for (let i = 0; i < 100; i++) ad.inv(nearlySingular);
      ad.inv(nearlySingular);
    });
    expect(seen).toHaveLength(2);
    expect(seen[0].site).not.toBe(seen[1].site);
  });
  it("the derivative rules' own solves with the same matrix do not repeat it", () => {
    const seen = collect(() => ad.grad((a: Value) => ad.sum(ad.solve(a, ad.ones([2]))))(nearlySingular));
    expect(seen).toHaveLength(1);
    const nested = collect(() => ad.hessian((a: Value) => ad.sum(ad.inv(a)))(nearlySingular));
    expect(nested).toHaveLength(1);
  });
  it("names the user's line, also through adlab frames that name no file (Array.map's, in a stack of matrices)", () => {
    const seen = collect(() => ad.inv(ad.stack([ad.eye(2), nearlySingular])));
    expect(seen).toHaveLength(1);
    expect(seen[0].site).toMatch(/\/test\/core\/warnings\.test\.ts:\d+:\d+$/);
  });
  it("well-conditioned matrices say nothing", () => {
    const hilbert = ad.tensor(
      Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => 1 / (i + j + 1))),
    );
    expect(collect(() => (ad.inv(ad.eye(3)), ad.solve(hilbert, ad.ones([6])), ad.inv(ad.randn([20, 20], 1))))).toEqual(
      [],
    );
  });
  it("goes to console.warn by default, and setWarningHandler(null) silences it", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const previous = ad.setWarningHandler("console");
    ad.inv(nearlySingular);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(
      /^inv: the matrix is close to singular.*\[at .*warnings\.test\.ts:\d+:\d+; shown once per call site\]$/,
    );
    ad.setWarningHandler(null);
    ad.inv(nearlySingular);
    expect(warn).toHaveBeenCalledTimes(1);
    ad.setWarningHandler(previous);
    expect(() => ad.setWarningHandler(1 as unknown as null)).toThrow(
      /^setWarningHandler: expected a function, "console" or null, got number/,
    );
  });
});
