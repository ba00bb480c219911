"""Initialisation: how far the pre-activations z of a deep network spread, layer by layer, when the
weights start as N(0, 1), as N(0, 0.01²) or as Xavier/Glorot (sigmoid, tanh) and He (ReLU) choose."""

import numpy as np

from bp_core.network import MLP

from ..i18n import one_after_another, tr
from ..viz import BLUE, ORANGE, Picture, new_figure
from .vanishing_gradients import NAMES

ACTIVATIONS = ("sigmoid", "tanh", "relu")
STDS = (1.0, 0.01, None)  # weight_init_std: N(0, 1), N(0, 0.01²), the default
ORDER_ONE = (0.2, 2.0)  # the band of spreads the figure shades: z of order 1
STYLES = {1.0: (ORANGE, "o"), 0.01: (BLUE, "s"), None: ("black", "^")}  # std → colour, marker


def init_name(weight_init_std):
    """How a weight_init_std reads in the legend: "N(0, 1²)", or the default initialisation for None."""
    if weight_init_std is None:
        return tr("default: Xavier/Glorot (sigmoid, tanh), He (ReLU)")
    return f"N(0, {weight_init_std:g}²)"


def preactivation_spread(activation, weight_init_std=None, depth=10, width=64, N=500, seed=0):
    """The standard deviation of z^l, l = 1..depth, in an MLP of `depth` hidden layers of `width` units.

    The network is MLP([width] * (depth + 1) + [10], activation, "softmax_ce", weight_init_std, seed);
    its input is N samples of N(0, 1) noise (N, width), passed through `net.layers` one layer at a
    time. z^l (N, width) is what the activation of layer l receives. Returns an array (depth,).
    """
    net = MLP([width] * (depth + 1) + [10], activation, "softmax_ce", weight_init_std, seed)
    a, spread = np.random.default_rng(seed).standard_normal((N, width)), []
    for name, layer in net.layers.items():
        a = layer.forward(a)
        if name.startswith("Affine") and len(spread) < depth:
            spread.append(a.std())
    return np.array(spread)


def plot_spread(depth=10, width=64):
    """One panel per activation (sigmoid, tanh, ReLU): the spread of z^l against the layer l, log scale,
    for weights N(0, 1), N(0, 0.01²) and the default initialisation; one legend under the panels.
    depth, width: as in `preactivation_spread`. Returns a viz.Picture, whose text alternative gives the
    spreads at the last layer."""
    fig, axes = new_figure(1, len(ACTIVATIONS), figsize=(10, 3.9), sharey=True)
    layers = np.arange(1, depth + 1)
    alt = tr("Three plots, one per activation, of the standard deviation of zˡ against the hidden layer "
             "l = 1 … {depth}, log scale, for weights N(0, 1²), N(0, 0.01²) and the default initialisation, "
             "over a grey band of order 1 (0.2 to 2).").format(depth=depth)
    for ax, activation in zip(axes, ACTIVATIONS, strict=True):
        ax.axhspan(*ORDER_ONE, color="0.9", zorder=0, label=tr("order 1 (0.2 to 2)"))
        spreads = {std: preactivation_spread(activation, std, depth, width) for std in STDS}
        for std, spread in spreads.items():
            color, marker = STYLES[std]
            ax.semilogy(layers, spread, marker=marker, ms=4, color=color, label=init_name(std))
        alt = one_after_another(alt, tr("{name}, at layer {depth}: {big:.2g} for N(0, 1²), {small:.2g} for "
                                        "N(0, 0.01²), {default:.2g} for the default.").format(
            name=NAMES[activation], depth=depth, big=spreads[1.0][-1], small=spreads[0.01][-1],
            default=spreads[None][-1]))
        ax.set(xlabel=tr("hidden layer l"), xticks=layers[1::2], title=NAMES[activation])
    axes[0].set_ylabel(tr("standard deviation of zˡ"))
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncol=len(STDS) + 1,
               fontsize=9)
    return Picture(fig, alt)
