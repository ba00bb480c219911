"""Vanishing gradients: how big the error signal δ and the weight gradient ∂L/∂W are in each layer of a
deep network, for sigmoid, tanh and ReLU hidden layers."""

import numpy as np

from ..i18n import one_after_another, tr
from ..viz import BLUE, ORANGE, Picture, new_figure

STYLES = {"sigmoid": ("0.15", "o"), "tanh": (ORANGE, "s"), "relu": (BLUE, "^")}  # colour, marker
NAMES = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}  # activation → its name in a picture


def rms(a):
    """The root mean square of the entries of array a (a float): its size, whatever its shape."""
    return float(np.sqrt(np.mean(np.square(a))))


def gradient_sizes(net, X, T):
    """How big the error signal and the weight gradient are in each layer, from one `net.trace(X, T)`.

    net: an MLP with M layers; X (N, D); T: targets for net's loss. Returns a dict of two arrays (M,),
    entry l − 1 for layer l: "delta", the root mean square of δ^l = ∂L/∂z^l (N, D_l), and "dW", that of
    ∂L/∂W^l (D_{l-1}, D_l). Root mean squares, so that layers of different widths compare.
    """
    trace, M = net.trace(X, T), len(net.sizes) - 1
    return {key: np.array([rms(trace[f"{key}{layer}"]) for layer in range(1, M + 1)])
            for key in ("delta", "dW")}


def plot_gradient_sizes(sizes):
    """Two panels, log scale: δ^l and ∂L/∂W^l against the layer l, one line per activation.

    sizes: dict activation name ("sigmoid", "tanh", "relu") → a `gradient_sizes` result. Returns a
    viz.Picture, whose text alternative gives each activation's first and last sizes.
    """
    fig, axes = new_figure(1, 2, figsize=(9, 3.6), sharey=True)
    titles = {"delta": tr("error signal δˡ = ∂L/∂zˡ"), "dW": tr("weight gradient ∂L/∂Wˡ")}
    for ax, (key, title) in zip(axes, titles.items(), strict=True):
        for activation, size in sizes.items():
            color, marker = STYLES[activation]
            layers = np.arange(1, len(size[key]) + 1)
            ax.semilogy(layers, size[key], marker=marker, color=color, lw=2, label=NAMES[activation])
        ax.set(xlabel=tr("layer l (M is the output layer)"), xticks=layers, title=title)
    axes[0].set_ylabel(tr("root mean square (log scale)"))
    axes[0].legend(loc="lower right")
    alt = tr("Two plots, log scale, of the root mean square of the error signal δˡ and of the weight "
             "gradient ∂L/∂Wˡ against the layer l = 1 … {M} (M is the output layer), one line per "
             "activation.").format(M=len(layers))
    for activation, size in sizes.items():
        alt = one_after_another(alt, tr("{name}: δ from {first:.2g} in layer 1 to {last:.2g} in layer {M}, "
                                        "∂L/∂W from {w_first:.2g} to {w_last:.2g}.").format(
            name=NAMES[activation], first=size["delta"][0], last=size["delta"][-1], M=len(size["delta"]),
            w_first=size["dW"][0], w_last=size["dW"][-1]))
    return Picture(fig, alt)
