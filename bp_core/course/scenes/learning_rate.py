"""The learning rate: gradient descent on a parabola and on a two-curvature bowl, and a
small network's loss for any η next to its stability bound 2/λ_max."""

import copy

import numpy as np

from bp_core import checks
from bp_core.curvature import loss_regime, lr_regime, top_hessian_eigenvalue, update_factor, worst_regime
from bp_core.datasets import xor
from bp_core.network import TwoLayerNet
from bp_core.train import gradient_descent, train

from ..i18n import tr
from ..viz import BLUE, GRAD_COLOR, ORANGE, Scene, fmt, legend_outside, new_figure


class LearningRateScene(Scene):
    """Gradient descent on L(w) = ½ λ w² from w0: the path on the parabola, the loss per step, and the
    update factor r = 1 − ηλ against η with the bound η < 2/λ. The regime is named in the title."""

    def __init__(self, curvature=2.0, w0=5.0, steps=12, lr_max=1.5):
        self.lam = checks.positive_number("curvature", curvature)
        self.w0, self.steps = float(w0), checks.integer_at_least("steps", steps, 1)
        self.fig, axes = new_figure(1, 3, figsize=(11.5, 3.8))
        self.axes, lim = axes, 1.6 * abs(self.w0)
        ws = np.linspace(-lim, lim, 200)
        axes[0].plot(ws, 0.5 * self.lam * ws**2, color="0.6", lw=2)
        self.path, = axes[0].plot([], [], "o-", color=BLUE, ms=4, lw=1)
        axes[0].set(xlim=(-lim, lim), ylim=(0, 0.5 * self.lam * lim**2), xlabel="w", ylabel="L(w) = ½λw²")
        self.curve, = axes[1].plot([], [], "o-", color=BLUE, ms=4)
        axes[1].set(xlim=(0, self.steps), ylim=(-8, 6), xlabel=tr("step k"), ylabel="log₁₀ L(w_k)")
        etas = np.array([0.0, lr_max])
        axes[2].plot(etas, 1 - self.lam * etas, color=BLUE, lw=2, label="r = 1 − ηλ")
        axes[2].axhspan(-1, 1, color=BLUE, alpha=0.12, label=tr("|r| < 1: converges"))
        axes[2].axvline(2 / self.lam, color=GRAD_COLOR, ls="--", label=f"η = 2/λ = {2 / self.lam:.3g}")
        self.marker, = axes[2].plot([], [], "o", color="black", ms=8, clip_on=False)  # whole at the ends
        axes[2].set(xlim=(0, lr_max), ylim=(min(-1.5, 1 - self.lam * lr_max), 1.2),
                    xlabel=tr("learning rate η"), ylabel=tr("update factor r"))
        legend_outside(axes[2], fontsize=9)
        self.title = self.fig.suptitle("η")  # a placeholder, so that the layout leaves room for it
        self.animated = [self.path, self.curve, self.marker, self.title]

    def update(self, lr=0.1):
        regime, r = lr_regime(lr, self.lam), update_factor(lr, self.lam)
        w = gradient_descent(lambda v: self.lam * v, self.w0, lr, self.steps)
        loss = 0.5 * self.lam * w**2
        self.path.set_data(w, loss)
        self.curve.set_data(np.arange(len(w)), _log10(loss))
        self.marker.set_data([lr], [r])
        if regime == "diverging":
            title = tr("η = {lr:.3f} — {regime}: w is multiplied by r = 1 − ηλ = {r} each step "
                       "(|w| = {w:.3g} after {k} steps)")
        else:
            title = tr("η = {lr:.3f} — {regime}: w is multiplied by r = 1 − ηλ = {r} each step")
        k, named = len(w) - 1, tr(regime)
        self.title.set_text(title.format(lr=lr, regime=named, r=fmt(r, "+.2f"), w=abs(w[-1]), k=k))
        self.shown = {"lam": self.lam, "w0": self.w0, "lr": lr, "regime": regime, "r": fmt(r, "+.3f"),
                      "bound": 2 / self.lam, "k": k, "w": fmt(w[-1], ".4g")}
        return tr("η = {lr:.3f}, 2/λ = {bound:.3g}: {regime}, r = {r}, w_{k} = {w}").format(
            **{**self.shown, "regime": named})

    def describe(self):
        regime = self.shown["regime"]
        return tr("Three plots of gradient descent on L(w) = ½λw², λ = {lam:g}, from w = {w0:g} with "
                  "η = {lr:.3f}: the path of w on the parabola, log₁₀ L against the step, and the update "
                  "factor r = 1 − ηλ against η with the band |r| < 1 where it converges, up to η = 2/λ = "
                  "{bound:.3g}. Here r = {r}: {regime}; after {k} steps w = {w}.").format(
            **{**self.shown, "regime": tr(regime)})


