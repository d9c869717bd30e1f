"""Executes one notebook in a fresh adlab kernel with nbclient and writes a JSON verdict.

Called by run-notebooks.ts (which finds a Python with nbclient and prints the verdict):
    python3 execute_notebook.py <notebook> <executed copy> <result.json> <timeout seconds> <kernel name>
The verdict names the failing cell and carries the REAL error text: tslab's execute_reply names
only the error's first line (the kernel's patch adds ename/evalue), and the stack or the
TypeScript diagnostics a reader needs are in the cell's stderr stream.
"""
import json
import re
import sys
import time

import nbformat
from jupyter_client.kernelspec import NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def error_text(cell):
    """The cell's stderr stream and error outputs, as one plain string."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            parts.append(output.get("text", ""))
        elif output.get("output_type") == "error":
            heading = f"{output.get('ename', '')}: {output.get('evalue', '')}".strip(": ")
            parts.extend([heading, *output.get("traceback", [])])
    return ANSI_ESCAPE.sub("", "\n".join(part for part in parts if part)).strip()


def run(source_path, executed_path, timeout, kernel_name):
    notebook = nbformat.read(source_path, as_version=4)
    try:
        nbformat.validate(notebook)
    except nbformat.ValidationError as invalid:
        return {"status": "invalid", "message": f"not a valid nbformat 4 notebook: {invalid.message}"}
    deadline = time.monotonic() + timeout
    running = {"index": None}

    def remember_cell(cell, cell_index):
        running["index"] = cell_index

    client = NotebookClient(
        notebook,
        kernel_name=kernel_name,
        # Each cell may use what is left of the notebook's budget, so the whole notebook is bounded.
        timeout_func=lambda cell: max(1, int(deadline - time.monotonic())),
        startup_timeout=60,
        shutdown_kernel="immediate",
        on_cell_execute=remember_cell,
    )
    verdict = {"status": "ok"}
    try:
        client.execute()
    except NoSuchKernel:
        verdict = {"status": "no-kernel", "message": f"Jupyter finds no kernel named {kernel_name!r}"}
    except CellTimeoutError:
        verdict = {"status": "timeout", "message": f"the notebook ran longer than {timeout} s"}
    except DeadKernelError:
        verdict = {"status": "dead-kernel", "message": "the kernel died (its own messages, if any, are printed above)"}
    except CellExecutionError:
        verdict = {"status": "cell-error", "message": "a cell failed"}
    except RuntimeError as error:  # jupyter_client: "Kernel died before replying to kernel_info"
        verdict = {"status": "kernel-start", "message": f"the kernel did not start: {error}"}
    index = running["index"]
    if verdict["status"] != "ok" and index is not None:
        cell = notebook.cells[index]
        verdict.update(cell=index + 1, source=cell.source, error=error_text(cell))
    nbformat.write(notebook, executed_path)
    return verdict


def main():
    source_path, executed_path, result_path, timeout, kernel_name = sys.argv[1:]
    started = time.monotonic()
    verdict = run(source_path, executed_path, int(timeout), kernel_name)
    verdict["seconds"] = round(time.monotonic() - started, 2)
    with open(result_path, "w", encoding="utf-8") as result_file:
        json.dump(verdict, result_file)


if __name__ == "__main__":
    main()
