"""The two layers as ARCHITECTURE.md draws them: the engine (bp_core/*.py) imports numpy and the standard
library only and never the course layer; it works where matplotlib and ipywidgets are not installed; and
no code of the project reaches into another object's `_private` attributes."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENGINE = sorted((ROOT / "bp_core").glob("*.py"))
COURSE = sorted((ROOT / "bp_core" / "course").rglob("*.py"))


def imported_modules(path):
    """Top-level names of the absolute imports of a file, and whether it imports relatively from `course`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "course":
            names.add("bp_core.course")
    return names


@pytest.mark.parametrize("path", ENGINE, ids=lambda p: p.name)
def test_the_engine_imports_numpy_and_the_standard_library_only(path):
    outside = imported_modules(path) - set(sys.stdlib_module_names) - {"numpy"}
    assert not outside, f"{path.name} imports {sorted(outside)}"


def test_the_engine_is_a_flat_package_beside_the_course_layer():
    assert {p.name for p in ENGINE} >= {"functions.py", "neuron.py", "layers.py", "network.py", "loops.py",
                                       "gradcheck.py", "train.py", "curvature.py", "datasets.py", "checks.py",
                                       "value.py"}
    assert (ROOT / "bp_core" / "course" / "scenes").is_dir() and COURSE


BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"matplotlib", "ipywidgets", "PIL", "IPython"}:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)")
sys.meta_path.insert(0, Block())
"""

USE_THE_ENGINE = """
import importlib, pkgutil
import numpy as np
import bp_core
names = [m.name for m in pkgutil.iter_modules(bp_core.__path__) if m.name != "course"]
for name in names:
    importlib.import_module(f"bp_core.{name}")
from bp_core import TwoLayerNet, Value, check_network, train
from bp_core.datasets import moons
X, t = moons(100, seed=0)
net = TwoLayerNet(2, 8, 2, "tanh", "softmax_ce")
history = train(net, X, t, lr=0.5, batch_size=10, epochs=5)
assert check_network(net, X[:5], t[:5]).ok and history.train_acc[-1] > 0.7
L = (Value(2.0) * Value(-3.0)).tanh()
L.backward()
print(len(names), "engine modules without matplotlib, ipywidgets, PIL or IPython")
try:
    import bp_core.course.viz
except ModuleNotFoundError as error:
    print("course layer:", error)
"""


def test_the_engine_works_without_matplotlib_and_ipywidgets():
    result = subprocess.run([sys.executable, "-c", BLOCKER + USE_THE_ENGINE], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    count = int(result.stdout.split()[0])
    assert count == len(ENGINE) - 1  # every module but __init__
    assert "course layer: No module named 'matplotlib' (blocked)" in result.stdout  # the blocker works


def private_accesses(path, root=ROOT):
    """`obj._name` where obj is not self or cls (dunders aside): "file:line: ._name" for each."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.relative_to(root)}:{node.lineno}: .{node.attr}" for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))]


CODE = sorted(p for folder in ("bp_core", "tests", "benchmarks", "tools", "notebooks")
              for p in (ROOT / folder).rglob("*.py"))


def test_no_code_reaches_into_private_attributes(tmp_path):
    found = [hit for path in CODE for hit in private_accesses(path)]
    for notebook in sorted((ROOT / "notebooks").rglob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        cells = [c for c in cells if c["cell_type"] == "code"]
        code = tmp_path / f"{notebook.stem}.py"
        code.write_text("\n\n".join("".join(c["source"]) for c in cells), encoding="utf-8")
        found += private_accesses(code, tmp_path)
    assert not found, "\n".join(found)


def test_the_private_access_check_can_fail(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def f(net, self):\n    return net._backprop(1), other._x, self._fine, net.__class__\n")
    assert sorted(private_accesses(probe, tmp_path)) == ["probe.py:2: ._backprop", "probe.py:2: ._x"]
