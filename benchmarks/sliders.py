"""Slider response time in the kernel: run each notebook in a kernel, then move every slider of every Panel
through its range, and step every Stepper through all its steps and back, and report the time of recompute +
redraw + PNG (p50 / p95 / max, in ms) per notebook and panel or stepper, with the p50 of the redraw + PNG
part alone and the PNG's size.

    python benchmarks/sliders.py [notebooks/NN_name.ipynb ...]

Target: p95 ≤ 50 ms for every panel and every stepper. The learner waits for more than this: from key
press to picture, tests/test_browser.py measures in JupyterLab about 25–35 ms more (the message to the
kernel and back, JupyterLab, the browser's decoding of the PNG), and a loaded machine slows the kernel's
part, so 50 ms here is what keeps the whole under 100 ms. Each view's timings are taken in the notebook's
own kernel, in the same run, so the numbers compare views with one another on the same machine load.
"""

import json
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 50

SWEEP = r'''
import json
import time
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

def _sweep(view, moves):
    # after each move, the picture alone once more: the redraw + PNG part of the move, and the PNG's size
    view.timings.clear()
    renders, sizes = [], []
    for obj, attr, value in moves:
        setattr(obj, attr, value)
        start = time.perf_counter()
        sizes.append(len(view.render()))
        renders.append(time.perf_counter() - start)
    _t = np.array(view.timings) * 1000
    return {"view": repr(view), "n": len(_t), "p50": float(np.percentile(_t, 50)),
            "p95": float(np.percentile(_t, 95)), "max": float(_t.max()), "errors": repr(view.error),
            "render": float(np.percentile(renders, 50) * 1000), "kB": float(np.mean(sizes) / 1000)}

_report = []
for _p in Panel.open_views():
    _moves = []
    for _s in _p.sliders.values():
        _start = ("index", _s.index) if hasattr(_s, "options") else ("value", _s.value)
        _moves += [(_s, _attr, _v) for _attr, _v in _values(_s) + [_start]]
    _report.append(_sweep(_p, _moves))
for _p in Stepper.open_views():
    _start = _p.step.value
    _p.reset()
    _steps = [*range(1, _p.step.max + 1), *range(_p.step.max - 1, -1, -1), _start]
    _report.append(_sweep(_p, [(_p.step, "value", _k) for _k in _steps]))
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
    print(f"{'notebook / panel or stepper':<58}{'moves':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
          f"{'redraw+PNG p50':>16}{'PNG kB':>8}")
    worst, over = 0.0, []
    for path in paths:
        seconds, views = measure(path)
        print(f"{path.name} (run + sweep {seconds:.1f} s)")
        for p in views:
            worst = max(worst, p["p95"])
            if p["p95"] > TARGET_MS:
                over.append(f"{path.name}: {p['view']} (p95 {p['p95']:.1f} > {TARGET_MS} ms)")
            flag = "" if p["errors"] == "None" else f"  last error: {p['errors']}"
            print(f"  {p['view'][:56]:<56}{p['n']:>6}{p['p50']:>9.1f}{p['p95']:>9.1f}{p['max']:>9.1f}"
                  f"{p['render']:>16.1f}{p['kB']:>8.0f}{flag}")
        if not views:
            print("  (no slider panels or steppers)")
    print(f"worst p95: {worst:.1f} ms (target: ≤ {TARGET_MS} ms)")
    for line in over:
        print(f"over its target: {line}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
