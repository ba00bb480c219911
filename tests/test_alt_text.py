"""Text alternatives: every picture says in words what it shows now, with its numbers, in the learner's
language. A scene's `describe()` follows its `update`; the figure functions return a Picture with its alt;
a Picture displays as an <img> with that alt; a View puts the scene's alt on its <img> at every update;
every static picture stored in the notebooks (both editions) is an <img> with an alt."""

import base64
import html
import json
import re
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest
from figures import neuron_value_graph
from IPython.core.formatters import format_display_data
from test_i18n import FIGURES, HAN, SCENES, first_mistake, shared_expression

from bp_core import datasets
from bp_core.course import experiments
from bp_core.course.i18n import set_language
from bp_core.course.scenes import chain_rule, digits, gradient_check, graph, neuron_graph, training
from bp_core.course.viz import Picture, new_figure, picture_html
from bp_core.course.widgets import Panel
from bp_core.functions import sigmoid_prime
from bp_core.metrics import confusion_matrix
from bp_core.neuron import neuron

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
IMG = re.compile(r'<img class="bp-picture" alt="([^"]*)" width="\d+" height="\d+" style="[^"]*" '
                 r'src="data:image/png;base64,([^"]+)">')


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


# ------------------------------------------------------------------------------- Picture and its HTML

def test_a_picture_displays_as_an_img_with_its_alt_and_the_same_png():
    fig, ax = new_figure(figsize=(3, 2))
    ax.plot([0, 1], [0, 1])
    alt = 'A line from (0, 0) to (1, 1) — "quoted" & <marked>'
    bundle, _ = format_display_data(Picture(fig, alt))  # what IPython displays
    assert set(bundle) == {"text/html", "text/plain", "image/png"} and bundle["text/plain"] == alt
    (found,) = IMG.findall(bundle["text/html"])
    assert html.unescape(found[0]) == alt and "<marked>" not in found[0]
    assert found[1] == bundle["image/png"]
    png = base64.b64decode(found[1])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert repr(Picture(fig, "a line")) == "Picture('a line')"


def test_a_picture_needs_a_figure_and_a_sentence():
    fig, _ = new_figure()
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure, got str"):
        Picture("figure", "a picture")
    for alt in ("", "   ", None):
        with pytest.raises(ValueError, match="alt must be a sentence"):
            Picture(fig, alt)


def test_picture_html_escapes_the_alt_and_keeps_the_picture_at_its_own_size():
    fig, _ = new_figure(figsize=(3, 2))
    png = Picture(fig, "a picture").png()
    text = picture_html(png, 'a "b" <c>')
    assert 'alt="a &quot;b&quot; &lt;c&gt;"' in text and "max-width: 100%" in text and "height: auto" in text
    assert 'width="300" height="200"' in text  # the PNG's own size, laid out before it is decoded
    assert text.endswith(f'src="data:image/png;base64,{base64.b64encode(png).decode()}">')
    assert 'width="150" height="100"' in picture_html(png, "a picture", size=(150, 100))


def test_picture_html_refuses_what_is_not_a_png():
    for data in (b"", b"\x89PNG fake", b"GIF89a" + bytes(30)):
        with pytest.raises(ValueError, match="png must be the bytes of a PNG file"):
            picture_html(data, "a picture")


# ------------------------------------------------------------------------------- what the scenes say

def test_every_scene_describes_what_it_shows_after_each_update():
    for name, (make, settings) in SCENES.items():
        scene = make()
        said = []
        for values in settings():
            scene.update(**values)
            alt = scene.describe()
            assert isinstance(alt, str) and len(alt) > 60 and alt == scene.picture().alt, name
            said.append(alt)
        assert len(set(said)) == len(said), f"{name}: two settings, one description: {said}"


