"""One neuron as a computational graph with values and gradients on its edges, and one
gradient-descent step on its loss surface."""

import numpy as np

from bp_core import checks
from bp_core.functions import sigmoid
from bp_core.neuron import neuron

from ..viz import GRAD_COLOR, VALUE_COLOR, new_figure


def neuron_loss_grid(w1, w2, x, b, t):
    """L = ½(σ(w1·x1 + w2·x2 + b) − t)² on a grid. w1 (n,), w2 (m,), x (2,) → (m, n) (rows follow w2)."""
    z = w1[None, :] * x[0] + w2[:, None] * x[1] + b
    return 0.5 * (sigmoid(z) - t) ** 2


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
