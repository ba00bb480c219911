"""Scenes for notebooks 01–04: the chain rule, one neuron, the learning rate, two layers by hand.

Each scene owns one figure made once (viz.new_figure); `update(**values) -> str` recomputes with the
pure functions of bp_core and this module, changes the data of existing artists in place and returns a
line of numbers (see viz.py). Left out on purpose: animation, and any plotting that a slider would
redo from scratch (contour sets are drawn once, in __init__).
"""

import copy

import numpy as np

from . import checks
from .curvature import REGIMES, lr_regime, top_hessian_eigenvalue, update_factor
from .functions import sigmoid, sigmoid_prime
from .network import TwoLayerNet
from .neuron import neuron
from .train import gradient_descent, train
from .viz import new_figure

GRAD_COLOR, VALUE_COLOR = "tab:red", "black"


# ----------------------------------------------------------------------------- small pure helpers


def forward_slope(f, x, h):
    """(f(x + h) − f(x)) / h: the slope of the secant through x and x + h (error O(h))."""
    if h == 0:
        raise ValueError("h must be non-zero, got 0")
    return (f(x + h) - f(x)) / h


def central_slope(f, x, h):
    """(f(x + h) − f(x − h)) / 2h: the central difference (error O(h²))."""
    if h == 0:
        raise ValueError("h must be non-zero, got 0")
    return (f(x + h) - f(x - h)) / (2 * h)


def tangent(x0, y0, slope, half_width):
    """Two points of the line through (x0, y0) with `slope`, from x0 − half_width to x0 + half_width."""
    xs = np.array([x0 - half_width, x0 + half_width])
    return xs, y0 + slope * (xs - x0)


def neuron_loss_grid(w1, w2, x, b, t):
    """L = ½(σ(w1·x1 + w2·x2 + b) − t)² on a grid. w1 (n,), w2 (m,), x (2,) → (m, n) (rows follow w2)."""
    z = w1[None, :] * x[0] + w2[:, None] * x[1] + b
    return 0.5 * (sigmoid(z) - t) ** 2


def worst_regime(regimes):
    """The least stable of several regime names (REGIMES are ordered from most to least stable)."""
    return max(regimes, key=REGIMES.index)


def loss_regime(losses, diverged=False):
    """Name what a loss curve did: "diverging" (rose overall, or became non-finite), "oscillating,
    converging" (fell overall but rose on some steps) or "monotone" (never rose)."""
    losses = np.asarray(losses, dtype=float)
    if diverged or losses[-1] > losses[0]:
        return "diverging"
    return "oscillating, converging" if np.any(np.diff(losses) > 0) else "monotone"


def worked_example_net(W1, W2):
    """The 2-2-1 sigmoid network of seed 002 in row convention: TwoLayerNet(2, 2, 1), biases 0.

    W1 (2, 2) = seed's W0ᵀ, W2 (2, 1) = seed's W1ᵀ."""
    net = TwoLayerNet(2, 2, 1)
    net.params["W1"][...] = W1
    net.params["W2"][...] = W2
    return net


# ----------------------------------------------------------------------------- notebook 01


class SlopeScene:
    """A function, its tangent at x and the secant through x and x + h: the numeric slope with step h."""

    def __init__(self, f=sigmoid, f_prime=sigmoid_prime, name="σ", xlim=(-6.0, 6.0)):
        self.f, self.f_prime, self.name = f, f_prime, name
        self.fig, ax = new_figure(figsize=(8, 3.6))
        xs = np.linspace(*xlim, 300)
        ax.plot(xs, f(xs), color="tab:blue", lw=2, label=f"f(x) = {name}(x)")
        self.secant, = ax.plot([], [], color="tab:orange", lw=1.5, label="secant through x and x + h")
        self.tangent, = ax.plot([], [], color=GRAD_COLOR, lw=1.5, ls="--", label="tangent at x (slope f′(x))")
        self.points, = ax.plot([], [], "o", color="tab:orange")
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
        self.ax.set_title(f"secant slope {slope:.4f}, tangent slope {exact:.4f}, error {slope - exact:+.1e}")
        return f"x = {x:.2f}, h = {h:.3g}: secant slope {slope:.4f}, f′(x) = {exact:.4f}"


