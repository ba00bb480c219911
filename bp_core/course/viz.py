"""Figures for the notebooks: made once, then updated in place behind sliders.

A *scene* is an object with a matplotlib figure `fig` and a method `update(**values) -> str` that
recomputes with pure functions of bp_core, changes the data of the figure's artists (no new figure, no
new axes) and returns one line of numbers for the panel's status line. The static figure a notebook
shows first is `scene.update(...)` followed by `scene.fig`; `widgets.Panel` puts the same scene behind
sliders. A scene may list in `scene.animated` the artists its `update` changes: then a redraw paints only
those (and what a full draw paints above them) over a cached picture of everything else (blitting),
several times faster than a full draw. Such a scene must keep everything else fixed, axis limits and
ticks included; tests/test_scenes_blit.py compares every scene's blit with a full draw.

Chinese in figures: matplotlib draws each character with the first family of `font.family` that has it,
so the first installed CJK family of CJK_FAMILIES (`CJK_FONT`, None when there is none) follows the
generic "sans-serif" (DejaVu Sans) there. An English figure finds every glyph in DejaVu Sans and looks as
it would without it. A text in a fixed-width font that may hold Chinese uses `family=MONOSPACE`.
"""

import struct
import zlib

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

# Simplified-Chinese families, by platform: Debian/Binder (fonts-noto-cjk), macOS, Windows, other Linux.
CJK_FAMILIES = ("Noto Sans CJK SC", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "Songti SC",
                "Microsoft YaHei", "SimHei", "DengXian", "Source Han Sans SC", "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei", "Droid Sans Fallback")


def installed_cjk_family():
    """The first of CJK_FAMILIES that matplotlib knows as installed, or None. Looked up in its font list, so
    that no family that is missing ever reaches `font.family` (matplotlib would log "not found")."""
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)


def _with_cjk(generic):
    return [generic] if CJK_FONT is None else [generic, CJK_FONT]


CJK_FONT = installed_cjk_family()
MONOSPACE = _with_cjk("monospace")  # family= of a fixed-width text that may hold Chinese
matplotlib.rcParams.update({"font.size": 11, "axes.titlesize": 12, "figure.dpi": 100,
                            "font.family": _with_cjk("sans-serif")})
# The palette of every scene: matplotlib's default colours, and these names for what they mean.
GRAD_COLOR, VALUE_COLOR = "tab:red", "black"  # gradients and values, wherever a picture shows both
ORANGE = "#c85a00"  # a dark orange for lines that matter (tab:orange is too light on white); lw ≥ 2
RIGHT_COLOR, WRONG_COLOR = "tab:green", "tab:red"  # a right and a wrong answer, always with a second cue
CLASS_CMAP = "RdBu"  # two classes: class 0 red, class 1 blue
# Load the backend now (pyplot does it lazily): in a notebook, that is what displays a Figure inline.
plt.switch_backend(matplotlib.get_backend())


def new_figure(nrows=1, ncols=1, figsize=(8, 3.5), **subplot_kw):
    """A figure with a grid of axes, not registered with pyplot (so it is shown only when asked for).

    Returns (fig, axes): axes is one Axes for a 1×1 grid, else an array of them.
    """
    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.subplots(nrows, ncols, **subplot_kw)


def fmt(x, spec=".3f"):
    """x formatted for a picture or a status line; a number that rounds to zero has no minus sign
    (fmt(-0.0001) is "0.000", never "-0.000")."""
    text = format(x, spec)
    return format(0.0, spec) if "-" in text and float(text.rstrip("%")) == 0 else text


def factor(x, spec=".3f"):
    """fmt(x, spec) as a factor of a written product: in parentheses when negative ("0.5·(-2.00)")."""
    text = fmt(x, spec)
    return f"({text})" if text.startswith("-") else text


def legend_outside(ax, **kwargs):
    """ax's legend to the right of its axes, top-aligned: outside the data region, so that no curve at
    any slider setting runs under it (the figure's constrained layout makes room for it)."""
    return ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), borderaxespad=0.8, **kwargs)


def _encode(canvas):
    """The canvas as PNG: 8-bit RGB rows without a filter, deflated at zlib's fastest level. Lossless, and on
    these plots (large flat areas) about half the time of PIL's adaptively filtered PNG and no larger: a
    1150×440 figure encodes in ~4 ms to ~70 kB."""
    rgba = np.asarray(canvas.buffer_rgba())
    height, width = rgba.shape[:2]
    rows = np.zeros((height, 1 + 3 * width), np.uint8)  # each row: filter type 0, then its pixels
    rows[:, 1:].reshape(height, width, 3)[...] = rgba[..., :3]  # the reshape is a view into rows
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits per channel, RGB, no interlace
    return b"".join([b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header), _chunk(b"IDAT", zlib.compress(rows, 1)),
                     _chunk(b"IEND", b"")])


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


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
