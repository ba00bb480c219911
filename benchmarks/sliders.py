"""Slider response time: run each notebook in a kernel, then move every slider of every Panel through
its range and report the time of recompute + redraw (p50 / p95 / max, in ms) per notebook and panel.

    python benchmarks/sliders.py [notebooks/NN_name.ipynb ...]

Target: p95 ≤ 100 ms for every panel. Each panel's timings are taken in the notebook's own kernel, in the
same run, so the numbers compare panels with one another on the same machine load.
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
from bp_core.course.widgets import Panel

def _values(s, n=12):
    if hasattr(s, "options"):
        return [("index", i) for i in range(len(s.options))]
    lo, hi = s.min, s.max
    if hasattr(s, "base"):  # FloatLogSlider: min and max are exponents
        return [("value", float(s.base ** e)) for e in np.linspace(lo, hi, n)]
    vals = lo + np.round((np.linspace(lo, hi, n) - lo) / s.step) * s.step
    return [("value", int(v) if isinstance(s.value, int) else float(v)) for v in vals]

_report = []
for _p in Panel.open_views():
    _p.timings.clear()
    for _name, _s in _p.sliders.items():
        _start = ("index", _s.index) if hasattr(_s, "options") else ("value", _s.value)
        for _attr, _v in _values(_s) + [_start]:
            setattr(_s, _attr, _v)
    _t = np.array(_p.timings) * 1000
    _report.append({"panel": repr(_p), "n": len(_t), "p50": float(np.percentile(_t, 50)),
                    "p95": float(np.percentile(_t, 95)), "max": float(_t.max()), "errors": repr(_p.error)})
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
    print(f"{'notebook / panel':<58}{'moves':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    worst = 0.0
    for path in paths:
        seconds, panels = measure(path)
        print(f"{path.name} (run + sweep {seconds:.1f} s)")
        for p in panels:
            worst = max(worst, p["p95"])
            flag = "" if p["errors"] == "None" else f"  last error: {p['errors']}"
            print(f"  {p['panel'][:56]:<56}{p['n']:>6}{p['p50']:>9.1f}{p['p95']:>9.1f}{p['max']:>9.1f}{flag}")
        if not panels:
            print("  (no slider panels)")
    print(f"worst p95: {worst:.1f} ms (target ≤ 100 ms)")
    return 0 if worst <= 100 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