class ChainRuleScene:
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
        self.loss_of_a.set_ydata(0.5 * (self.a_grid - t) ** 2)
        self.loss_of_w.set_ydata(0.5 * (sigmoid(self.ws * x + b) - t) ** 2)
        points = [(n.z, n.a, n.da_dz, 1.5), (n.a, n.loss, n.dL_da, 0.2), (w, n.loss, dL_dw, 1.0)]
        for line, dot, (p, q, slope, half) in zip(self.tangents, self.dots, points, strict=True):
            line.set_data(*tangent(p, q, slope, half))
            dot.set_data([p], [q])
        self.axes[0].set_title(f"da/dz = σ′(z) = {n.da_dz:.4f}")
        self.axes[1].set_title(f"dL/da = a − t = {n.dL_da:.4f}")
        self.axes[2].set_title(f"dL/dw = {n.dL_da:.3f}·{n.da_dz:.3f}·{x:.2f} = {dL_dw:.4f}")
        return (f"z = {n.z:.4f}, a = {n.a:.4f}, L = {n.loss:.4f}; dL/dw = dL/da·da/dz·dz/dw = "
                f"{n.dL_da:.4f}·{n.da_dz:.4f}·{x:.4f} = {dL_dw:.4f}")


# ----------------------------------------------------------------------------- notebook 02


