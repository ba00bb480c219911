import ipywidgets as widgets
import numpy as np
import pytest
from figures import assert_blit_matches_full_draw

from bp_core.feedback import check
from bp_core.viz import Renderer, new_figure
from bp_core.widgets import Panel


class Parabola:
    """A minimal scene: y = a x², updated in place."""

    def __init__(self):
        self.fig, self.ax = new_figure(figsize=(4, 3))
        self.x = np.linspace(-1, 1, 50)
        (self.line,) = self.ax.plot(self.x, self.x)

    def update(self, a, n=1):
        if a > 1.5:
            raise ValueError("a too large")
        self.line.set_ydata(a * self.x**2)
        return f"y(1) = {a:.2f}"


def test_panel_updates_image_status_and_timings():
    panel = Panel(Parabola(), a=widgets.FloatSlider(min=-1, max=2, step=0.25, value=0.5),
                  n=widgets.IntSlider(min=1, max=3, value=1))
    assert panel in Panel.instances and repr(panel) == "Panel(Parabola; sliders: a, n)"
    first = panel.image.value
    panel.sliders["a"].value = -0.25
    assert "a = −0.25" in panel.status.value
    panel.sliders["a"].value = 0.5
    assert "a = 0.50" in panel.status.value and "n = 1" in panel.status.value
    panel.sliders["a"].value = 1.0
    assert panel.image.value != first
    assert "a = 1.00 · n = 1" in panel.status.value and "y(1) = 1.00" in panel.status.value
    np.testing.assert_allclose(panel.scene.line.get_ydata(), panel.scene.x**2)
    assert len(panel.timings) == 4 and all(0 < t < 5 for t in panel.timings)
    assert panel.sliders["a"].description == "a" and "bp-panel" in panel._dom_classes
    assert "bp-status" in panel.status._dom_classes


def test_panel_shows_errors_instead_of_hiding_them():
    panel = Panel(Parabola(), a=widgets.FloatSlider(min=0, max=2, step=0.5, value=1))
    image = panel.image.value
    panel.sliders["a"].value = 2.0
    assert isinstance(panel.error, ValueError)
    assert "ValueError: a too large" in panel.status.value and panel.image.value == image
    assert len(panel.timings) == 1


def test_feedback_messages(capsys):
    assert check("y", None, 0.69).startswith("y: not yet") and "0.69" not in check("y", None, 0.69)
    assert check("y", 0.6903, 0.690283) == "y: ✓ right — 0.6903."
    assert check("y", 0.7, 0.690283) == "y: ✗ you gave 0.7, expected 0.6903."
    assert check("g", [1, 2], [1, 2.5]) == "g: ✗ you gave [1. 2.], expected [1.  2.5]."
    assert "expected shape (2,)" in check("g", 1.0, [1, 2])
    assert capsys.readouterr().out.count("\n") == 6


def test_blit_redraws_only_animated_artists_and_matches_a_full_draw():
    scene = Parabola()
    scene.animated = [scene.line]
    render = Renderer(scene)
    scene.update(0.5)
    first = render()
    assert first[:8] == b"\x89PNG\r\n\x1a\n" and len(first) > 500
    scene.update(1.0)
    assert render() != first
    assert_blit_matches_full_draw(scene, render)


def test_a_forgotten_artist_is_caught_by_the_pixel_comparison():
    scene = Parabola()
    (other,) = scene.ax.plot(scene.x, -scene.x, lw=4)
    scene.animated = [scene.line]  # `other` changes below but is not listed: the blit shows it stale
    render = Renderer(scene)
    render()
    other.set_ydata(scene.x**3)
    with pytest.raises(AssertionError, match="pixels differ from a full draw"):
        assert_blit_matches_full_draw(scene, render)
