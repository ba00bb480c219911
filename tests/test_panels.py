"""Every control panel of every notebook, driven to every slider's extremes, and every stepper, through
every step: the picture it shows equals a full draw of its figure pixel for pixel, its update never
fails, and no plot holds NaN or inf.

The notebooks' code cells run here in-process (as a kernel would run them, in the notebook's folder), so
the panels tested are exactly the notebooks' own, with their own slider ranges.
"""

import ast
import contextlib
import json
import os
from pathlib import Path

import pytest
from figures import assert_blit_matches_full_draw, assert_plots_finite

from bp_core.course.widgets import Panel, Stepper

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def run_cells(path):
    """Execute the notebook's code cells in one namespace; return the value of every cell that ends in
    an expression (what the notebook would display), in order."""
    shown, namespace = [], {"__name__": "__main__"}
    cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    with contextlib.chdir(path.parent), contextlib.redirect_stdout(None):
        for cell in cells:
            tree = ast.parse("".join(cell["source"]))
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, path.name, "exec"), namespace)
            if last is not None:
                shown.append(eval(compile(ast.Expression(last.value), path.name, "eval"), namespace))
    return shown


def extremes(slider):
    """(attribute, value) pairs that put a slider at its two ends."""
    if hasattr(slider, "options"):
        return [("index", 0), ("index", len(slider.options) - 1)]
    return [("value", slider.min), ("value", slider.max)]


def panels_of(path, kind=Panel):
    return [value for value in run_cells(path) if isinstance(value, kind)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_panel_blits_like_a_full_draw_at_every_slider_extreme(path):
    shown = run_cells(path)
    panels = [value for value in shown if isinstance(value, Panel)]
    steppers = [value for value in shown if isinstance(value, Stepper)]
    if path.stem == "00_index":
        assert not panels and not steppers
        return
    assert panels or steppers, f"{path.name} shows no control"
    for stepper in steppers:
        for step in [*range(stepper.step.max + 1), 0]:
            stepper.step.value = step
            assert stepper.error is None, f"{stepper!r} at step {step}: {stepper.error!r}"
            assert_blit_matches_full_draw(stepper.scene, stepper.render)
    for panel in panels:
        assert_blit_matches_full_draw(panel.scene, panel.render)  # the first frame too
        for name, slider in panel.sliders.items():
            start = ("index", slider.index) if hasattr(slider, "options") else ("value", slider.value)
            for attribute, value in [*extremes(slider), start]:
                setattr(slider, attribute, value)
                assert panel.error is None, f"{panel!r} at {name} = {value}: {panel.error!r}"
                assert_blit_matches_full_draw(panel.scene, panel.render)
                assert_plots_finite(panel.scene.fig)


def test_the_harness_sees_the_panels_a_notebook_shows(tmp_path):
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": [
        "from ipywidgets import FloatSlider\n",
        "from bp_core.course.scenes.chain_rule import SlopeScene\n",
        "from bp_core.course.widgets import Panel\n",
        "Panel(SlopeScene(), x=FloatSlider(min=-1, max=1, value=0),\n",
        "      h=FloatSlider(min=0.1, max=1, value=0.5))"]}
    path = tmp_path / "01_probe.ipynb"
    path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    (panel,) = panels_of(path)
    assert list(panel.sliders) == ["x", "h"]
    assert extremes(panel.sliders["h"]) == [("value", 0.1), ("value", 1.0)]
    assert os.getcwd() != str(tmp_path)  # the folder is restored