class BowlScene(Scene):
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
        self.path, = ax.plot([], [], "o-", color=BLUE, ms=3, lw=1)
        self.star, = ax.plot([0], [0], "*", color="black", ms=10)  # the minimum, on top of the path
        ax.set(xlim=(-self.LIM[0], self.LIM[0]), ylim=(-self.LIM[1], self.LIM[1]), aspect="equal",
               xlabel=f"w₁ (λ₁ = {self.lams[0]:g})", ylabel=f"w₂ (λ₂ = {self.lams[1]:g})")
        self.curve, = ax2.plot([], [], "-", color=BLUE)
        ax2.set(xlim=(0, self.steps), ylim=(-6, 6), xlabel=tr("step k"), ylabel="log₁₀ L(w_k)")
        self.title = self.fig.suptitle("η")  # a placeholder, so that the layout leaves room for it
        self.animated = [self.path, self.curve, self.star, self.title]

    def update(self, lr=0.1):
        regimes = [lr_regime(lr, lam) for lam in self.lams]
        w = gradient_descent(lambda v: self.lams * v, self.w0, lr, self.steps)
        loss = 0.5 * (w**2 @ self.lams)
        self.path.set_data(w[:, 0], w[:, 1])
        self.curve.set_data(np.arange(len(w)), _log10(loss))
        self.shown = {"l1": self.lams[0], "l2": self.lams[1], "a": self.w0[0], "b": self.w0[1], "lr": lr,
                      "regimes": regimes, "k": len(w) - 1, "loss": loss[-1]}
        words = self.regime_words()
        self.title.set_text(tr("η = {lr:.3f} (2/λ_max = {bound:.3g}): {regime}").format(
            lr=lr, bound=2 / self.lams.max(), regime=words["overall"]))
        return tr("η = {lr:.3f}: along w₁ {first}, along w₂ {second}; overall {overall}; "
                  "L after {k} steps = {loss:.3g}").format(**self.shown, **words)

    def regime_words(self):
        """The regimes of the last update, in the learner's language: along w₁ (first), along w₂ (second)
        and the worst of the two (overall)."""
        regimes = self.shown["regimes"]
        return {"first": tr(regimes[0]), "second": tr(regimes[1]), "overall": tr(worst_regime(regimes))}

    def describe(self):
        return tr("Gradient descent on the bowl L = ½(λ₁w₁² + λ₂w₂²), λ₁ = {l1:g}, λ₂ = {l2:g}, with "
                  "η = {lr:.3f}: its path over the contour lines from ({a:g}, {b:g}) towards the minimum ★ "
                  "(along w₁: {first}; along w₂: {second}; overall: {overall}), and log₁₀ L against the "
                  "step: L = {loss:.3g} after {k} steps.").format(**self.shown, **self.regime_words())


