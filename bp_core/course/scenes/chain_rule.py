"""Slopes and the chain rule: a secant turning into a tangent, and the three local
derivatives of the 1-1-1 network x → z = wx + b → a = σ(z) → L = ½(a − t)², each as a tangent."""

import numpy as np

from bp_core.functions import sigmoid, sigmoid_prime
from bp_core.gradcheck import forward_slope
from bp_core.neuron import neuron

from ..i18n import tr
from ..viz import BLUE, GRAD_COLOR, ORANGE, Scene, factor, fmt, new_figure


def tangent(x0, y0, slope, half_width):
    """Two points of the line through (x0, y0) with `slope`, from x0 − half_width to x0 + half_width."""
    xs = np.array([x0 - half_width, x0 + half_width])
    return xs, y0 + slope * (xs - x0)


class SlopeScene(Scene):
    """A function, its tangent at x and the secant through x and x + h: the numeric slope with step h."""

    def __init__(self, f=sigmoid, f_prime=sigmoid_prime, name="σ", xlim=(-6.0, 6.0)):
        self.f, self.f_prime, self.name, self.xlim = f, f_prime, name, xlim
        self.fig, ax = new_figure(figsize=(8, 3.6))
        xs = np.linspace(*xlim, 300)
        ax.plot(xs, f(xs), color=BLUE, lw=2, label=f"f(x) = {name}(x)")
        self.secant, = ax.plot([], [], color=ORANGE, lw=2.5, label=tr("secant through x and x + h"))
        self.tangent, = ax.plot([], [], color=GRAD_COLOR, lw=1.5, ls="--",
                                label=tr("tangent at x (slope f′(x))"))
        self.points, = ax.plot([], [], "o", color=ORANGE)
        ax.set(xlim=xlim, ylim=(-0.3, 1.3), xlabel="x", ylabel="f(x)")
        ax.legend(loc="upper left", fontsize=10)
        self.ax = ax
        self.animated = [self.secant, self.tangent, self.points, ax.title]  # what update changes (viz.py)

    def update(self, x=0.5, h=1.0):
        f = self.f
        slope, exact = forward_slope(f, x, h), float(self.f_prime(x))
        xs = np.array([x, x + h])
        self.points.set_data(xs, f(xs))
        self.secant.set_data(*tangent(x, f(x), slope, 2.5))
        self.tangent.set_data(*tangent(x, f(x), exact, 2.5))
        self.shown = {"name": self.name, "low": self.xlim[0], "high": self.xlim[1], "x": fmt(x, ".2f"),
                      "h": h, "secant": fmt(slope, ".4f"), "tangent": fmt(exact, ".4f"),
                      "error": fmt(slope - exact, "+.1e")}
        title = tr("secant slope {secant}, tangent slope {tangent}, error {error}")
        self.ax.set_title(title.format(**self.shown))
        return tr("x = {x}, h = {h:.3g}: secant slope {secant}, f′(x) = {tangent}").format(**self.shown)

    def describe(self):
        return tr("Plot of f(x) = {name}(x) for x from {low:g} to {high:g}, with its tangent at x = {x} "
                  "(slope f′(x) = {tangent}) and the secant through x and x + h, h = {h:.3g} (slope "
                  "{secant}): the secant's slope is off by {error}.").format(**self.shown)