class NeuronGraphScene:
    """One neuron with two inputs as a computational graph, and one gradient-descent step.

    Left: nodes x1, w1, x2, w2, b → (×) (×) → (+) = z → (σ) = a → (L) with target t; every edge shows
    its value above (black) and ∂L/∂(that value) below (red). Right: L over the (w1, w2) plane for the
    current x, b, t, the current weights and the arrow of one step w ← w − η ∇_w L.
    """

    NODES = {"x1": (0.4, 5.6), "w1": (0.4, 3.6), "x2": (0.4, 2.4), "w2": (0.4, 0.4), "b": (4.8, 0.6),
             "×1": (2.4, 4.4), "×2": (2.4, 1.6), "+": (4.8, 3.0), "σ": (7.0, 3.0), "L": (9.2, 3.0),
             "t": (9.2, 0.8)}
    LABELS = {"x1": "x₁", "w1": "w₁", "x2": "x₂", "w2": "w₂", "×1": "×", "×2": "×"}
    EDGES = [("x1", "×1"), ("w1", "×1"), ("x2", "×2"), ("w2", "×2"), ("×1", "+"), ("×2", "+"), ("b", "+"),
             ("+", "σ"), ("σ", "L"), ("t", "L")]
    W_RANGE = (-4.0, 4.0)

    def __init__(self):
        self.fig, (ax, ax2) = new_figure(1, 2, figsize=(11.5, 4.4), gridspec_kw={"width_ratios": [1.9, 1]})
        self.ax, self.ax2 = ax, ax2
        ax.set(xlim=(-0.3, 10.0), ylim=(-0.3, 6.5))
        ax.axis("off")
        self.values, self.grads = {}, {}
        for a, b in self.EDGES:
            (x0, y0), (x1, y1) = self.NODES[a], self.NODES[b]
            ax.plot([x0, x1], [y0, y1], color="0.6", lw=1.5, zorder=1)
            mx, my = x0 + 0.4 * (x1 - x0), y0 + 0.4 * (y1 - y0)  # labels 40% along the edge
            if x0 == x1:  # a vertical edge: both labels to its right
                self.values[a, b] = ax.text(mx + 0.12, my + 0.05, "", va="bottom", color=VALUE_COLOR)
                self.grads[a, b] = ax.text(mx + 0.12, my - 0.05, "", va="top", color=GRAD_COLOR)
            else:
                self.values[a, b] = ax.text(mx, my + 0.12, "", ha="center", va="bottom", color=VALUE_COLOR)
                self.grads[a, b] = ax.text(mx, my - 0.12, "", ha="center", va="top", color=GRAD_COLOR)
        for name, (x0, y0) in self.NODES.items():
            fill = "white" if name in ("+", "σ", "L", "t") else "lightyellow"
            ax.text(x0, y0, self.LABELS.get(name, name), ha="center", va="center", fontsize=13, zorder=3,
                    bbox={"boxstyle": "circle", "fc": fill, "ec": "0.3"})
        self.loss_text = ax.text(9.2, 3.6, "", ha="center", va="bottom", fontsize=12)
        self.chain_text = ax.text(-0.2, 6.45, "", ha="left", va="top", fontsize=11, color=GRAD_COLOR)
        ax.text(10.0, -0.3, "black: value above the edge · red: ∂L/∂(value) below", ha="right", va="bottom",
                fontsize=10, color="0.3")
        self.grid = np.linspace(*self.W_RANGE, 81)
        self.image = ax2.imshow(np.zeros((81, 81)), origin="lower", extent=(*self.W_RANGE, *self.W_RANGE),
                                vmin=0, vmax=0.5, cmap="viridis", aspect="auto")
        self.dot, = ax2.plot([], [], "o", color="white", mec="black")
        self.arrow = ax2.annotate("", xy=(0, 0), xytext=(0, 0),
                                  arrowprops={"arrowstyle": "->", "color": "white", "lw": 2})
        ax2.set(xlabel="w₁", ylabel="w₂", title="L(w₁, w₂), dark = low; arrow: one step")
        self.animated = [*self.values.values(), *self.grads.values(), self.loss_text, self.chain_text,
                         self.image, self.dot, self.arrow]

    def update(self, x1=1.0, x2=-1.0, w1=0.5, w2=1.0, b=0.0, t=1.0, lr=5.0):
        lr = checks.positive_number("lr", lr)
        n = neuron([x1, x2], [w1, w2], b, t)
        edge = {("x1", "×1"): (x1, n.dL_dx[0]), ("w1", "×1"): (w1, n.dL_dw[0]),
                ("x2", "×2"): (x2, n.dL_dx[1]), ("w2", "×2"): (w2, n.dL_dw[1]),
                ("×1", "+"): (w1 * x1, n.dL_dz), ("×2", "+"): (w2 * x2, n.dL_dz), ("b", "+"): (b, n.dL_db),
                ("+", "σ"): (n.z, n.dL_dz), ("σ", "L"): (n.a, n.dL_da), ("t", "L"): (t, None)}
        for key, (value, grad) in edge.items():
            self.values[key].set_text(f"{value:.3f}")
            self.grads[key].set_text("" if grad is None else f"{grad:.3f}")
        self.loss_text.set_text(f"L = {n.loss:.4f}")
        self.chain_text.set_text(f"∂L/∂w₁ = ∂L/∂a · ∂a/∂z · ∂z/∂w₁ = {n.dL_da:.3f} · {n.da_dz:.3f} · "
                                 f"{x1:.3f} = {n.dL_dw[0]:.4f}")
        x = np.array([x1, x2])
        grid = neuron_loss_grid(self.grid, self.grid, x, b, t)
        self.image.set_data(grid)
        self.image.set_clim(grid.min(), max(grid.max(), grid.min() + 1e-6))
        new_w = np.array([w1, w2]) - lr * n.dL_dw
        self.dot.set_data([w1], [w2])
        self.arrow.xy = tuple(new_w)
        self.arrow.set_position((w1, w2))
        new_loss = neuron(x, new_w, b, t).loss
        return (f"L = {n.loss:.4f}, ∇_w L = ({n.dL_dw[0]:.4f}, {n.dL_dw[1]:.4f}); "
                f"one step with η = {lr:.2f} → "
                f"w = ({new_w[0]:.3f}, {new_w[1]:.3f}), L = {new_loss:.4f}")


