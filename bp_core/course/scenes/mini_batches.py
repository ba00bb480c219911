"""Mini-batches: per-sample loops against matrices, timed, and the loss of mini-batch
SGD against the number of samples seen."""

import time

import numpy as np

from bp_core import loops

from ..experiments import half_plane_problem, sgd_run
from ..i18n import tr
from ..viz import BLUE, ORANGE, Picture, Scene, legend_outside, new_figure


def best_time(fn, repeats=3):
    """The smallest wall time in seconds of `repeats` calls of fn() (the least disturbed run)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def time_loop_vs_matrix(batch_sizes, H=4, repeats=3):
    """Seconds of loops.loop_gradient and of TwoLayerNet.gradient on the half-plane task, per batch size.

    Returns an array (len(batch_sizes), 3): N, loop seconds, matrix seconds.
    """
    rows = []
    for N in batch_sizes:
        net, X, T = half_plane_problem(N, H)
        rows.append((N, best_time(lambda n=net, X=X, T=T: loops.loop_gradient(n.params, X, T), repeats),
                     best_time(lambda n=net, X=X, T=T: n.gradient(X, T), repeats)))
    return np.array(rows)


def plot_timings(table):
    """Log-log plot of a time_loop_vs_matrix table (an array (n, 3): N, loop seconds, matrix seconds): the
    milliseconds per gradient against the batch size N. Returns a viz.Picture."""
    fig, ax = new_figure(figsize=(7, 3.5))
    N, loop_ms, matrix_ms = table[:, 0], table[:, 1] * 1e3, table[:, 2] * 1e3
    ax.loglog(N, loop_ms, "o-", color=ORANGE, label=tr("per-sample loops (loops.py)"))
    ax.loglog(N, matrix_ms, "s-", color=BLUE, label=tr("matrices (TwoLayerNet.gradient)"))
    ax.set(xlabel=tr("batch size N (samples)"), ylabel=tr("time per gradient (ms)"),
           title=tr("One gradient of a 2-4-1 net: loops vs matrices"))
    ax.legend()
    alt = tr("Log-log plot of the time of one gradient of a 2-4-1 net against the batch size N, from "
             "{n0:g} to {n1:g} samples: per-sample loops take {loop0:.3g} to {loop1:.3g} ms, matrices "
             "{matrix0:.3g} to {matrix1:.3g} ms, {ratio:.0f} times faster at N = {n1:g}.").format(
        n0=N[0], n1=N[-1], loop0=loop_ms[0], loop1=loop_ms[-1], matrix0=matrix_ms[0], matrix1=matrix_ms[-1],
        ratio=loop_ms[-1] / matrix_ms[-1])
    return Picture(fig, alt)


class MiniBatchScene(Scene):
    """Full-data loss against the number of samples seen, per-sample SGD next to batch size b.
    The runs of every batch size in BATCH_SIZES are computed (and cached) up front: ~0.6 s once."""

    BATCH_SIZES = (1, 2, 5, 10, 20, 50, 100, 200, 400)

    def __init__(self, epochs=5, N=400):
        self.epochs, self.N = epochs, N
        for b in self.BATCH_SIZES:
            sgd_run(b, epochs, N)
        self.fig, self.ax = new_figure(figsize=(9, 3.5))
        seen, curve = sgd_run(1, epochs, N)
        self.single = curve[-1]
        self.ax.plot(seen, curve, color="0.6", lw=1, label=tr("batch size 1 (per sample)"))
        (self.line,) = self.ax.plot(seen, curve, color=ORANGE, lw=2, marker=".", label=tr("batch size b"))
        self.ax.set(xlabel=tr("samples seen"), ylabel=tr("loss L on all samples"), yscale="log",
                    xlim=(0, epochs * N), ylim=(curve.min() / 3, curve.max() * 1.5),
                    title=tr("Half-plane, 2-4-1 net, η = 2"))
        legend = legend_outside(self.ax)
        legend.set_zorder(5)  # its label changes with the slider: drawn after the line, as blits repaint it
        self.label = legend.get_texts()[1]
        self.animated = [self.line, legend]  # what update changes, in drawing order (see viz.py)

    def update(self, batch_size):
        seen, curve = sgd_run(int(batch_size), self.epochs, self.N)
        self.line.set_data(seen, curve)
        self.label.set_text(tr("batch size {b}").format(b=int(batch_size)))
        self.line.set_marker("." if len(seen) < 200 else "")
        self.shown = {"b": int(batch_size), "steps": len(seen) - 1, "first": curve[0], "last": curve[-1],
                      "samples": int(seen[-1]), "single": self.single}
        return tr("batch size {b}: {steps} steps, final loss {loss:.4f}").format(
            b=int(batch_size), steps=len(seen) - 1, loss=curve[-1])

    def describe(self):
        return tr("The loss on all samples, log scale, against the samples seen (up to {samples}): "
                  "mini-batch SGD with batch size {b} (orange, {steps} steps) goes from {first:.4f} to "
                  "{last:.4f}; per-sample SGD (grey) ends at {single:.4f}.").format(**self.shown)
