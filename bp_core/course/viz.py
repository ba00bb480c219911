"""Figures for the notebooks: made once, then updated in place behind sliders.

A *scene* is an object with a matplotlib figure `fig` and a method `update(**values) -> str` that
recomputes with pure functions of bp_core, changes the data of the figure's artists (no new figure, no
new axes) and returns one line of numbers for the panel's status line. The static figure a notebook
shows first is `scene.update(...)` followed by `scene.fig`; `widgets.Panel` puts the same scene behind
sliders. A scene may list in `scene.animated` the artists its `update` changes: then a redraw paints only
those (and what a full draw paints above them) over a cached picture of everything else (blitting),
several times faster than a full draw. Such a scene must keep everything else fixed, axis limits and
ticks included; tests/test_scenes_blit.py compares every scene's blit with a full draw.

Text alternatives: every picture a notebook shows says in words, in the learner's language, what it shows
now, with its current numbers ("Loss against epoch: training from 0.693 to 0.130, validation lowest at
epoch 15 …"). A scene (a subclass of `Scene`) has `describe()`: the text alternative of its figure as the
last `update` left it, written with `tr` when it is called. `scene.picture()` is the figure and that text
as a `Picture`, which a notebook shows as its static figure (`scene.update(...)`, then `scene.picture()`);
the figure functions of the scenes (`graph_figure`, `summary_figure`, `plot_*`) return a Picture too, and a
notebook's own figure is shown as `Picture(fig, "what it shows")`. A Picture displays as an `<img>` whose
alt is that text (text/html, what JupyterLab and Voilà render and a screen reader reads), with the text as
text/plain and the PNG as image/png for other front ends. Behind controls, `widgets.View` shows the same
`<img alt>` (`picture_html`), its alt `scene.describe()` after every update (a scene without `describe`
gets its status line as alt).

Colours: one palette, safe for colour-blind readers. Blue and orange tell things apart (never red against
green), always with a second cue (a label, a marker, a hatch, a line style) and a key wherever a colour
means a class or a sign; text is drawn in colours with a WCAG AA contrast (≥ 4.5 : 1) on white and on the
light highlight fills, and lines that matter are dark and at least 2 points wide.

Chinese in figures: matplotlib draws each character with the first family of `font.family` that has it,
so the first installed CJK family of CJK_FAMILIES (`CJK_FONT`, None when there is none) follows the
generic "sans-serif" (DejaVu Sans) there. An English figure finds every glyph in DejaVu Sans and looks as
it would without it. A text in a fixed-width font that may hold Chinese uses `family=MONOSPACE`.
"""

import base64
import html
import io
import struct
import zlib

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap, to_rgb
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
# Glyphs drawn without hinting: as sharp at these sizes, evenly spaced in the fixed-width tables, and half
# the drawing time of a picture full of numbers (05's network: 30 ms a frame instead of 50).
matplotlib.rcParams.update({"font.size": 11, "axes.titlesize": 12, "figure.dpi": 100,
                            "font.family": _with_cjk("sans-serif"), "text.hinting": "no_hinting"})
# The palette of every scene, safe for colour-blind readers: blue and orange (never red against green), dark
# enough for text (contrast ≥ 4.5 : 1 on white and on OPERAND_FILL / RESULT_FILL), and what they mean.
BLUE = "#1f5fa8"  # contrast 6.4 : 1 on white
ORANGE = "#b35000"  # a dark orange, 5.2 : 1 on white (tab:orange is too light for lines or text); lw ≥ 2
GRAD_COLOR, VALUE_COLOR = "#b3261e", "black"  # gradients and values, wherever a picture shows both (6.5 : 1)
RIGHT_COLOR, WRONG_COLOR = BLUE, ORANGE  # a right and a wrong answer, always with a second cue
OPERAND_FILL, RESULT_FILL = "#cfe2f3", "#ffd8a8"  # light blue, orange: what a step uses, computes
# two classes: class 0 orange, class 1 blue, white where the probability is ½; its key is a colour bar
CLASS_CMAP = LinearSegmentedColormap.from_list("bp_classes", [ORANGE, "white", BLUE])


