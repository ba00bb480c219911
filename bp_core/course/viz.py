"""Figures for the notebooks: made once, then updated in place behind sliders.

A *scene* is an object with a matplotlib figure `fig` and a method `update(**values) -> str` that
recomputes with pure functions of bp_core, changes the data of the figure's artists (no new figure, no
new axes) and returns one line of numbers for the panel's status line. The static figure a notebook
shows first is `scene.update(...)` followed by `scene.fig`; `widgets.Panel` puts the same scene behind
sliders. A scene may list in `scene.animated` the artists its `update` changes: then a redraw paints only
those (and the frames of their axes) over a cached picture of everything else (blitting), several times
faster than a full draw. Such a scene must keep everything else fixed, axis limits and ticks included;
tests/test_scenes_blit.py compares every scene's blit with a full draw.
"""

import io

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

matplotlib.rcParams.update({"font.size": 11, "axes.titlesize": 12, "figure.dpi": 100})
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
    artists it changes in `scene.animated` (in drawing order)."""

    def __init__(self, scene):
        self.fig, self.background = scene.fig, None
        self.animated = list(getattr(scene, "animated", None) or ())
        # frames of the axes that hold animated artists: redrawn on top, as a full draw would
        axes = {artist.axes for artist in self.animated if artist.axes and artist.axes.axison}
        self.overlay = [spine for ax in axes for spine in ax.spines.values() if spine.get_visible()]

    def __call__(self):
        canvas = self.fig.canvas
        if self.fig.get_layout_engine() is not None:
            canvas.draw()  # lays the figure out with every artist in place, then keeps that layout
            self.fig.set_layout_engine(None)
        if not self.animated:
            canvas.draw()
            return _encode(canvas)
        layers = self.animated + self.overlay
        if self.background is None:  # everything else, drawn once
            shown = [artist.get_visible() for artist in layers]
            for artist in layers:
                artist.set_visible(False)
            canvas.draw()
            self.background = canvas.copy_from_bbox(self.fig.bbox)
            for artist, visible in zip(layers, shown, strict=True):
                artist.set_visible(visible)
        canvas.restore_region(self.background)
        for artist in layers:
            self.fig.draw_artist(artist)
        return _encode(canvas)