# ----------------------------------------------------------------------------- notebook 03


class LearningRateScene:
    """Gradient descent on L(w) = ½ λ w² from w0: the path on the parabola, the loss per step, and the
    update factor r = 1 − ηλ against η with the bound η < 2/λ. The regime is named in the title."""

    def __init__(self, curvature=2.0, w0=5.0, steps=12, lr_max=1.5):
        self.lam = checks.positive_number("curvature", curvature)
        self.w0, self.steps = float(w0), checks.integer_at_least("steps", steps, 1)
        self.fig, axes = new_figure(1, 3, figsize=(11.5, 3.8))
        self.axes, lim = axes, 1.6 * abs(self.w0)
        ws = np.linspace(-lim, lim, 200)
        axes[0].plot(ws, 0.5 * self.lam * ws**2, color="0.6", lw=2)
        self.path, = axes[0].plot([], [], "o-", color="tab:blue", ms=4, lw=1)
        axes[0].set(xlim=(-lim, lim), ylim=(0, 0.5 * self.lam * lim**2), xlabel="w", ylabel="L(w) = ½λw²")
        self.curve, = axes[1].plot([], [], "o-", color="tab:blue", ms=4)
        axes[1].set(xlim=(0, self.steps), ylim=(-8, 6), xlabel="step k", ylabel="log₁₀ L(w_k)")
        etas = np.array([0.0, lr_max])
        axes[2].plot(etas, 1 - self.lam * etas, color="tab:blue", lw=2, label="r = 1 − ηλ")
        axes[2].axhspan(-1, 1, color="tab:green", alpha=0.15, label="|r| < 1: converges")
        axes[2].axvline(2 / self.lam, color=GRAD_COLOR, ls="--", label=f"η = 2/λ = {2 / self.lam:.3g}")
        self.marker, = axes[2].plot([], [], "o", color="black", ms=8)
        axes[2].set(xlim=(0, lr_max), ylim=(min(-1.5, 1 - self.lam * lr_max), 1.2), xlabel="learning rate η",
                    ylabel="update factor r")
        axes[2].legend(loc="lower left", fontsize=9)
        self.title = self.fig.suptitle("η")  # a placeholder, so that the layout leaves room for it
        self.animated = [self.path, self.curve, self.marker, self.title]

    def update(self, lr=0.1):
        regime, r = lr_regime(lr, self.lam), update_factor(lr, self.lam)
        w = gradient_descent(lambda v: self.lam * v, self.w0, lr, self.steps)
        loss = 0.5 * self.lam * w**2
        self.path.set_data(w, loss)
        self.curve.set_data(np.arange(len(w)), _log10(loss))
        self.marker.set_data([lr], [r])
        words = f"{regime}: w is multiplied by r = 1 − ηλ = {r:+.2f} each step"
        if regime == "diverging":
            words += f" (|w| = {abs(w[-1]):.3g} after {len(w) - 1} steps)"
        self.title.set_text(f"η = {lr:.3f} — {words}")
        return f"η = {lr:.3f}, 2/λ = {2 / self.lam:.3g}: {regime}, r = {r:+.3f}, w_{len(w) - 1} = {w[-1]:.4g}"


