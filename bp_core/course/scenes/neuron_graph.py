"""One neuron as a computational graph with values and gradients on its edges, and one
gradient-descent step on its loss surface."""

import numpy as np
from matplotlib.colors import BoundaryNorm
from matplotlib.patheffects import withStroke

from bp_core import checks
from bp_core.functions import sigmoid
from bp_core.neuron import neuron

from ..i18n import tr
from ..viz import GRAD_COLOR, VALUE_COLOR, Scene, factor, fmt, new_figure

LOSS_LEVELS = np.linspace(0.0, 0.5, 11)  # bands of equal loss 0.05 wide; L = ½(a − t)² < ½ for a, t in [0, 1]


def neuron_loss_grid(w1, w2, x, b, t):
    """L = ½(σ(w1·x1 + w2·x2 + b) − t)² on a grid. w1 (n,), w2 (m,), x (2,) → (m, n) (rows follow w2)."""
    z = w1[None, :] * x[0] + w2[:, None] * x[1] + b
    return 0.5 * (sigmoid(z) - t) ** 2


def beside_edge(p, q, side, frac=0.4, gap=0.1):
    """Where a label of the edge p → q goes, `frac` of the way along it and `gap` away from it, on one side
    (side +1: above it, or right of a vertical edge; −1: below it, or right of it and lower), and how the
    text is aligned there: by its corner nearest the edge, so that all of the text stays on that side.

    Returns ((x, y), ha, va)."""
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    mx, my = x0 + frac * dx, y0 + frac * dy
    if dx == 0:  # a vertical edge: both labels to its right, one above the other
        return (mx + gap, my + side * gap / 2), "left", "bottom" if side > 0 else "top"
    length = np.hypot(dx, dy)
    nx, ny = -dy / length * np.sign(dx) * side, abs(dx) / length * side  # the normal on that side
    ha = "center" if dy == 0 else ("left" if nx > 0 else "right")
    return (mx + gap * nx, my + gap * ny), ha, "bottom" if ny > 0 else "top"


