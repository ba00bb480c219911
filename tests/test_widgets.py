import base64
import html
import re
import struct

import ipywidgets as widgets
import numpy as np
import pytest
from figures import assert_blit_matches_full_draw
from test_graph_scene import micrograd

from bp_core.course.scenes.graph import GraphScene
from bp_core.course.viz import Renderer, new_figure
from bp_core.course.widgets import Panel, Stepper, presentation


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


# ---- presentation mode ----


@pytest.fixture
def presenting(monkeypatch):
    """Presentation mode switched on for the test; back to following Voilà ("auto") afterwards."""
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    presentation(True)
    yield
    presentation("auto")


def png_size(png):
    """(width, height) of a PNG, from its IHDR chunk."""
    return struct.unpack(">II", png[16:24])


def img_of(view):
    """(alt, PNG bytes) of the <img> a view shows."""
    alt, source = re.search(r'alt="([^"]*)".*src="data:image/png;base64,([^"]+)"', view.image.value).groups()
    return html.unescape(alt), base64.b64decode(source)


def test_presentation_follows_voila_until_switched(monkeypatch):
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    assert presentation("auto") is False
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    assert presentation() is True
    assert presentation(False) is False and presentation() is False  # switched: Voilà no longer decides
    assert presentation("auto") is True
    monkeypatch.setenv("SERVER_SOFTWARE", "TornadoServer/6.5")
    assert presentation() is False
    for bad in (1, "on", np.bool_(True)):
        with pytest.raises(TypeError, match=r"presentation\(on\): on must be True, False, \"auto\""):
            presentation(bad)
    assert presentation() is False


def test_a_renderer_at_scale_2_draws_twice_the_pixels_of_the_same_picture():
    one, two = Parabola(), Parabola()
    one.update(0.5), two.update(0.5)
    small, large = Renderer(one)(), Renderer(two, scale=2)
    assert png_size(small) == (400, 300) and large.css_size == (400, 300)
    assert png_size(large()) == (800, 600)
    for bad in (0, -1, True, "2", float("nan")):
        with pytest.raises(ValueError, match="scale must be a positive number"):
            Renderer(Parabola(), scale=bad)


def test_a_panel_in_presentation_mode_is_large_sharp_and_keeps_its_alt(presenting):
    panel = Panel(Parabola(), a=widgets.FloatSlider(min=-1, max=2, step=0.25, value=0.5))
    assert panel.presenting and "bp-presentation" in panel.get_state()["_dom_classes"]
    assert "bp-beside" not in panel.get_state()["_dom_classes"]  # one slider: above the picture
    style = panel.children[-1]
    assert "font-size: 24px" in style.value and ".bp-width-400 img { width: 400px" in style.value
    alt, png = img_of(panel)
    assert png_size(png) == (800, 600) and alt == "y(1) = 0.50"  # a scene without describe: its status
    panel.sliders["a"].value = 1.0
    assert img_of(panel)[0] == "y(1) = 1.00" and panel.sliders["a"].layout.width == "600px"


def test_a_panel_with_many_sliders_puts_them_beside_its_picture(presenting):
    sliders = {name: widgets.FloatSlider(min=0, max=1, value=0.5) for name in ("a", "n", "b", "c")}

    class Four(Parabola):
        def update(self, a, n, b, c):
            return super().update(a)

    panel = Panel(Four(), **sliders)
    assert "bp-beside" in panel.get_state()["_dom_classes"]
    row = panel.children[0]
    column, image = row.children
    assert list(column.children) == list(sliders.values()) and image is panel.image
    assert panel.children[1] is panel.status  # then the status line, then the <style>
    assert {slider.style.description_width for slider in sliders.values()} == {"1.4em"}
    panel.sliders["b"].value = 0.25  # still live after the regrouping
    assert "b = 0.25" in panel.status.value


def test_outside_presentation_mode_a_panel_is_as_before(monkeypatch):
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    presentation("auto")
    panel = Panel(Parabola(), a=widgets.FloatSlider(min=-1, max=2, value=0.5))
    assert not panel.presenting and "bp-presentation" not in panel.get_state()["_dom_classes"]
    assert png_size(img_of(panel)[1]) == (400, 300)
    assert not any("<style>" in child.value for child in panel.children if isinstance(child, widgets.HTML))


def test_a_stepper_in_presentation_mode_has_its_controls_in_one_row_and_a_sharp_picture(presenting):
    stepper = Stepper(GraphScene(micrograd()))
    row = stepper.children[0]
    buttons, step, speed = row.children
    assert list(buttons.children) == list(stepper.buttons.values())
    assert (step, speed) == (stepper.step, stepper.speed)
    assert row.layout.flex_flow == "row wrap" and stepper.step.layout.width == "600px"
    width, height = stepper.render.css_size
    assert png_size(img_of(stepper)[1]) == (2 * width, 2 * height)
    stepper.next()
    alt = img_of(stepper)[0]
    assert stepper.status.value.startswith("<code>step 1 / ") and alt == stepper.scene.describe()