class BowlScene:
    """Gradient descent on the bowl L = ½(λ1 w1² + λ2 w2²): contours drawn once, the zig-zag path and
    the loss per step follow η. Steep direction (λ2) decides stability: η < 2/max(λ1, λ2)."""

    LIM = (5.0, 3.0)

    def __init__(self, curvatures=(1.0, 10.0), w0=(-4.5, 2.0), steps=30):
        self.lams = np.array([checks.positive_number(f"curvatures[{i}]", c)
                              for i, c in enumerate(curvatures)])
        self.w0, self.steps = np.asarray(w0, dtype=float), checks.integer_at_least("steps", steps, 1)
        self.fig, (ax, ax2) = new_figure(1, 2, figsize=(11, 3.8), gridspec_kw={"width_ratios": [1.5, 1]})
        self.ax = ax
        g1, g2 = np.meshgrid(np.linspace(-self.LIM[0], self.LIM[0], 200),
                             np.linspace(-self.LIM[1], self.LIM[1], 120))
        ax.contour(g1, g2, 0.5 * (self.lams[0] * g1**2 + self.lams[1] * g2**2), levels=12, colors="0.7")
        self.path, = ax.plot([], [], "o-", color="tab:blue", ms=3, lw=1)
        self.star, = ax.plot([0], [0], "*", color="black", ms=10)  # the minimum, on top of the path
        ax.set(xlim=(-self.LIM[0], self.LIM[0]), ylim=(-self.LIM[1], self.LIM[1]), aspect="equal",
               xlabel=f"w₁ (λ₁ = {self.lams[0]:g})", ylabel=f"w₂ (λ₂ = {self.lams[1]:g})")
        self.curve, = ax2.plot([], [], "-", color="tab:blue")
        ax2.set(xlim=(0, self.steps), ylim=(-6, 6), xlabel="step k", ylabel="log₁₀ L(w_k)")
        self.title = self.fig.suptitle("η")  # a placeholder, so that the layout leaves room for it
        self.animated = [self.path, self.curve, self.star, self.title]

    def update(self, lr=0.1):
        regimes = [lr_regime(lr, lam) for lam in self.lams]
        w = gradient_descent(lambda v: self.lams * v, self.w0, lr, self.steps)
        loss = 0.5 * (w**2 @ self.lams)
        self.path.set_data(w[:, 0], w[:, 1])
        self.curve.set_data(np.arange(len(w)), _log10(loss))
        overall = worst_regime(regimes)
        self.title.set_text(f"η = {lr:.3f} (2/λ_max = {2 / self.lams.max():.3g}): {overall}")
        return (f"η = {lr:.3f}: along w₁ {regimes[0]}, along w₂ {regimes[1]}; overall {overall}; "
                f"L after {len(w) - 1} steps = {loss[-1]:.3g}")