def contrast(color, background="white"):
    """The WCAG 2 contrast ratio of two matplotlib colours (1 to 21; AA asks ≥ 4.5 for text): (L1 + 0.05) /
    (L2 + 0.05), L1 ≥ L2 their relative luminances (sRGB, alpha ignored)."""
    def luminance(c):
        linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in to_rgb(c)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(color), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_color_on(background):
    """"black" or "white", whichever has the higher contrast on `background` (a matplotlib colour)."""
    return max(("black", "white"), key=lambda text: contrast(text, background))
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
    any slider setting runs under it (the figure's constrained layout makes room for it). Since it overlaps
    nothing of the data, it is drawn before the data (zorder 0.5), so that a blit keeps it in the cached
    background; a scene whose update changes the legend draws it last again (`set_zorder(5)`)."""
    legend = ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), borderaxespad=0.8, **kwargs)
    legend.set_zorder(0.5)
    return legend


def picture_html(png, alt, size=None):
    """PNG bytes as an HTML <img> whose alt is `alt` (escaped), the PNG inline as a data: URL: the picture's
    accessible name for a screen reader and for axe's image-alt rule. The image keeps its own size and is
    shrunk, never stretched, where its box is narrower.

    size: (width, height) at which to show it, in CSS pixels; by default the PNG's own, read from its
    header. Given as the <img>'s width and height, it lets the browser lay the picture out before it is
    decoded, so that a new picture never makes the page jump."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError(f"png must be the bytes of a PNG file, got {png[:16]!r}…")
    width, height = size or struct.unpack(">II", png[16:24])
    source = base64.b64encode(png).decode("ascii")
    return (f'<img class="bp-picture" alt="{html.escape(alt)}" width="{width}" height="{height}" '
            f'style="display: block; max-width: 100%; height: auto" src="data:image/png;base64,{source}">')


class Picture:
    """A figure with its text alternative, as a notebook shows it (see the module's docstring).

    fig: a matplotlib Figure. alt: what the figure shows, in words and in the learner's language (a
    non-empty str). Displayed in a notebook, it is an <img> with that alt (text/html), the alt itself
    (text/plain) and the PNG (image/png); `png()` is the PNG, drawn from the figure when called.
    """

    def __init__(self, fig, alt):
        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError(f"alt must be a sentence saying what the figure shows, got {alt!r}")
        self.fig, self.alt = fig, alt

    def png(self):
        """The figure as PNG bytes, at its own size and dpi."""
        buffer = io.BytesIO()
        self.fig.savefig(buffer, format="png")
        return buffer.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None):
        png = self.png()
        return {"text/html": picture_html(png, self.alt), "text/plain": self.alt,
                "image/png": base64.b64encode(png).decode("ascii")}

    def __repr__(self):
        return f"Picture({self.alt!r})"


class Scene:
    """What every scene shares (see the module's docstring): a subclass makes `fig` and has `update(**values)
    -> str` and `describe() -> str`, the text alternative of what its figure shows after the last update."""

    def picture(self):
        """The figure as it is now, with `describe()` as its text alternative: a Picture."""
        return Picture(self.fig, self.describe())


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

    scale: pixels of the PNG per pixel of the figure at its own size (a positive number; 1 by default). With
    scale=2 the figure is drawn at twice its dpi, for good (the figure belongs to the scene behind this
    renderer): a PNG of twice the width and height, with the same layout, which stays sharp when shown at
    the figure's own size on a screen of two device pixels per CSS pixel, or enlarged 2× on a projector.
    `css_size` is that own size, (width, height) in CSS pixels.
    """

    def __init__(self, scene, scale=1):
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not scale > 0:
            raise ValueError(f"scale must be a positive number of PNG pixels per figure pixel, got {scale!r}")
        self.fig, self.background, self.scale = scene.fig, None, scale
        if scale != 1:
            self.fig.set_dpi(self.fig.dpi * scale)
        self.animated = list(getattr(scene, "animated", None) or ())
        self.layers = _layers(self.fig, self.animated) if self.animated else []

    @property
    def css_size(self):
        """(width, height) of the figure at its own size, in CSS pixels: the PNG's size divided by scale."""
        width, height = self.fig.bbox.size
        return round(width / self.scale), round(height / self.scale)

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
