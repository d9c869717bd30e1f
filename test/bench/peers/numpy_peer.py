"""numpy as a benchmark peer (test/bench/peers/numpy.ts runs this with the project's .venv).

Times one float64 operation on inputs the bench wrote, the way the bench's harness times its own
contestants: a warm-up, then samples of several back-to-back runs each lasting about sample_ms,
until per_size_ms have passed (min_rounds to max_rounds samples); prints the per-run median, min,
interquartile range as JSON and writes the result for the bench to check against its reference.
BLAS threads are set by the caller's environment (OPENBLAS_NUM_THREADS and friends).

Usage: python numpy_peer.py '<job as JSON>'
"""
import json
import sys
import time

import numpy as np

OPERATIONS = {
    "matmul": lambda a, b: a @ b,
    "solve": lambda a, b: np.linalg.solve(a, b),
    # the thin SVD with its vectors, as adlab's svd computes them; S is what is checked
    "svd": lambda a: np.linalg.svd(a, full_matrices=False)[1],
}


def time_runs(run, runs):
    start = time.perf_counter()
    for _ in range(runs):
        run()
    return (time.perf_counter() - start) * 1e3 / runs


def quantile(ordered, q):
    position = (len(ordered) - 1) * q
    below = int(position)
    above = min(len(ordered) - 1, below + 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def main(job):
    inputs = [np.fromfile(path, dtype=np.float64).reshape(shape) for path, shape in job["inputs"]]
    operation = OPERATIONS[job["operation"]]
    budget = job["budget"]
    run = lambda: operation(*inputs)
    result = run()
    start = time.perf_counter()
    while (time.perf_counter() - start) * 1e3 < budget["warmupMs"]:
        result = run()
    runs = max(1, min(1_000_000, round(budget["sampleMs"] / max(time_runs(run, 1), 1e-4))))
    times = []
    start = time.perf_counter()
    for rounds in range(budget["maxRounds"]):
        elapsed = (time.perf_counter() - start) * 1e3
        if (rounds >= budget["minRounds"] and elapsed > budget["perSizeMs"]) or (rounds >= 3 and elapsed > 2 * budget["perSizeMs"]):
            break
        times.append(time_runs(run, runs))
    times.sort()
    np.asarray(result, dtype=np.float64).tofile(job["output"])
    print(json.dumps({
        "medianMs": quantile(times, 0.5),
        "minMs": times[0],
        "iqrMs": quantile(times, 0.75) - quantile(times, 0.25),
        "runsPerSample": runs,
        "samples": len(times),
    }))


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
