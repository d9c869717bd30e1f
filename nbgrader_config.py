"""nbgrader's settings for adlab's notebooks: TypeScript cells on the project's kernel "adlab".

`npm run handout` and `npm run grade` run nbgrader from the project folder, where it reads this
file; a course author running nbgrader by hand does the same (see "Teaching with the exercises"
in README.md), or copies this file into a course folder of their own.
"""
import os
import sys

c = get_config()  # noqa: F821 (traitlets defines get_config for config files)

# The kernelspec lives in the project (.jupyter/kernels/adlab), found through JUPYTER_PATH, so the
# autograder starts the same kernel as `npm start` without anything installed user-wide.
_project_jupyter = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".jupyter")
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    p for p in [_project_jupyter, os.environ.get("JUPYTER_PATH")] if p
)

# Solution regions are marked `// BEGIN SOLUTION` ... `// END SOLUTION` (nbgrader matches the words
# in any comment). The stub takes their place in the student's copy; a function whose body is the
# stub compiles with any declared return type, and its test cell reports "not answered yet".
c.ClearSolutions.code_stub = {"typescript": '// YOUR CODE HERE\nthrow new Error("not answered yet");'}

# Each cell of a submission may run this long (seconds) before the kernel is interrupted; tslab
# stops a busy loop on that interrupt, the cell fails and the rest of the notebook still runs.
c.Execute.timeout = 120  # also read by ExecuteSkippingCrashes, a subclass

# nbgrader could put deleted test cells back itself (OverwriteCells.add_missing_cells), but it
# marks them with a "# " line, which is not a TypeScript comment; `npm run grade` restores deleted
# cells from the handout before nbgrader sees a submission instead.
c.OverwriteCells.add_missing_cells = False

# A cell that kills the kernel (process.exit, memory exhausted) costs only itself, not the whole
# notebook: tools/nbgrader_execute.py runs the notebook again without it.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tools"))
from nbgrader.converters import Autograde  # noqa: E402
from nbgrader.preprocessors import Execute  # noqa: E402
from nbgrader_execute import ExecuteSkippingCrashes  # noqa: E402

_steps = Autograde.class_traits()["autograde_preprocessors"].default()
c.Autograde.autograde_preprocessors = [ExecuteSkippingCrashes if s is Execute else s for s in _steps]