class NetworkLRScene:
    """Full-batch gradient descent on a small network, started from fixed weights, for a chosen η.

    __init__ trains a 2-4-1 sigmoid network on noisy, overlapping XOR data (so the loss has a minimum
    above 0 and the weights sit near it), then
    estimates λ_max of the loss Hessian there by power iteration and sweeps η once to draw the loss
    after `steps` steps against η, with η = 2/λ_max marked. `update(lr)` reruns the steps for one η.
    """

    def __init__(self, steps=40, pretrain_epochs=2000, seed=0, sweep=40):
        from .datasets import xor  # noqa: PLC0415  (only this scene needs a data set)

        X, labels = xor(n=64, noise=0.7, seed=seed)
        self.X, self.T = X, labels[:, None].astype(float)
        self.net = TwoLayerNet(2, 4, 1, seed=seed)
        train(self.net, self.X, self.T, lr=2.0, batch_size=len(X), epochs=pretrain_epochs)
        self.steps = checks.integer_at_least("steps", steps, 1)
        self.lam, self.power_iters = top_hessian_eigenvalue(self.net, self.X, self.T, iters=200, seed=seed)
        self.bound = 2.0 / abs(self.lam)
        self.lr_max = 3.0 * self.bound
        self.start_loss = self.net.loss(self.X, self.T)
        self.fig, (ax, ax2) = new_figure(1, 2, figsize=(11, 3.8))
        self.ax, self.ax2 = ax, ax2
        self.curve, = ax.plot([], [], "o-", color="tab:blue", ms=3)
        start = ax.axhline(self.start_loss, color="0.6", ls=":", label="loss at the start")
        ax.set(xlim=(0, self.steps), xlabel="step k", ylabel="training loss L")
        ax.legend(loc="upper right", fontsize=9)
        self.etas = np.linspace(self.lr_max / sweep, self.lr_max, sweep)
        runs = [self.run(eta)[0] for eta in self.etas]
        finals, highest = [r[-1] for r in runs], [r.max() for r in runs]
        ax2.plot(self.etas, finals, color="tab:blue", lw=2, label=f"L after {self.steps} steps")
        ax2.plot(self.etas, highest, color="tab:orange", lw=2, label="highest L on the way")
        ax2.axvline(self.bound, color=GRAD_COLOR, ls="--", label=f"2/λ_max = {self.bound:.3g}")
        self.marker = ax2.axvline(self.etas[0], color="black", lw=1.5, label="current η")
        ax2.set(xlabel="learning rate η", ylabel="loss", xlim=(0, self.lr_max))
        ax2.legend(loc="upper left", fontsize=9)
        top = max(max(highest), self.start_loss)
        ax.set_ylim(0, 1.15 * top)
        ax2.set_ylim(0, 1.15 * top)
        self.title = self.fig.suptitle("η")  # a placeholder, so that the layout leaves room for it
        self.animated = [self.curve, start, self.marker, self.title]

    def run(self, lr):
        """Losses L_0..L_k of `steps` full-batch steps with learning rate lr from the fixed start, and
        whether training diverged (non-finite values; never plotted)."""
        net = copy.deepcopy(self.net)
        history = train(net, self.X, self.T, lr=lr, batch_size=len(self.X), epochs=self.steps)
        losses = np.array(history.loss + ([] if history.diverged else [net.loss(self.X, self.T)]))
        return losses, history.diverged

    def update(self, lr=1.0):
        losses, diverged = self.run(lr)
        regime = loss_regime(losses, diverged)
        self.curve.set_data(np.arange(len(losses)), losses)
        self.marker.set_xdata([lr, lr])
        side = "below" if lr < self.bound else "above"
        self.title.set_text(f"η = {lr:.3g} is {side} 2/λ_max = {self.bound:.3g}: loss {regime} "
                            f"({losses[0]:.4f} → {losses[-1]:.4f})")
        return f"η = {lr:.3g}, 2/λ_max = {self.bound:.3g}: {regime}, L {losses[0]:.4f} → {losses[-1]:.4f}"


# ----------------------------------------------------------------------------- notebook 04


