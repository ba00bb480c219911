"""Checks on figures shared by the tests: a blit equals a full draw, and no plot holds NaN or inf; the one
neuron as a Value graph."""

import io

import numpy as np
from PIL import Image

from bp_core.value import Value


def pixels(data):
    """RGB pixels (H, W, 3) of PNG bytes."""
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=int)


def full_draw(scene):
    """RGB pixels of an ordinary draw of the whole figure."""
    canvas = scene.fig.canvas
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    return np.asarray(image.convert("RGB"), dtype=int)


def assert_blit_matches_full_draw(scene, renderer):
    """The blitted picture equals a full draw of the figure, pixel for pixel."""
    blit, full = pixels(renderer()), full_draw(scene)
    assert blit.shape == full.shape
    differing = int(np.sum(np.any(blit != full, axis=2)))
    assert differing == 0, f"{differing} pixels differ from a full draw"


def assert_plots_finite(fig):
    """No NaN or inf in the data of any line, image or collection of the figure."""
    for ax in fig.axes:
        data = [line.get_xydata() for line in ax.lines] + [image.get_array() for image in ax.images]
        for values in data + [collection.get_offsets() for collection in ax.collections]:
            assert np.isfinite(np.asarray(values, dtype=float)).all()


def neuron_value_graph():
    """x1·w1 + x2·w2 + b → σ → ½(a − t)², the one neuron labelled as notebooks 02 and 03 label it."""
    x1, w1, x2, w2 = Value(1.0, "x1"), Value(0.5, "w1"), Value(-1.0, "x2"), Value(1.0, "w2")
    b, t = Value(0.0, "b"), Value(1.0, "t")
    z = x1 * w1 + x2 * w2 + b
    z.label = "z"
    a = z.sigmoid()
    a.label = "a"
    L = 0.5 * (a - t) ** 2
    L.label = "L"
    return L
