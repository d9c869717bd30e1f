// Every export of lib/index.ts, fed random bad values through each of its arguments (null,
// undefined, NaN, ±∞, strings, ragged arrays, wrong shapes, junk options): a value that no
// argument takes must be refused, every error must be an Error whose message names the
// operation (never V8's "Cannot read properties of undefined"), no call may take long, and the
// library must keep working afterwards. Parameter objects whose keys are written in another
// order must give the same results, key by key.
import { describe, it, expect, beforeAll, afterAll, vi } from "vitest";
import fc from "fast-check";
import * as ad from "../../lib";
import type { Value } from "../../lib";
import * as fs from "node:fs";
import { PAGE_FOLDER, constants, specs, sinSum, type Spec } from "./specs";

/** Messages of JavaScript itself: an error that reaches the user as one of these was not caught by adlab. */
const ENGINE =
  /Cannot read propert|is not a function|is not iterable|Invalid typed array length|Maximum call stack|Cannot convert|is not a constructor|Reduce of empty array|Invalid array length|Cannot mix BigInt|Do not know how to serialize|Array buffer allocation failed|Cannot create property/;

type Outcome = { threw: false; value: unknown } | { threw: true; error: unknown };

async function outcome(run: () => unknown): Promise<Outcome> {
  try {
    const value = run();
    return { threw: false, value: value instanceof Promise ? await value : value };
  } catch (error) {
    return { threw: true, error };
  }
}

function describeArg(x: unknown): string {
  if (typeof x === "symbol" || typeof x === "bigint") return String(x);
  if (typeof x === "function") return `function ${x.name || "anonymous"}`;
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return Object.prototype.toString.call(x);
  }
}

/** The problems with one call's outcome; `bad` says whether an argument was one that must be refused. */
function problems(name: string, spec: Spec, out: Outcome, bad: boolean, ms: number): string[] {
  const found: string[] = [];
  if (ms > 3000) found.push(`took ${ms.toFixed(0)} ms`);
  if (!out.threw) {
    if (bad) found.push(`returned ${describeArg(out.value)?.slice(0, 80)} instead of refusing the bad argument`);
    return found;
  }
  const { error } = out;
  if (!(error instanceof Error)) return [...found, `threw a non-Error ${describeArg(error)}`];
  const names = spec.names ?? [name.split(".")[0]];
  const message = error.message;
  if (!names.some((n) => message.toLowerCase().includes(n.toLowerCase())))
    found.push(`message does not name ${names.join(" or ")}: "${message}"`);
  if (ENGINE.test(message)) found.push(`an engine message reached the user: "${message}"`);
  return found;
}

const baseline = { live: 0 };
const sanity = () => ad.grad(ad.sin)(0) === 1 && (ad.jacfwd(ad.exp)(ad.tensor([0])) as ad.Tensor).data[0] === 1;

beforeAll(() => {
  ad.setDisplaySink(() => undefined);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  baseline.live = ad.tapeMemory().live;
});
afterAll(() => {
  fs.rmSync(PAGE_FOLDER, { recursive: true, force: true });
  ad.setDisplaySink(null);
  vi.restoreAllMocks();
});

describe("every export refuses bad values by name and keeps working", () => {
  it("has a spec for every export of lib/index.ts (a new export needs one in test/fuzz/specs.ts)", () => {
    const missing = Object.keys(ad).filter((key) => !constants.has(key) && !(key in specs));
    expect(missing).toEqual([]);
  });

  for (const [name, spec] of Object.entries(specs)) {
    it(name, async () => {
      const validArgs = fc.tuple(...spec.args.map((a) => a.valid));
      const found: string[] = [];
      if (!spec.onlyBad) {
        // the spec must exercise the function: valid arguments work
        let worked = 0;
        for (const args of fc.sample(validArgs, { numRuns: 6, seed: 1 })) {
          const out = await outcome(() => spec.call(...args));
          if (!out.threw) worked++;
          else
            found.push(
              ...problems(name, spec, out, false, 0).map((p) => `valid ${args.map(describeArg).join(", ")}: ${p}`),
            );
        }
        if (worked === 0) found.push("no valid call worked");
      }
      const slots = spec.args
        .map((a, i) => [i, a] as const)
        .filter(([, a]) => a.bad.length + (spec.onlyBad ? 0 : (a.odd?.length ?? 0)) > 0);
      if (slots.length > 0) {
        const replacement = fc
          .constantFrom(...slots)
          .chain(([i, a]) =>
            fc.tuple(
              fc.constant(i),
              fc.constantFrom(
                ...a.bad.map((v) => [v, true] as const),
                ...(spec.onlyBad ? [] : (a.odd ?? [])).map((v) => [v, false] as const),
              ),
            ),
          );
        await fc.assert(
          fc.asyncProperty(validArgs, replacement, async (args, [slot, [value, bad]]) => {
            const call = [...args];
            call[slot] = value;
            const start = performance.now();
            const out = await outcome(() => spec.call(...call));
            const issues = problems(name, spec, out, bad, performance.now() - start);
            if (!sanity()) issues.push("the library stopped working afterwards");
            if (name !== "vjp" && ad.tapeMemory().live !== baseline.live)
              issues.push(`tape memory left behind: ${ad.tapeMemory().live - baseline.live} bytes`);
            baseline.live = ad.tapeMemory().live;
            found.push(...issues.map((p) => `argument ${slot + 1} = ${describeArg(value).slice(0, 60)}: ${p}`));
          }),
          { seed: 7, numRuns: 120 },
        );
      }
      expect([...new Set(found)]).toEqual([]);
    });
  }
});