class WorkedExampleScene:
    """Seed 002's 2-2-1 network drawn with every number: weights and ∂L/∂W on the edges, z, a and δ at
    the nodes, and the update W ← W − η ∂L/∂W, for the weights the sliders choose (row convention:
    W1[i, j] joins input i to hidden unit j; W2[j, 0] joins hidden unit j to the output)."""

    POS = {"x1": (0.5, 4.0), "x2": (0.5, 1.0), "h1": (4.5, 4.0), "h2": (4.5, 1.0), "y": (8.0, 2.5)}

    def __init__(self, x=(0.35, 0.9), t=0.5, lr=1.0):
        self.x, self.t = np.array([x], dtype=float), np.array([[t]], dtype=float)
        self.lr = checks.positive_number("lr", lr)
        self.net = worked_example_net(np.zeros((2, 2)), np.zeros((2, 1)))
        self.fig, ax = new_figure(figsize=(11, 4.6))
        self.ax = ax
        ax.set(xlim=(-0.3, 12.8), ylim=(-0.4, 5.4))
        ax.axis("off")
        self.edge_text = {}
        edges = [("x1", "h1", (0, 0)), ("x1", "h2", (0, 1)), ("x2", "h1", (1, 0)), ("x2", "h2", (1, 1))]
        for a, b, ij in edges + [("h1", "y", (0,)), ("h2", "y", (1,))]:
            (x0, y0), (x1, y1) = self.POS[a], self.POS[b]
            ax.plot([x0, x1], [y0, y1], color="0.6", lw=1.5, zorder=1)
            frac = 0.3 if b != "y" else 0.5
            key = ("W1", ij) if b != "y" else ("W2", (ij[0], 0))
            self.edge_text[key] = ax.text(x0 + frac * (x1 - x0), y0 + frac * (y1 - y0), "", ha="center",
                                          va="center", fontsize=10, zorder=2,
                                          bbox={"fc": "white", "ec": "none", "alpha": 0.85, "pad": 1})
        self.node_text = {}
        for name, (x0, y0) in self.POS.items():
            ax.text(x0, y0, name.replace("1", "₁").replace("2", "₂"), ha="center", va="center", fontsize=13,
                    zorder=3, bbox={"boxstyle": "circle", "fc": "lightyellow", "ec": "0.3"})
            self.node_text[name] = ax.text(x0, y0 - 0.45, "", ha="center", va="top", fontsize=10)
        self.table = ax.text(9.3, 5.3, "", ha="left", va="top", fontsize=10, family="monospace")
        self.animated = [*self.edge_text.values(), *self.node_text.values(), self.table]

    def trace(self, W1, W2):
        """net.trace for the example's x and t with these weights (biases 0): every z, a, δ, dW."""
        self.net.params["W1"][...] = W1
        self.net.params["W2"][...] = W2
        return self.net.trace(self.x, self.t)

    def update(self, W1_11=0.1, W1_12=0.4, W1_21=0.8, W1_22=0.6, W2_1=0.3, W2_2=0.9):
        W1 = np.array([[W1_11, W1_12], [W1_21, W1_22]])
        W2 = np.array([[W2_1], [W2_2]])
        tr = self.trace(W1, W2)
        for (name, ij), text in self.edge_text.items():
            W, dW = (W1, tr["dW1"]) if name == "W1" else (W2, tr["dW2"])
            text.set_text(f"{W[ij]:.3f}\n∂ {dW[ij]:.5f}")
            text.set_color(VALUE_COLOR)
        for i in range(2):
            self.node_text[f"x{i + 1}"].set_text(f"x = {self.x[0, i]:.2f}")
            self.node_text[f"h{i + 1}"].set_text(f"z = {tr['z1'][0, i]:.4f}\na = {tr['a1'][0, i]:.4f}\n"
                                                 f"δ = {tr['delta1'][0, i]:.5f}")
        self.node_text["y"].set_text(f"z = {tr['z2'][0, 0]:.4f}\ny = {tr['y'][0, 0]:.4f}\n"
                                     f"δ = {tr['delta2'][0, 0]:.5f}\nt = {self.t[0, 0]:.2f}")
        new1, new2 = W1 - self.lr * tr["dW1"], W2 - self.lr * tr["dW2"]
        self.table.set_text(
            f"L = ½(y − t)² = {tr['loss']:.6f}\n\n"
            f"δ₂ = (y − t)·σ′(z₂)\nδ₁ = (δ₂ W2ᵀ) ⊙ σ′(z₁)\n\n"
            f"update, η = {self.lr:g}:\nW1 − η ∂L/∂W1 =\n{_matrix(new1)}\n"
            f"W2 − η ∂L/∂W2 =\n{_matrix(new2)}")
        return f"y = {tr['y'][0, 0]:.4f}, L = {tr['loss']:.5f}, δ₂ = {tr['delta2'][0, 0]:.5f}"


def _log10(loss):
    """log₁₀ of losses for a linear axis (cheaper to redraw than a log axis); 0 shows as −12."""
    return np.log10(np.maximum(loss, 1e-12))


def _matrix(M):
    """A small matrix as rows of numbers for a text artist."""
    return "\n".join("  [" + "  ".join(f"{v:8.5f}" for v in row) + "]" for row in M)
