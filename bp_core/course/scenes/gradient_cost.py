"""What a gradient costs: one forward and one backward pass for backprop, against two forward passes per
parameter for central differences, counted and timed on a real network."""

import copy

import numpy as np
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from bp_core.network import TwoLayerNet

from ..i18n import tr
from ..viz import BLUE, ORANGE, Picture, new_figure
from .mini_batches import best_time


def parameter_count(net):
    """P: how many numbers net.params holds, weights and biases together (an int)."""
    return sum(p.size for p in net.params.values())


def forward_passes(net, method, X, T):
    """How many forward passes `net.<method>(X, T)` makes: "gradient" makes 1 (and one backward pass),
    "numerical_gradient" makes 2P. Counted, not computed: the method runs on a copy of net whose
    `forward` counts its calls, so net itself is left as it was. X (N, D), T: targets for net's loss.
    Returns an int."""
    counting = copy.deepcopy(net)
    forward, calls = counting.forward, 0

    def counted(batch):
        nonlocal calls
        calls += 1
        return forward(batch)

    counting.forward = counted
    getattr(counting, method)(X, T)
    return calls


def gradient_times(net, X, T, repeats=20, numerical_repeats=2):
    """Seconds of one forward pass, of backprop (`net.gradient`) and of central differences
    (`net.numerical_gradient`) on X (N, D), T. A dict with keys "forward", "backprop", "numerical":
    the first two the best of `repeats` runs, the last the best of `numerical_repeats` (each run of it
    is 2P forward passes already)."""
    batch = net.batch(X, T)
    return {"forward": best_time(lambda: net.forward(batch), repeats),
            "backprop": best_time(lambda: net.gradient(X, T), repeats),
            "numerical": best_time(lambda: net.numerical_gradient(X, T), numerical_repeats)}


def cost_table(hidden_sizes, X, labels, repeats=20, numerical_repeats=2, seed=0):
    """Both gradients timed for D-H-K ReLU/softmax nets, one per hidden size H (untrained and seeded:
    the time does not depend on the weights). X (N, D); labels (N,) integers in 0..K−1; repeats and
    numerical_repeats as in `gradient_times`.

    Returns an array (len(hidden_sizes), 4): H, P, seconds of backprop, seconds of central differences.
    """
    K = int(np.max(labels)) + 1
    rows = []
    for H in hidden_sizes:
        net = TwoLayerNet(X.shape[1], int(H), K, "relu", "softmax_ce", seed=seed)
        times = gradient_times(net, X, labels, repeats, numerical_repeats)
        rows.append((H, parameter_count(net), times["backprop"], times["numerical"]))
    return np.array(rows, dtype=float)


def plot_cost(table):
    """Two log-log panels of a cost_table (an array (n, 4)): the time of each gradient against P, and
    their ratio with the line ∝ P through it. Returns a viz.Picture."""
    P, backprop, numerical = table[:, 1], table[:, 2], table[:, 3]
    ratio = numerical / backprop
    fig, (ax_time, ax_ratio) = new_figure(1, 2, figsize=(9, 3.5))
    ax_time.loglog(P, numerical * 1e3, "s-", color=ORANGE,
                   label=tr("central differences (2P forward passes)"))
    ax_time.loglog(P, backprop * 1e3, "o-", color=BLUE, label=tr("backprop (1 forward + 1 backward)"))
    ax_time.set(xlabel=tr("parameters P"), ylabel=tr("time per gradient (ms)"), title=tr("one gradient"))
    ax_time.legend(loc="center right", fontsize=9)
    ax_ratio.loglog(P, ratio, "o", color="black", label=tr("measured"))
    ax_ratio.loglog(P, np.mean(ratio / P) * P, "--", color="0.4", label=tr("∝ P"))
    ax_ratio.set(xlabel=tr("parameters P"), ylabel=tr("central differences / backprop"),
                 title=tr("how many times slower"))
    ax_ratio.legend(loc="upper left", fontsize=9)
    for ax in (ax_time, ax_ratio):  # the measured P as plain numbers, no crowded minor labels
        ax.xaxis.set_major_locator(FixedLocator(P))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda p, _: f"{p:,.0f}"))
        ax.xaxis.set_minor_locator(NullLocator())
    alt = tr("Two log-log plots against the number of parameters P, from {p0:,.0f} to {p1:,.0f}: the time "
             "of one gradient by central differences ({num0:.3g} to {num1:.3g} ms) and by backprop "
             "({bp0:.3g} to {bp1:.3g} ms), and how many times slower central differences are, {r0:.0f} to "
             "{r1:.0f} times, growing in proportion to P.").format(
        p0=P[0], p1=P[-1], num0=numerical[0] * 1e3, num1=numerical[-1] * 1e3, bp0=backprop[0] * 1e3,
        bp1=backprop[-1] * 1e3, r0=ratio[0], r1=ratio[-1])
    return Picture(fig, alt)
