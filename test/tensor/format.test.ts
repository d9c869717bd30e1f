import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { arange, reshape, scalar, tensor, zeros } from "../../lib/tensor";

describe("toString", () => {
  it("prints small tensors on one line like NumPy", () => {
    expect(
      String(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe("Tensor([[1, 2], [3, 4]])");
    expect(String(scalar(2.5))).toBe("Tensor(2.5)");
    expect(String(tensor([1, 2.5]))).toBe("Tensor([1.0, 2.5])");
    expect(String(tensor([1 / 3, -2]))).toBe("Tensor([0.3333, -2.0000])");
    expect(String(tensor([NaN, Infinity, 0.5]))).toBe("Tensor([NaN, Infinity, 0.5])");
    expect(String(tensor([1e-7, 2e8]))).toBe("Tensor([1.0e-7, 2.0e+8])");
  });

  it("shows the shape of empty and summarized tensors", () => {
    expect(String(zeros([0, 3]))).toBe("Tensor([], shape=[0, 3])");
    expect(String(arange(2000))).toBe("Tensor([0, 1, 2, ..., 1997, 1998, 1999], shape=[2000])");
  });

  it("breaks long output into aligned rows", () => {
    const lines = String(reshape(arange(2000), [20, 100])).split("\n");
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe("Tensor([[   0,    1,    2, ...,   97,   98,   99],");
    expect(lines[3].trim()).toBe("...,");
    expect(lines[6]).toBe("        [1900, 1901, 1902, ..., 1997, 1998, 1999]], shape=[20, 100])");
  });

  it("is what console.log shows", () => {
    const t = tensor([[1, 2]]);
    expect(inspect(t)).toBe(String(t));
  });
});
