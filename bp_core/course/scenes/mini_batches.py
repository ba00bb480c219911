"""Mini-batches: per-sample loops against matrices, timed, and the loss of mini-batch
SGD against the number of samples seen."""

import time

import numpy as np

from bp_core import loops

from ..experiments import half_plane_problem, sgd_run
from ..i18n import tr
from ..viz import ORANGE, legend_outside, new_figure


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
    """Log-log plot of a time_loop_vs_matrix table: seconds per gradient against the batch size N."""
    fig, ax = new_figure(figsize=(7, 3.5))
    ax.loglog(table[:, 0], table[:, 1] * 1e3, "o-", label=tr("per-sample loops (loops.py)"))
    ax.loglog(table[:, 0], table[:, 2] * 1e3, "s-", label=tr("matrices (TwoLayerNet.gradient)"))
    ax.set(xlabel=tr("batch size N (samples)"), ylabel=tr("time per gradient (ms)"),
           title=tr("One gradient of a 2-4-1 net: loops vs matrices"))
    ax.legend()
    return fig


class MiniBatchScene:
    """Full-data loss against the number of samples seen, per-sample SGD next to batch size b.
    The runs of every batch size in BATCH_SIZES are computed (and cached) up front: ~0.6 s once."""

    BATCH_SIZES = (1, 2, 5, 10, 20, 50, 100, 200, 400)

    def __init__(self, epochs=5, N=400):
        self.epochs, self.N = epochs, N
        for b in self.BATCH_SIZES:
            sgd_run(b, epochs, N)
        self.fig, self.ax = new_figure(figsize=(9, 3.5))
        seen, curve = sgd_run(1, epochs, N)
        self.ax.plot(seen, curve, color="0.6", lw=1, label=tr("batch size 1 (per sample)"))
        (self.line,) = self.ax.plot(seen, curve, color=ORANGE, lw=2, marker=".", label=tr("batch size b"))
        self.ax.set(xlabel=tr("samples seen"), ylabel=tr("loss L on all samples"), yscale="log",
                    xlim=(0, epochs * N), ylim=(curve.min() / 3, curve.max() * 1.5),
                    title=tr("Half-plane, 2-4-1 net, η = 2"))
        legend = legend_outside(self.ax)
        self.label = legend.get_texts()[1]
        self.animated = [self.line, legend]  # what update changes, in drawing order (see viz.py)

    def update(self, batch_size):
        seen, curve = sgd_run(int(batch_size), self.epochs, self.N)
        self.line.set_data(seen, curve)
        self.label.set_text(tr("batch size {b}").format(b=int(batch_size)))
        self.line.set_marker("." if len(seen) < 200 else "")
        return tr("batch size {b}: {steps} steps, final loss {loss:.4f}").format(
            b=int(batch_size), steps=len(seen) - 1, loss=curve[-1])
