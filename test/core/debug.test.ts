// The NaN switch: the first operation that makes a NaN from inputs without one throws, naming it.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

describe("setDebugNans and withDebugNans", () => {
  it("names the op and its input shapes, wherever in a tensor the NaN appears", () => {
    expect(() => ad.withDebugNans(() => ad.log(ad.tensor([1, 2, -1])))).toThrow(
      /^log produced NaN from inputs without NaN \(input shapes: \[3\]\); check the op's domain$/,
    );
    expect(() => ad.withDebugNans(() => ad.mul(ad.tensor([Infinity, 1]), 0))).toThrow(
      /^mul produced NaN from inputs without NaN \(input shapes: \[2\], \[\]\)/,
    );
    expect(() =>
      ad.withDebugNans(() =>
        ad.sqrt(
          ad.tensor([
            [1, 2],
            [3, -4],
          ]),
        ),
      ),
    ).toThrow(/^sqrt produced NaN from inputs without NaN \(input shapes: \[2, 2\]\)/);
  });
  it("lets a NaN through that an input already held, and results without NaN", () => {
    expect(ad.withDebugNans(() => ad.add(NaN, 1))).toBeNaN();
    expect(Array.from((ad.withDebugNans(() => ad.sin(ad.tensor([1, NaN]))) as ad.Tensor).data)[1]).toBeNaN();
    expect(ad.withDebugNans(() => ad.grad((x: Value) => ad.log(x))(2))).toBe(0.5);
  });
  it("returns the previous setting and restores it, also after a throw", () => {
    expect(ad.setDebugNans(true)).toBe(false);
    expect(ad.setDebugNans(false)).toBe(true);
    expect(() => ad.withDebugNans(() => ad.log(-1))).toThrow(/log produced NaN/);
    expect(ad.log(-1)).toBeNaN();
    ad.setDebugNans(true);
    expect(ad.withDebugNans(() => 1)).toBe(1);
    expect(() => ad.log(-1)).toThrow(/log produced NaN/); // still on: withDebugNans restored "on"
    ad.setDebugNans(false);
  });
  it("refuses what is not a boolean or a function", () => {
    expect(() => ad.setDebugNans(1 as unknown as boolean)).toThrow(
      /^setDebugNans: expected true or false, got number$/,
    );
    expect(() => ad.withDebugNans(1 as unknown as () => number)).toThrow(
      /^withDebugNans: expected a function to run, got number$/,
    );
  });
});