def test_the_slope_and_chain_rule_scenes_give_their_slopes():
    scene = chain_rule.SlopeScene()
    scene.update(x=0.5, h=1.0)
    assert f"tangent at x = 0.50 (slope f′(x) = {sigmoid_prime(0.5):.4f})" in scene.describe()
    assert "h = 1 (slope 0.1951)" in scene.describe()
    scene = chain_rule.ChainRuleScene()
    scene.update(x=1.0, w=0.5, b=0.0, t=1.0)
    n = neuron(1.0, 0.5, 0.0, 1.0)
    assert f"slope dL/dw = {n.dL_dw[0]:.4f}" in scene.describe() and f"a = {n.a:.4f}" in scene.describe()


def test_the_neuron_graph_names_its_gradients_and_its_step():
    scene = neuron_graph.NeuronGraphScene()
    scene.update(x1=1.0, x2=-1.0, w1=0.5, w2=1.0, b=0.0, t=1.0, lr=5.0)
    n = neuron([1.0, -1.0], [0.5, 1.0], 0.0, 1.0)
    alt = scene.describe()
    assert f"∂L/∂w₁ = {n.dL_dw[0]:.4f}, ∂L/∂w₂ = {n.dL_dw[1]:.4f}" in alt
    new = np.array([0.5, 1.0]) - 5.0 * n.dL_dw
    assert f"from (0.500, 1.000) to ({new[0]:.3f}, {new[1]:.3f})" in alt


def test_the_training_scene_says_where_the_validation_loss_is_lowest():
    scene = training.TrainingScene("xor")
    scene.update(lr=0.3, batch_size=10, hidden=32, epochs=30)
    run = experiments.training_run("xor", 0.3, 10, 32, 30)
    best = int(np.argmin(run["val_loss"]))
    alt = scene.describe()
    assert f"training from {run['train_loss'][0]:.3f} to {run['train_loss'][30]:.3f}" in alt
    assert f"validation lowest at epoch {best} ({run['val_loss'][best]:.3f})" in alt and best == 15
    assert alt.endswith("In short: overfitting: validation loss lowest at epoch 15, then rising while "
                        "training loss falls.")


def test_the_digit_scene_says_right_or_wrong_and_the_probabilities():
    net, _, (X, labels) = experiments.digits_run()
    scene = digits.DigitScene(net, X, labels)
    P = net.predict(X)
    wrong = first_mistake()
    scene.update(index=wrong)
    predicted, true = int(P[wrong].argmax()), int(labels[wrong])
    assert (f"an 8×8 image of a {true}" in scene.describe()
            and f"predicts {predicted} with p = {P[wrong].max():.3f}" in scene.describe()
            and f"the true digit {true} gets p = {P[wrong, true]:.3f}; mistake 1 of {len(scene.mistakes)}"
            in scene.describe())
    right = int(np.flatnonzero(P.argmax(1) == labels)[0])
    scene.update(index=right)
    assert scene.describe().endswith("right (the bar marked ✓ true).")


def test_the_h_sweep_names_the_bottom_of_each_v():
    scene = gradient_check.HSweepScene()
    scene.update(log10_h=-5)
    low64 = scene.HS[np.argmin(scene.err["float64"])]
    assert f"lowest at h = {low64:.0e} in float64" in scene.describe() and "Marked: h = 1.0e-05" in \
        scene.describe()


def test_the_graph_scene_follows_its_steps():
    scene = graph.GraphScene(shared_expression())
    n = len(scene.order)
    scene.update()
    assert scene.describe() == ("The computational graph of q = -4 with 4 nodes, from the inputs a = 2, "
                                "b = -3: every value, and no grads yet, before any backward pass.")
    scene.update(step=2)
    assert "forward pass at node 2 of 4: b = -3; the values of the first 2 nodes" in scene.describe()
    scene.update(step=n + 4)
    assert scene.describe().endswith(f"backward pass at step 4 of 5: {scene.steps[3].rule}; "
                                     f"{scene.numbers(scene.steps[3])}.")
    L = neuron_value_graph()
    L.backward()
    assert graph.graph_figure(L).alt.endswith("every value, and the grads of its last backward pass.")