describe("parameter objects line up by key, whatever order their keys are written in", () => {
  /** A copy of a tree with every object's keys in the order `order` picks. */
  const reorder = (tree: unknown, order: (keys: string[]) => string[]): unknown => {
    if (Array.isArray(tree)) return tree.map((t) => reorder(t, order));
    if (tree !== null && typeof tree === "object" && [Object.prototype, null].includes(Object.getPrototypeOf(tree))) {
      const o = tree as Record<string, unknown>;
      return Object.fromEntries(order(Object.keys(o)).map((key) => [key, reorder(o[key], order)]));
    }
    return tree;
  };
  /** The tree's numbers by path, so results compare key by key and not by position. */
  const byPath = (tree: unknown, at = ""): Record<string, number[]> => {
    if (typeof tree === "number") return { [at]: [tree] };
    if (tree instanceof ad.Tensor) return { [at]: Array.from(tree.data) };
    if (Array.isArray(tree)) return Object.assign({}, ...tree.map((t, i) => byPath(t, `${at}[${i}]`)));
    return Object.assign(
      {},
      ...Object.entries(tree as Record<string, unknown>).map(([key, t]) => byPath(t, `${at}.${key}`)),
    );
  };
  const leaf = fc.oneof(
    fc.double({ min: -2, max: 2, noNaN: true }),
    fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 3 }).map((a) => ad.tensor(a)),
  );
  const params = fc.dictionary(
    fc.constantFrom("w", "b", "scale", "bias", "W1"),
    fc.oneof(leaf, fc.dictionary(fc.constantFrom("u", "v", "a"), leaf, { minKeys: 1 })),
    { minKeys: 2 },
  );
  const shuffle = fc
    .func(fc.integer())
    .map((rank) => (keys: string[]) => [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1)));

  it("grad, valueAndGrad, jvp, hvp and vjp", () => {
    fc.assert(
      fc.property(params, shuffle, shuffle, (p: any, order1, order2) => {
        const q: any = reorder(p, order1);
        const tangent: any = halved(p);
        const shuffled: any = reorder(tangent, order2);
        // the same numbers at the same keys (up to the rounding of a different summation order)
        const same = (a: unknown, b: unknown) => {
          const [x, y] = [byPath(a), byPath(b)];
          expect(Object.keys(x).sort()).toEqual(Object.keys(y).sort());
          for (const key of Object.keys(y))
            expect(
              x[key].map((v, i) => Math.abs(v - y[key][i]) <= 1e-12 * Math.max(1, Math.abs(y[key][i]))),
            ).not.toContain(false);
        };
        same(ad.grad(sinSum)(q), ad.grad(sinSum)(p));
        same(ad.valueAndGrad(sinSum)(q), ad.valueAndGrad(sinSum)(p));
        same(ad.jvp(sinSum, [p], [shuffled]), ad.jvp(sinSum, [p], [tangent]));
        same(ad.jvp(sinSum, [q], [tangent]), ad.jvp(sinSum, [p], [tangent]));
        same(ad.hvp(sinSum)(q, shuffled), ad.hvp(sinSum)(p, tangent));
        const [, pullback] = ad.vjp((x: unknown) => reorder(x, (keys) => [...keys].reverse()), p);
        same(pullback(shuffled)[0], tangent);
        same(ad.primal(q), p);
      }),
      { seed: 3, numRuns: 60 },
    );
  });

  /** The same tree with every leaf halved. */
  function halved(p: unknown): unknown {
    if (typeof p === "number" || p instanceof ad.Tensor) return ad.mul(0.5, p as Value);
    const o = p as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).map((key) => [key, halved(o[key])]));
  }
});
