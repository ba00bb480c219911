"""Gradient checking: the V of a central difference's error against h, a report as
text, and a ReLU net placed at a kink."""

import unicodedata

import numpy as np

from bp_core.functions import sigmoid
from bp_core.network import TwoLayerNet

from ..i18n import tr
from ..viz import BLUE, ORANGE, Scene, legend_outside, new_figure


def h_sweep(hs, dtype=np.float64, w=0.7, x=1.5, b=-0.2, t=0.9):
    """Relative error of the central difference of f(w) = ½(σ(w x + b) − t)² against f'(w), per step h.

    w, x, b, t and the steps are numbers of `dtype` (float64 or float32), and so is every sum, product
    and difference of the loss; the sigmoid itself is computed in float64 and rounded to `dtype` (it is
    bp_core.functions.sigmoid). In float32, w ± h rounds back to w below h ≈ 3e-8 (float32 numbers near
    0.7 are 6e-8 apart): both losses are equal, the slope is 0 and the error 1. hs: array of h > 0.
    Returns an array like hs, with errors floored at 1e-17 (an exact hit would be 0, which a log axis
    cannot show).
    """
    hs = np.asarray(hs, dtype=float)
    if hs.ndim != 1 or not (hs > 0).all():
        raise ValueError(f"hs must be a 1-D array of steps > 0, got {hs}")
    d = np.dtype(dtype).type
    xd, bd, td = d(x), d(b), d(t)

    def f(v):
        return d(0.5) * (sigmoid(v * xd + bd).astype(d) - td) ** 2

    y = sigmoid(w * x + b)
    exact = (y - t) * y * (1 - y) * x
    h = hs.astype(d)
    numeric = ((f(d(w) + h) - f(d(w) - h)) / (d(2) * h)).astype(float)
    return np.maximum(np.abs(numeric - exact) / abs(exact), 1e-17)


class HSweepScene(Scene):
    """The V-shaped error of a central difference against h (log axes), float64 and float32."""

    HS = np.logspace(-12, 0, 121)

    def __init__(self):
        self.fig, self.ax = new_figure(figsize=(8, 3.5))
        self.err = {"float64": h_sweep(self.HS), "float32": h_sweep(self.HS, np.float32)}
        self.dots = {}
        for (name, err), color in zip(self.err.items(), (BLUE, ORANGE), strict=True):
            self.ax.loglog(self.HS, err, color=color, lw=2, label=name)
            (self.dots[name],) = self.ax.loglog([1e-5], [1e-5], "o", ms=9, color=color)
        self.vline = self.ax.axvline(1e-5, color="0.4", ls="--", lw=1)
        self.ax.set(xlabel=tr("step h"), ylabel=tr("relative error of the slope"), ylim=(1e-13, 10),
                    title=tr("Central difference of ½(σ(wx+b) − t)²: truncation ↘, round-off ↗"))
        legend_outside(self.ax)
        self.animated = [*self.dots.values(), self.vline]

    def update(self, log10_h):
        i = int(np.argmin(np.abs(np.log10(self.HS) - log10_h)))
        h = self.HS[i]
        for name, dot in self.dots.items():
            dot.set_data([h], [self.err[name][i]])
        self.vline.set_xdata([h, h])
        self.shown = i
        status = tr("h = {h:.1e}: error {e64:.1e} in float64, {e32:.1e} in float32")
        return status.format(h=h, e64=self.err["float64"][i], e32=self.err["float32"][i])

    def describe(self):
        best = {name: int(np.argmin(err)) for name, err in self.err.items()}
        return tr("Log-log plot of the relative error of a central difference against the step h, in "
                  "float64 (blue) and float32 (orange): a V, the truncation error falling and the round-off "
                  "error rising as h shrinks, lowest at h = {h64:.0e} in float64 ({low64:.1e}) and at "
                  "h = {h32:.0e} in float32 ({low32:.1e}). Marked: h = {h:.1e}, error {e64:.1e} in float64 "
                  "and {e32:.1e} in float32.").format(
            h64=self.HS[best["float64"]], low64=self.err["float64"].min(), h32=self.HS[best["float32"]],
            low32=self.err["float32"].min(), h=self.HS[self.shown], e64=self.err["float64"][self.shown],
            e32=self.err["float32"][self.shown])


def report_rows(report, floor=1e-8):
    """A GradCheckReport as text in the learner's language, with relative errors below `floor` shown as
    "< 1e-08": those digits are round-off and differ between machines, the verdict does not."""
    lines = [pad(tr("param"), 8) + pad(tr("shape"), 10) + pad(tr("rel. error"), 12, right=True) + "  "
             + tr("verdict")]
    for r in report:
        err = f"{r.rel_error:.1e}" if r.rel_error >= floor else f"< {floor:.0e}"
        kink = "  " + tr("(kink crossed)") if r.kink_crossed else ""
        lines.append(f"{r.name:<8}{str(r.shape):<10}{err:>12}  {tr(r.verdict)}{kink}")
    return "\n".join(lines)


def pad(text, width, right=False):
    """text padded with spaces to `width` columns of a fixed-width font, where a Chinese character (wide,
    as unicodedata says) takes two; right-aligned when `right`."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    space = " " * max(width - columns, 0)
    return space + text if right else text + space


def kink_example(distance, N=1, seed=0):
    """A 2-3-1 ReLU net and N samples; the first sample's first hidden pre-activation z1[0, 0] = `distance`.

    With distance below the checker's h (1e-5), moving b1[0] by ±h flips that ReLU: a "kink".
    Returns (net, X (N, 2), T (N, 1)).
    """
    net = TwoLayerNet(2, 3, 1, "relu", seed=seed)
    rng = np.random.default_rng(seed)
    X, T = np.vstack([[0.6, -0.4], rng.standard_normal((N - 1, 2))]), rng.uniform(0, 1, (N, 1))
    net.params["b1"][0] += distance - float((X @ net.params["W1"] + net.params["b1"])[0, 0])
    return net, X, T
