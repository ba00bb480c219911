"""Figures for the notebooks: made once, then updated in place behind sliders.

A *scene* is an object with a matplotlib figure `fig` and a method `update(**values) -> str` that
recomputes with pure functions of bp_core, changes the data of the figure's artists (no new figure, no
new axes) and returns one line of numbers for the panel's status line. The static figure a notebook
shows first is `scene.update(...)` followed by `scene.fig`; `widgets.Panel` puts the same scene behind
sliders. A scene may list in `scene.animated` the artists its `update` changes: then a redraw paints only
those (and what a full draw paints above them) over a cached picture of everything else (blitting),
several times faster than a full draw. Such a scene must keep everything else fixed, axis limits and
ticks included; tests/test_scenes_blit.py compares every scene's blit with a full draw.
"""

import io

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

matplotlib.rcParams.update({"font.size": 11, "axes.titlesize": 12, "figure.dpi": 100})
GRAD_COLOR, VALUE_COLOR = "tab:red", "black"  # gradients and values, wherever a picture shows both
# Load the backend now (pyplot does it lazily): in a notebook, that is what displays a Figure inline.
plt.switch_backend(matplotlib.get_backend())


def new_figure(nrows=1, ncols=1, figsize=(8, 3.5), **subplot_kw):
    """A figure with a grid of axes, not registered with pyplot (so it is shown only when asked for).

    Returns (fig, axes): axes is one Axes for a 1×1 grid, else an array of them.
    """
    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.subplots(nrows, ncols, **subplot_kw)


def _encode(canvas):
    # fast zlib level: a 1100×400 plot encodes in a few ms and stays ~60 kB
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


class Renderer:
    """PNG bytes of a scene's figure, again and again: a full draw, or a blit when the scene lists the
    artists it changes in `scene.animated`.

    A blit repaints, over a cached background, everything a full draw would paint from the first
    animated artist of each axes on (legends, frames and axis labels above a moving line included), in
    the order a full draw paints it; the background is drawn once with exactly those artists left out.
    So every frame, the first included, equals a full draw pixel for pixel.
    """

    def __init__(self, scene):
        self.fig, self.background = scene.fig, None
        self.animated = list(getattr(scene, "animated", None) or ())
        self.layers = _layers(self.fig, self.animated) if self.animated else []

    def __call__(self):
        canvas = self.fig.canvas
        if self.fig.get_layout_engine() is not None:
            canvas.draw()  # lays the figure out with every artist in place, then keeps that layout
            self.fig.set_layout_engine(None)
        if not self.animated:
            canvas.draw()
            return _encode(canvas)
        if self.background is None:  # everything else, drawn once
            # Left out as "animated" (which a draw skips), not hidden: a hidden title would be moved
            # off the axes by the draw, since matplotlib places titles above what is visible.
            for artist in self.layers:
                artist.set_animated(True)
            canvas.draw()
            self.background = canvas.copy_from_bbox(self.fig.bbox)
            for artist in self.layers:
                artist.set_animated(False)
        canvas.restore_region(self.background)
        for artist in self.layers:
            self.fig.draw_artist(artist)
        return _encode(canvas)


def _layers(fig, animated):
    """The artists a blit repaints, in drawing order: per axes (in the figure's order), its children as
    Axes.draw sorts them (by zorder), from the first animated one on; then animated figure-level artists
    (a suptitle)."""
    wanted, layers = set(animated), []
    for ax in sorted(fig.axes, key=lambda ax: ax.get_zorder()):
        children = sorted((c for c in ax.get_children() if c is not ax.patch and _drawn(ax, c)),
                          key=lambda c: c.get_zorder())
        first = next((i for i, c in enumerate(children) if c in wanted), None)
        if first is not None:
            layers += children[first:]
    missing = [a for a in animated if a not in layers]
    if any(a.axes is not None for a in missing):
        raise ValueError(f"scene.animated lists artists that are not children of their axes: {missing}")
    return layers + missing


def _drawn(ax, child):
    """Whether Axes.draw paints this child at all: no frame or axis objects where they are switched off."""
    if child in ax.spines.values():
        return ax.axison and ax.get_frame_on()
    return ax.axison or child not in (ax.xaxis, ax.yaxis)