class NeuronGraphScene(Scene):
    """One neuron with two inputs as a computational graph, and one gradient-descent step.

    Left: nodes x1, w1, x2, w2, b → (×) (×) → (+) = z → (σ) = a → (L) with target t; every edge shows
    its value above (black) and ∂L/∂(that value) below (red). Right: L over the (w1, w2) plane for the
    current x, b, t in bands of equal loss, the current weights and the arrow of one step w ← w − η ∇_w L.
    `edges` maps each edge to its line and its two labels (value, gradient); `nodes` each node to its text.
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
        # the nodes and the key first, at the labels' zorder: a slider move repaints only what follows them
        self.nodes = {}
        for name, (x0, y0) in self.NODES.items():
            fill = "white" if name in ("+", "σ", "L", "t") else "lightyellow"
            self.nodes[name] = ax.text(x0, y0, self.LABELS.get(name, name), ha="center", va="center",
                                       fontsize=13, zorder=3,
                                       bbox={"boxstyle": "circle", "fc": fill, "ec": "0.3"})
        ax.text(10.0, -0.3, tr("black: value above the edge · red: ∂L/∂(value) below"), ha="right",
                va="bottom", fontsize=10, color="0.3")
        self.values, self.grads, self.edges = {}, {}, {}
        for a, b in self.EDGES:
            p, q = self.NODES[a], self.NODES[b]
            (line,) = ax.plot(*zip(p, q, strict=True), color="0.6", lw=1.5, zorder=1)
            labels = []
            for side, color in ((1, VALUE_COLOR), (-1, GRAD_COLOR)):
                xy, ha, va = beside_edge(p, q, side)
                labels.append(ax.text(*xy, "", ha=ha, va=va, color=color))
            self.values[a, b], self.grads[a, b] = labels
            self.edges[a, b] = (line, tuple(labels))
        self.loss_text = ax.text(9.2, 3.6, "", ha="center", va="bottom", fontsize=12)
        self.chain_text = ax.text(-0.2, 6.45, "", ha="left", va="top", fontsize=11, color=GRAD_COLOR)
        self.grid = np.linspace(*self.W_RANGE, 161)
        # L interpolated to the screen's pixels, then put in its band: sharp band edges, and the picture
        # drawn in half the time of colouring the grid first and smoothing the colours
        self.image = ax2.imshow(np.zeros((161, 161)), origin="lower", extent=(*self.W_RANGE, *self.W_RANGE),
                                cmap="viridis", norm=BoundaryNorm(LOSS_LEVELS, 256), aspect="equal", zorder=1,
                                interpolation="bilinear", interpolation_stage="data")
        ax2.set_axisbelow(True)  # the ticks under the image (outside it): a slider move does not repaint them
        self.fig.colorbar(self.image, ax=ax2, label=tr("loss L"), ticks=LOSS_LEVELS[::2], shrink=0.9)
        self.dot, = ax2.plot([], [], "o", color="white", mec="black")
        self.arrow = ax2.annotate("", xy=(0, 0), xytext=(0, 0),
                                  arrowprops={"arrowstyle": "->", "color": "white", "lw": 2,
                                              "path_effects": [withStroke(linewidth=4, foreground="black")]})
        ax2.set(xlabel="w₁", ylabel="w₂", title=tr("L(w₁, w₂), dark = low; arrow: one step"))
        ax2.title.set_zorder(0.5)  # and the title, above the axes: drawn once, not after every slider move
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
            self.values[key].set_text(fmt(value))
            self.grads[key].set_text("" if grad is None else fmt(grad))
        self.loss_text.set_text(f"L = {n.loss:.4f}")
        self.chain_text.set_text(f"∂L/∂w₁ = ∂L/∂a · ∂a/∂z · ∂z/∂w₁ = {factor(n.dL_da)} · {factor(n.da_dz)} · "
                                 f"{factor(x1)} = {fmt(n.dL_dw[0], '.4f')}")
        x = np.array([x1, x2])
        self.image.set_data(neuron_loss_grid(self.grid, self.grid, x, b, t))
        new_w = np.array([w1, w2]) - lr * n.dL_dw
        self.dot.set_data([w1], [w2])
        self.arrow.xy = tuple(new_w)
        self.arrow.set_position((w1, w2))
        new_loss = neuron(x, new_w, b, t).loss
        self.shown = {"x1": fmt(x1), "x2": fmt(x2), "w1": fmt(w1), "w2": fmt(w2), "b": fmt(b), "t": fmt(t),
                      "z": fmt(n.z), "a": fmt(n.a), "loss": f"{n.loss:.4f}", "g1": fmt(n.dL_dw[0], ".4f"),
                      "g2": fmt(n.dL_dw[1], ".4f"), "gb": fmt(n.dL_db, ".4f"), "lr": f"{lr:.2f}",
                      "n1": fmt(new_w[0]), "n2": fmt(new_w[1]), "new_loss": f"{new_loss:.4f}"}
        return tr("L = {loss}, ∇_w L = ({g1}, {g2}); one step with η = {lr} → w = ({n1}, {n2}), "
                  "L = {new_loss}").format(**self.shown)

    def describe(self):
        return tr("Left: one neuron as a computational graph, each edge with its value and ∂L/∂(that value): "
                  "x₁ = {x1} times w₁ = {w1} plus x₂ = {x2} times w₂ = {w2} plus b = {b} gives z = {z}, "
                  "a = σ(z) = {a} and L = {loss} for t = {t}; ∂L/∂w₁ = {g1}, ∂L/∂w₂ = {g2}, ∂L/∂b = {gb}. "
                  "Right: L over the (w₁, w₂) plane in bands of equal loss, and an arrow for one step with "
                  "η = {lr} from ({w1}, {w2}) to ({n1}, {n2}), where L = {new_loss}.").format(**self.shown)
