"""nbgrader's Execute preprocessor, except that a cell which kills the kernel costs only itself.

nbgrader 0.9.6 gives a notebook no grades at all when its kernel dies (a student's
`process.exit()`, memory exhausted): the whole notebook then waits for manual grading. Here the
notebook runs again in a fresh kernel with that cell left out, at most `max_crashes` times, and
the cell keeps an error output that says so. The test cells before and after it are graded as
usual; what depended on the left-out cell fails its tests. nbgrader_config.py puts this class in
place of Execute.
"""
import copy

from nbclient.exceptions import DeadKernelError
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Integer


class ExecuteSkippingCrashes(Execute):
    max_crashes = Integer(3, help="How many cells that kill the kernel to leave out before giving up").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        skipped = []
        while True:
            run = copy.deepcopy(nb)
            for index in skipped:
                run.cells[index].source = ""  # nbclient does not send an empty cell to the kernel
            self._running = None
            try:
                run, resources = super().preprocess(run, resources, km)
            except DeadKernelError:
                if self._running is None or len(skipped) >= self.max_crashes:
                    raise
                self.log.warning("The kernel died in cell %d; running the notebook again without it", self._running)
                skipped.append(self._running)
                continue
            for index in skipped:
                cell = run.cells[index]
                cell.source = nb.cells[index].source
                message = "the kernel died while this cell ran; the notebook ran again without it"
                cell.outputs = [new_output("error", ename="DeadKernelError", evalue=message, traceback=[f"DeadKernelError: {message}"])]
            return run, resources

    def preprocess_cell(self, cell, resources, index):
        self._running = index
        return super().preprocess_cell(cell, resources, index)
