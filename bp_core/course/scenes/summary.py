"""Backpropagation on one page: the forward pass and BP1–BP4 with the shape of every factor, and the
worked example's numbers beside each equation. A static figure, sized to print on one A4 page
(landscape): `summary_figure().fig.savefig("backprop.pdf")`."""

import numpy as np

from bp_core import datasets

from ..i18n import tr
from ..viz import GRAD_COLOR, MONOSPACE, VALUE_COLOR, Picture, new_figure
from .worked_example import worked_example_net

A4_LANDSCAPE = (11.69, 8.27)  # inches


def _fmt(a):
    """A small array on one line, 5 significant digits: [[0.68027, 0.66374]]."""
    a = np.asarray(a)
    return f"{a.item():.5g}" if a.ndim == 0 else "[" + ", ".join(_fmt(row) for row in a) + "]"


def _rows(trace):
    """(name, equation, shapes, the worked example's numbers) for the forward pass and BP1–BP4."""
    f = _fmt
    return [
        (tr("forward"), r"$z^l = a^{l-1} W^l + b^l,\quad a^l = f(z^l),\quad a^0 = x$",
         r"$(N, D_{l-1})\,(D_{l-1}, D_l) + (D_l,) \to (N, D_l)$",
         f"z¹ = {f(trace['z1'])},  a¹ = {f(trace['a1'])},  y = {f(trace['y'])}"),
        ("BP1", r"$\delta^M = \nabla_a L \odot f'(z^M)$",
         r"$(N, K) \odot (N, K) \to (N, K)$",
         f"δ² = (y − t)·σ′(z²) = {f(trace['delta2'])}"),
        ("BP2", r"$\delta^l = \left(\delta^{l+1}\, W^{l+1\,\mathsf{T}}\right) \odot f'(z^l)$",
         r"$(N, D_{l+1})\,(D_{l+1}, D_l) \odot (N, D_l) \to (N, D_l)$",
         f"δ¹ = (δ² W²ᵀ) ⊙ σ′(z¹) = {f(trace['delta1'])}"),
        ("BP3", r"$\partial L/\partial b^l = \sum_n \delta^l_n$",
         r"$(N, D_l) \to (D_l,)$",
         tr("no biases in the worked example")),
        ("BP4", r"$\partial L/\partial W^l = a^{l-1\,\mathsf{T}}\, \delta^l$",
         r"$(D_{l-1}, N)\,(N, D_l) \to (D_{l-1}, D_l)$",
         f"∂L/∂W² = a¹ᵀ δ² = {f(trace['dW2'].T)}ᵀ\n∂L/∂W¹ = xᵀ δ¹ = {f(trace['dW1'])}"),
    ]


def summary_figure():
    """The one-page summary (A4 landscape) as a viz.Picture: its `fig` is the matplotlib Figure."""
    x, t, _ = datasets.worked_example()
    trace = worked_example_net().trace(x, t)
    fig, ax = new_figure(figsize=A4_LANDSCAPE)
    ax.set_axis_off()
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.text(0.0, 1.0, tr("Backpropagation on one page"), fontsize=22, weight="bold", va="top")
    ax.text(0.0, 0.93, tr("Rows are samples (a batch of N); layers l = 1 … M; ⊙ is the elementwise product; "
                          "δ = ∂L/∂z; f is the activation (σ here).\n"
                          "Numbers: the 2-2-1 worked example, x = (0.35, 0.9), t = 0.5, no biases."),
            fontsize=12, va="top", color="0.3", linespacing=1.4)
    for i, (name, equation, shapes, numbers) in enumerate(_rows(trace)):
        y = 0.82 - 0.15 * i
        ax.text(0.0, y, name, fontsize=16, weight="bold", va="top", color=GRAD_COLOR if i else VALUE_COLOR)
        ax.text(0.15, y + 0.01, equation, fontsize=18, va="top")
        # the word apart from the shapes, which are mathtext (that draws no Chinese), on the same baseline
        label = ax.text(0.15, y - 0.055, tr("shapes:"), fontsize=12, va="top", color="0.25")
        ax.annotate(shapes, xy=(1, 0), xycoords=label, xytext=(4, 0), textcoords="offset points",
                    fontsize=12, va="bottom", color="0.25")
        ax.text(0.15, y - 0.09, numbers, fontsize=11, va="top", family=MONOSPACE, color="0.15",
                linespacing=1.3)
    ax.text(0.0, 0.0, tr("Update: W ← W − η ∂L/∂W, b ← b − η ∂L/∂b. With L the mean over the batch, ∇ₐL "
                         "carries the 1/N;\nfor softmax with cross-entropy, BP1 is δᴹ = (y − t)/N: the "
                         "softmax Jacobian cancels."), fontsize=12, va="bottom", linespacing=1.4)
    alt = tr("Backpropagation on one page: the forward pass z = aW + b, a = f(z), and BP1 to BP4, each with "
             "the shapes of its factors and the numbers of the 2-2-1 worked example: δ² = {delta2}, "
             "δ¹ = {delta1}, ∂L/∂W² = {dW2}ᵀ, ∂L/∂W¹ = {dW1}; then the update W ← W − η ∂L/∂W.").format(
        delta2=_fmt(trace["delta2"]), delta1=_fmt(trace["delta1"]), dW2=_fmt(trace["dW2"].T),
        dW1=_fmt(trace["dW1"]))
    return Picture(fig, alt)
