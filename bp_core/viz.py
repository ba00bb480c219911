"""Figures for the notebooks: made once, then updated in place behind sliders.

A *scene* is an object with a matplotlib figure `fig` and a method `update(**values) -> str` that
recomputes with pure functions of bp_core, changes the data of the figure's artists (no new figure, no
new axes) and returns one line of numbers for the panel's status line. The static figure a notebook
shows first is `scene.update(...)` followed by `scene.fig`; `widgets.Panel` puts the same scene behind
sliders.
"""

import io

import matplotlib

matplotlib.rcParams.update({"font.size": 11, "axes.titlesize": 12, "figure.dpi": 100})

import matplotlib.pyplot as plt  # noqa: E402  (after the rcParams it should pick up)


def new_figure(nrows=1, ncols=1, figsize=(8, 3.5), **subplot_kw):
    """A figure with a grid of axes, detached from pyplot (so it is shown only when asked for).

    Returns (fig, axes): axes is one Axes for a 1×1 grid, else an array of them.
    """
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize, layout="constrained", **subplot_kw)
    plt.close(fig)
    return fig, axes


def png(fig):
    """The figure as PNG bytes, at its own size (no `bbox_inches="tight"`: it costs a second draw)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