def test_the_figure_functions_return_pictures_that_give_their_numbers():
    for name, make in FIGURES.items():
        picture = make()
        assert isinstance(picture, Picture) and len(picture.alt) > 40, name
    timings = FIGURES["plot_timings"]().alt
    assert "per-sample loops take 0.2 to 2 ms, matrices 0.04 to 0.05 ms, 40 times faster at N = 10" in timings
    net, _, (X, labels) = experiments.digits_run()
    C = confusion_matrix(labels, net.predict(X).argmax(1))
    off = C - np.diag(np.diag(C))
    i, j = np.unravel_index(off.argmax(), off.shape)
    assert (f"{np.trace(C)} of {C.sum()} digits on the diagonal (right); the most frequent mistake is "
            f"{off[i, j]} × a {i} taken for a {j}.") in digits.plot_confusion(C).alt
    gallery = digits.plot_gallery(datasets.load_digits()[0][:3], ["a", "b", "c", "d"])
    assert gallery.alt == "3 handwritten digits, 8×8 pixels each, in a grid, titled: a · b · c."


def test_in_chinese_a_scene_describes_itself_in_chinese_with_the_same_numbers():
    scene = chain_rule.SlopeScene()
    scene.update(x=0.5, h=1.0)
    english = scene.describe()
    set_language("zh-CN")
    chinese = scene.describe()
    assert HAN.search(chinese) and "切线" in chinese and "割线" in chinese
    number = re.compile(r"-?\d+\.\d+(?:e[-+]?\d+)?")
    assert sorted(number.findall(chinese)) == sorted(number.findall(english))


# ------------------------------------------------------------------------------- behind controls

class Unnamed:
    """A scene without describe(): its status line is its picture's alt."""

    def __init__(self):
        self.fig, self.ax = new_figure(figsize=(3, 2))
        (self.line,) = self.ax.plot([0, 1], [0, 0])

    def update(self, a):
        self.line.set_ydata([0, a])
        return f"a line up to {a:.2f}"


def alt_of(view):
    (found,) = IMG.findall(view.image.value)
    return html.unescape(found[0])


def test_a_panel_puts_the_scenes_alt_on_its_picture_at_every_move():
    panel = Panel(chain_rule.SlopeScene(), x=widgets.FloatSlider(value=0.5, min=-2, max=2, step=0.5),
                  h=widgets.FloatSlider(value=1.0, min=0.5, max=1, step=0.5))
    assert alt_of(panel) == panel.scene.describe() and "tangent at x = 0.50" in alt_of(panel)
    panel.sliders["x"].value = -1.5
    assert alt_of(panel) == panel.scene.describe() and "tangent at x = -1.50" in alt_of(panel)
    panel = Panel(Unnamed(), a=widgets.FloatSlider(value=0.5, min=0, max=1, step=0.25))
    panel.sliders["a"].value = 0.75
    assert alt_of(panel) == "a line up to 0.75"
    panel.close()
    assert panel.image.value == ""


# ------------------------------------------------------------------------------- the stored notebooks

def stored_pictures(path):
    """(cell id, output data) of every output of the notebook that holds a PNG."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                yield cell["id"], output["data"]


@pytest.mark.parametrize("edition", ["", "zh-CN"])
def test_every_stored_picture_is_an_img_with_its_alt(edition):
    paths = sorted((NOTEBOOKS / edition).glob("[0-9][0-9]_*.ipynb"))
    count = 0
    for path in paths:
        for cell_id, data in stored_pictures(path):
            count += 1
            where = f"{path.name}, cell {cell_id}"
            assert "text/html" in data, f"{where}: a picture without a text alternative"
            (found,) = IMG.findall("".join(data["text/html"]))
            alt = html.unescape(found[0])
            assert alt and alt == "".join(data["text/plain"]), where
            assert bool(HAN.search(alt)) == (edition == "zh-CN"), where
    assert count == 22
