import { describe, expect, it } from "vitest";
import * as ad from "../../lib";

describe("toNumber", () => {
  it("reads a number and a one-entry tensor of any shape", () => {
    expect(ad.toNumber(2.5)).toBe(2.5);
    expect(ad.toNumber(ad.max(ad.tensor([1, 3, 2])))).toBe(3);
    expect(ad.toNumber(ad.tensor([7]))).toBe(7);
    expect(ad.toNumber(ad.tensor([[-4]]))).toBe(-4);
    expect(ad.toNumber(ad.dot(ad.tensor([1, 2]), ad.tensor([3, 4])))).toBe(11);
  });

  it("refuses a tensor of several entries or none, naming its shape", () => {
    expect(() => ad.toNumber(ad.tensor([1, 2]))).toThrow(
      "toNumber: x has shape [2] (2 entries); only a single entry is a number",
    );
    expect(() => ad.toNumber(ad.zeros([0]))).toThrow(/toNumber: x has shape \[0\] \(0 entries\)/);
  });

  it("refuses a traced value and says how to read it", () => {
    expect(() => ad.grad((x: ad.Value) => ad.toNumber(x))(1)).toThrow(/toNumber: x is traced .* ad\.primal\(x\)/);
    expect(ad.grad((x: ad.Value) => ad.mul(x, ad.toNumber(ad.primal(x))))(3)).toBe(3);
  });

  it("refuses what is no value", () => {
    expect(() => ad.toNumber("3" as never)).toThrow(/toNumber: x must be a number or a one-entry Tensor, got/);
  });
});