class ChainRuleScene(Scene):
    """The 1-1-1 network x → z = wx + b → a = σ(z) → L = ½(a − t)², one local derivative per panel.

    Panel 1: a = σ(z) with its tangent (slope da/dz). Panel 2: L(a) with its tangent (slope dL/da).
    Panel 3: L as a function of w (x, b, t fixed) with its tangent, whose slope is the product
    dL/da · da/dz · dz/dw.
    """

    W_RANGE, Z_RANGE = (-4.0, 4.0), (-8.0, 8.0)

    def __init__(self):
        self.fig, axes = new_figure(1, 3, figsize=(11, 3.6))
        self.axes = axes
        self.zs, self.a_grid = np.linspace(*self.Z_RANGE, 300), np.linspace(0, 1, 200)
        self.ws = np.linspace(*self.W_RANGE, 300)
        axes[0].plot(self.zs, sigmoid(self.zs), lw=2)
        self.loss_of_a, = axes[1].plot(self.a_grid, self.a_grid, lw=2)
        self.loss_of_w, = axes[2].plot(self.ws, self.ws, lw=2)
        self.tangents = [ax.plot([], [], color=GRAD_COLOR, ls="--", lw=1.5)[0] for ax in axes]
        self.dots = [ax.plot([], [], "o", color="black")[0] for ax in axes]
        labels = [("z", "a = σ(z)", self.Z_RANGE, (-0.1, 1.1)), ("a", "L = ½(a − t)²", (0, 1), (-0.05, 0.55)),
                  ("w", "L(w)", self.W_RANGE, (-0.05, 0.55))]
        for ax, (xl, yl, xlim, ylim) in zip(axes, labels, strict=True):
            ax.set(xlabel=xl, ylabel=yl, xlim=xlim, ylim=ylim)
        self.animated = [self.loss_of_a, self.loss_of_w, *self.tangents, *self.dots, *(a.title for a in axes)]

    def update(self, x=1.0, w=0.5, b=0.0, t=1.0):
        n = neuron(x, w, b, t)
        dL_dw = float(n.dL_dw[0])
        self.shown = {"x": fmt(x, ".2f"), "w": fmt(w, ".2f"), "b": fmt(b, ".2f"), "t": fmt(t, ".2f"),
                      "z": fmt(n.z, ".4f"), "a": f"{n.a:.4f}", "loss": f"{n.loss:.4f}",
                      "da_dz": fmt(n.da_dz, ".4f"), "dL_da": fmt(n.dL_da, ".4f"), "dL_dw": fmt(dL_dw, ".4f")}
        self.loss_of_a.set_ydata(0.5 * (self.a_grid - t) ** 2)
        self.loss_of_w.set_ydata(0.5 * (sigmoid(self.ws * x + b) - t) ** 2)
        points = [(n.z, n.a, n.da_dz, 1.5), (n.a, n.loss, n.dL_da, 0.2), (w, n.loss, dL_dw, 1.0)]
        for line, dot, (p, q, slope, half) in zip(self.tangents, self.dots, points, strict=True):
            line.set_data(*tangent(p, q, slope, half))
            dot.set_data([p], [q])
        self.axes[0].set_title(f"da/dz = σ′(z) = {fmt(n.da_dz, '.4f')}")
        self.axes[1].set_title(f"dL/da = a − t = {fmt(n.dL_da, '.4f')}")
        # the factors to 4 decimals, as in the titles beside: their product then shows the same 4 decimals
        self.axes[2].set_title(f"dL/dw = dL/da · da/dz · dz/dw\n= {factor(n.dL_da, '.4f')} · "
                               f"{factor(n.da_dz, '.4f')} · {factor(x, '.2f')} ≈ {fmt(dL_dw, '.4f')}")
        return (f"z = {fmt(n.z, '.4f')}, a = {n.a:.4f}, L = {n.loss:.4f}; dL/dw = dL/da·da/dz·dz/dw = "
                f"{factor(n.dL_da, '.4f')}·{factor(n.da_dz, '.4f')}·{factor(x, '.4f')} = {fmt(dL_dw, '.4f')}")

    def describe(self):
        return tr("Three plots of the chain x → z = wx + b → a = σ(z) → L = ½(a − t)² at x = {x}, w = {w}, "
                  "b = {b}, t = {t}, each with a tangent: a against z, at z = {z}, a = {a}, slope da/dz = "
                  "{da_dz}; L against a, at L = {loss}, slope dL/da = {dL_da}; L against w, slope dL/dw = "
                  "{dL_dw}, the product of the two slopes and dz/dw = x.").format(**self.shown)
