"""Slider response time: run each notebook in a kernel, then move every slider of every Panel through
its range, and step every Stepper through all its steps and back, and report the time of recompute +
redraw (p50 / p95 / max, in ms) per notebook and panel or stepper.

    python benchmarks/sliders.py [notebooks/NN_name.ipynb ...]

Targets: p95 ≤ 100 ms for every panel, ≤ 50 ms for a step of every stepper. Each view's timings are taken
in the notebook's own kernel, in the same run, so the numbers compare views with one another on the same
machine load.
"""

import json
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]

SWEEP = r'''
import json
import numpy as np
from bp_core.course.widgets import Panel, Stepper

def _values(s, n=12):
    if hasattr(s, "options"):
        return [("index", i) for i in range(len(s.options))]
    lo, hi = s.min, s.max
    if hasattr(s, "base"):  # FloatLogSlider: min and max are exponents
        return [("value", float(s.base ** e)) for e in np.linspace(lo, hi, n)]
    vals = lo + np.round((np.linspace(lo, hi, n) - lo) / s.step) * s.step
    return [("value", int(v) if isinstance(s.value, int) else float(v)) for v in vals]

def _timed(view, target):
    _t = np.array(view.timings) * 1000
    return {"view": repr(view), "target": target, "n": len(_t), "p50": float(np.percentile(_t, 50)),
            "p95": float(np.percentile(_t, 95)), "max": float(_t.max()), "errors": repr(view.error)}

_report = []
for _p in Panel.open_views():
    _p.timings.clear()
    for _name, _s in _p.sliders.items():
        _start = ("index", _s.index) if hasattr(_s, "options") else ("value", _s.value)
        for _attr, _v in _values(_s) + [_start]:
            setattr(_s, _attr, _v)
    _report.append(_timed(_p, 100))
for _p in Stepper.open_views():
    _start = _p.step.value
    _p.reset()
    _p.timings.clear()
    for _k in [*range(1, _p.step.max + 1), *range(_p.step.max - 1, -1, -1), _start]:
        _p.step.value = _k
    _report.append(_timed(_p, 50))
print("SLIDERS" + json.dumps(_report))
'''


def measure(path):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(SWEEP))
    start = time.perf_counter()
    NotebookClient(nb, kernel_name="python3", timeout=900,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    seconds = time.perf_counter() - start
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    return seconds, json.loads(text.split("SLIDERS", 1)[1])


def main(paths):
    paths = [Path(p).resolve() for p in paths] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    print(f"{'notebook / panel or stepper':<58}{'moves':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    worst, over = 0.0, []
    for path in paths:
        seconds, views = measure(path)
        print(f"{path.name} (run + sweep {seconds:.1f} s)")
        for p in views:
            worst = max(worst, p["p95"])
            if p["p95"] > p["target"]:
                over.append(f"{path.name}: {p['view']} (p95 {p['p95']:.1f} > {p['target']} ms)")
            flag = "" if p["errors"] == "None" else f"  last error: {p['errors']}"
            print(f"  {p['view'][:56]:<56}{p['n']:>6}{p['p50']:>9.1f}{p['p95']:>9.1f}{p['max']:>9.1f}{flag}")
        if not views:
            print("  (no slider panels or steppers)")
    print(f"worst p95: {worst:.1f} ms (targets: ≤ 100 ms a panel, ≤ 50 ms a stepper)")
    for line in over:
        print(f"over its target: {line}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