class NetworkLRScene(Scene):
    """Full-batch gradient descent on a small network, started from fixed weights, for a chosen η.

    __init__ trains a 2-4-1 sigmoid network for 2000 full-batch steps on noisy, overlapping XOR data,
    then estimates λ_max, the largest eigenvalue of the loss Hessian where those steps left the weights
    (not a minimum: the loss still falls slowly there and the Hessian has negative eigenvalues too), by
    power iteration, and sweeps η once to draw the loss after `steps` steps against η, with η = 2/λ_max
    marked. `update(lr)` reruns the steps for one η and names what the loss did (curvature.loss_regime).
    """

    def __init__(self, steps=40, pretrain_epochs=2000, seed=0, sweep=40):
        X, labels = xor(n=64, noise=0.7, seed=seed)
        self.X, self.T = X, labels[:, None].astype(float)
        self.net = TwoLayerNet(2, 4, 1, seed=seed)
        train(self.net, self.X, self.T, lr=2.0, batch_size=len(X), epochs=pretrain_epochs)
        self.steps = checks.integer_at_least("steps", steps, 1)
        self.lam, self.products = top_hessian_eigenvalue(self.net, self.X, self.T, iters=200, seed=seed)
        self.bound = 2.0 / self.lam  # λ_max > 0 here: the loss curves upwards somewhere
        self.lr_max = 3.0 * self.bound
        self.start_loss = self.net.loss(self.X, self.T)
        self.fig, (ax, ax2) = new_figure(1, 2, figsize=(11, 3.8))
        self.ax, self.ax2 = ax, ax2
        self.curve, = ax.plot([], [], "o-", color=BLUE, ms=3)
        start = ax.axhline(self.start_loss, color="0.6", ls=":", label=tr("loss at the start"))
        ax.set(xlim=(0, self.steps), xlabel=tr("step k"), ylabel=tr("training loss L"))
        legend_outside(ax, fontsize=9)
        self.etas = np.linspace(self.lr_max / sweep, self.lr_max, sweep)
        runs = [self.run(eta)[0] for eta in self.etas]
        finals, highest = [r[-1] for r in runs], [r.max() for r in runs]
        ax2.plot(self.etas, finals, color=BLUE, lw=2,
                 label=tr("L after {k} steps").format(k=self.steps))
        ax2.plot(self.etas, highest, color=ORANGE, lw=2, label=tr("highest L on the way"))
        ax2.axvline(self.bound, color=GRAD_COLOR, ls="--", label=f"2/λ_max = {self.bound:.3g}")
        self.marker = ax2.axvline(self.etas[0], color="black", lw=1.5, label=tr("current η"))
        ax2.set(xlabel=tr("learning rate η"), ylabel=tr("loss"), xlim=(0, self.lr_max))
        legend_outside(ax2, fontsize=9)
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
        if lr < self.bound:
            title = tr("η = {lr:.3g} is below 2/λ_max = {bound:.3g}: loss {regime} "
                       "({first:.4f} → {last:.4f})")
        else:
            title = tr("η = {lr:.3g} is above 2/λ_max = {bound:.3g}: loss {regime} "
                       "({first:.4f} → {last:.4f})")
        numbers = {"lr": lr, "bound": self.bound, "regime": tr(regime), "first": losses[0],
                   "last": losses[-1]}
        self.shown = {**numbers, "regime": regime, "k": self.steps}
        self.title.set_text(title.format(**numbers))
        status = tr("η = {lr:.3g}, 2/λ_max = {bound:.3g}: {regime}, L {first:.4f} → {last:.4f}")
        return status.format(**numbers)

    def describe(self):
        regime = self.shown["regime"]
        return tr("Left: the training loss of a small network over {k} full-batch steps with η = {lr:.3g}, "
                  "from {first:.4f} to {last:.4f}: {regime}. Right: the loss after {k} steps and the highest "
                  "loss on the way against η, with the bound 2/λ_max = {bound:.3g} and the current η "
                  "marked.").format(**{**self.shown, "regime": tr(regime)})


def _log10(loss):
    """log₁₀ of losses for a linear axis (cheaper to redraw than a log axis); 0 shows as −12."""
    return np.log10(np.maximum(loss, 1e-12))
