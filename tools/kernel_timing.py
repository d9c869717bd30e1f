"""Times fresh adlab kernels the way a student meets them: start, the import cell, a first grad.

Called by the kernel benchmark case (test/bench/cases/kernel.ts) with the project's Python:
    python kernel_timing.py <runs> <kernel name>
Prints one JSON list, one entry per fresh kernel: {"start": s, "import": s, "grad": s}.
- start: from launching the kernel process until it answers kernel_info (ready for a cell);
- import: executing `import * as ad from "./lib";` until the kernel is idle again;
- grad: executing a first `ad.grad` until idle.
"""
import json
import sys
import time

from jupyter_client.manager import start_new_kernel

CELLS = {
    "import": 'import * as ad from "./lib";',
    "grad": "console.log(ad.grad((x: number) => ad.mul(x, ad.sin(x)))(2));",
}


def run_cell(client, code):
    """Executes code and waits for its reply; raises with the kernel's error text on failure."""
    started = time.perf_counter()
    reply = client.execute_interactive(code, timeout=120, output_hook=lambda message: None)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {code!r}: {reply['content']}")
    return time.perf_counter() - started


def time_one_kernel(kernel_name):
    started = time.perf_counter()
    manager, client = start_new_kernel(kernel_name=kernel_name, startup_timeout=120)
    timing = {"start": time.perf_counter() - started}
    try:
        for name, code in CELLS.items():
            timing[name] = run_cell(client, code)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return timing


def main():
    runs, kernel_name = int(sys.argv[1]), sys.argv[2]
    print(json.dumps([time_one_kernel(kernel_name) for _ in range(runs)]))


if __name__ == "__main__":
    main()
