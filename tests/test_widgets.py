import ipywidgets as widgets
import numpy as np
import pytest
from figures import assert_blit_matches_full_draw

from bp_core.course.viz import Renderer, new_figure
from bp_core.course.widgets import Panel


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
    assert panel in Panel.open_views() and repr(panel) == "Panel(Parabola; sliders: a, n)"
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
    assert panel.sliders["a"].description == "a" and "bp-panel" in panel.get_state()["_dom_classes"]
    assert "bp-status" in panel.status.get_state()["_dom_classes"]


def test_panel_shows_errors_instead_of_hiding_them():
    panel = Panel(Parabola(), a=widgets.FloatSlider(min=0, max=2, step=0.5, value=1))
    image = panel.image.value
    panel.sliders["a"].value = 2.0
    assert isinstance(panel.error, ValueError)
    assert "ValueError: a too large" in panel.status.value and panel.image.value == image
    assert len(panel.timings) == 1




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
    (other,) = scene.ax.plot(scene.x, -scene.x, lw=4, zorder=1)  # painted before the animated line
    scene.animated = [scene.line]  # `other` changes below but is not listed: the blit shows it stale
    render = Renderer(scene)
    render()
    other.set_ydata(scene.x**3)
    with pytest.raises(AssertionError, match="pixels differ from a full draw"):
        assert_blit_matches_full_draw(scene, render)


def test_artists_above_an_animated_one_are_repainted_too():
    """A legend (zorder 5) over a moving line is in the background *and* above the line: the blit must
    repaint it over the line, as a full draw does, though the scene does not list it."""
    scene = Parabola()
    scene.ax.legend([scene.line], ["a long legend label over the curve"], loc="center", fontsize=14)
    scene.animated = [scene.line]
    render = Renderer(scene)
    for a in (0.0, 0.5, 1.0):
        scene.update(a)
        assert_blit_matches_full_draw(scene, render)


def test_the_first_frame_keeps_an_animated_title():
    """Hidden during the background draw, matplotlib would move a title off the figure."""
    scene = Parabola()
    scene.ax.set_title("placeholder")
    scene.animated = [scene.line, scene.ax.title]
    render = Renderer(scene)
    scene.update(0.5)
    scene.ax.set_title("y = 0.5 x²")
    assert_blit_matches_full_draw(scene, render)  # the very first render


def test_rerunning_a_panel_cell_keeps_one_panel_and_one_figure_alive():
    """A real kernel, sent the same cell 50 times with the cell id JupyterLab sends: each run closes the
    Panel the cell made before, so one Panel and one figure stay alive (and memory stays flat)."""
    jupyter_client = pytest.importorskip("jupyter_client")
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="python3")

    def run(code, cell_id, expressions=None):
        content = {"code": code, "silent": False, "store_history": True, "allow_stdin": False,
                   "user_expressions": expressions or {}, "stop_on_error": True}
        msg = kc.session.msg("execute_request", content, metadata={"cellId": cell_id})
        kc.shell_channel.send(msg)
        while True:
            reply = kc.get_shell_msg(timeout=120)
            if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                assert reply["content"]["status"] == "ok", reply["content"]
                return {k: v["data"]["text/plain"] for k, v in reply["content"]["user_expressions"].items()}

    census = {"panels": "len(Panel.open_views())",
              "figures": "(gc.collect(), sum(isinstance(o, Figure) for o in gc.get_objects()))[1]",
              "rss_mb": "round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"}
    try:
        run("import gc, resource\nfrom ipywidgets import FloatSlider\nfrom matplotlib.figure import Figure\n"
            "from bp_core.course.scenes.chain_rule import SlopeScene\n"
            "from bp_core.course.widgets import Panel",
            "setup")
        cell = ("Panel(SlopeScene(), x=FloatSlider(min=-5, max=5, value=0.5),"
                " h=FloatSlider(min=0.01, max=2, value=1))")
        first = run(cell, "slider-cell", census)
        for _ in range(49):
            last = run(cell, "slider-cell", census)
        other = run(cell, "another-cell", census)  # a different cell keeps its own panel
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert (first["panels"], first["figures"]) == ("1", "1")
    assert (last["panels"], last["figures"]) == ("1", "1")
    assert (other["panels"], other["figures"]) == ("2", "2")
    print(f"peak RSS after 1 run: {first['rss_mb']} MB, after 50 runs: {last['rss_mb']} MB")
    assert int(last["rss_mb"]) - int(first["rss_mb"]) < 25



def test_a_panel_button_jumps_its_slider():
    slider = widgets.IntSlider(min=0, max=10, value=2)
    panel = Panel(Parabola(), a=widgets.FloatSlider(min=0, max=1, value=0.5), n=slider,
                  buttons={"next even": ("n", lambda n: n + 2 if n + 2 <= 10 else None)})
    (button,) = panel.buttons.values()
    button.click()
    assert slider.value == 4 and "n = 4" in panel.status.value
    slider.value = 10
    button.click()  # jump gives None: the slider stays
    assert slider.value == 10
    with pytest.raises(ValueError, match="moves slider 'x', but the sliders are"):
        Panel(Parabola(), a=widgets.FloatSlider(), buttons={"b": ("x", lambda v: v)})
    panel.close()
    assert button.comm is None and panel.scene is None  # the row of buttons is closed with the panel
