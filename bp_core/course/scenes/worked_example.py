"""The 2-2-1 worked example of the post 反向传播算法的理解, every number on one picture."""

import numpy as np
from matplotlib.transforms import offset_copy

from bp_core import checks, datasets
from bp_core.network import TwoLayerNet

from ..i18n import tr
from ..viz import MONOSPACE, VALUE_COLOR, Scene, fmt, new_figure


def worked_example_net(W1=None, W2=None):
    """The 2-2-1 sigmoid network of the worked example in row convention: TwoLayerNet(2, 2, 1), biases 0.

    W1 (2, 2), W2 (2, 1): its weights, by default the post's (`datasets.worked_example`; its column-
    convention W0 and W1 transposed)."""
    post = datasets.worked_example()[2]
    net = TwoLayerNet(2, 2, 1)
    net.params["W1"][...] = post["W1"] if W1 is None else W1
    net.params["W2"][...] = post["W2"] if W2 is None else W2
    return net


class WorkedExampleScene(Scene):
    """The worked example's 2-2-1 network drawn with every number: weights and ∂L/∂W on the edges, z, a
    and δ at the nodes, and the update W ← W − η ∂L/∂W, for the weights the sliders choose (row convention:
    W1[i, j] joins input i to hidden unit j; W2[j, 0] joins hidden unit j to the output).

    `edges` maps each weight ("W1", (i, j)) or ("W2", (j, 0)) to its edge's line and label; `nodes` each
    node to its text."""

    POS = {"x1": (0.5, 4.0), "x2": (0.5, 1.0), "h1": (4.5, 4.0), "h2": (4.5, 1.0), "y": (8.0, 2.5)}
    TABLE_LINE_PT = 12.5  # from one line of the table to the next, in points (1.25 lines of 10 pt)

    def __init__(self, lr=1.0):
        self.x, self.t, _ = datasets.worked_example()
        self.lr = checks.positive_number("lr", lr)
        self.net = worked_example_net()
        self.fig, ax = new_figure(figsize=(11, 4.6))
        self.ax = ax
        ax.set(xlim=(-0.3, 12.8), ylim=(-0.4, 5.4))
        ax.axis("off")
        # the nodes, the key and what never changes first, at the labels' zorder: a slider move repaints only
        # what follows them
        inputs = {"x1": self.x[0, 0], "x2": self.x[0, 1]}  # the example's, whatever the weights
        self.node_text, self.nodes = {}, {}
        for name, (x0, y0) in self.POS.items():
            self.nodes[name] = ax.text(x0, y0, name.replace("1", "₁").replace("2", "₂"), ha="center",
                                       va="center", fontsize=13, zorder=2,
                                       bbox={"boxstyle": "circle", "fc": "lightyellow", "ec": "0.3"})
            fixed = name in inputs
            self.node_text[name] = ax.text(x0, y0 - 0.45, f"x = {inputs[name]:.2f}" if fixed else "",
                                           ha="center", va="top", fontsize=10, zorder=2 if fixed else 3)
        ax.text(-0.3, -0.4, tr("on each edge: its weight W, and ∂ = ∂L/∂W below it"), ha="left",
                va="bottom", fontsize=10, color="0.3", zorder=2)
        # the table on the right, a text per line: its formulas fixed, its numbers (lines 0, 7, 8, 10, 11) new
        for i, line in ((2, "δ₂ = (y − t)·σ′(z₂)"), (3, "δ₁ = (δ₂ W2ᵀ) ⊙ σ′(z₁)"),
                        (5, tr("update, η = {lr:g}:").format(lr=self.lr)), (6, "W1 − η ∂L/∂W1 ="),
                        (9, "W2 − η ∂L/∂W2 =")):
            self._table_line(i, line)
        self.edge_text, self.edges = {}, {}
        edges = [("x1", "h1", (0, 0)), ("x1", "h2", (0, 1)), ("x2", "h1", (1, 0)), ("x2", "h2", (1, 1))]
        for a, b, ij in edges + [("h1", "y", (0,)), ("h2", "y", (1,))]:
            (x0, y0), (x1, y1) = self.POS[a], self.POS[b]
            (line,) = ax.plot([x0, x1], [y0, y1], color="0.6", lw=1.5, zorder=1)
            frac = 0.3 if b != "y" else 0.5
            key = ("W1", ij) if b != "y" else ("W2", (ij[0], 0))
            # on its edge, over a white box that interrupts the edge: the label reads as that edge's
            self.edge_text[key] = ax.text(x0 + frac * (x1 - x0), y0 + frac * (y1 - y0), "", ha="center",
                                          va="center", fontsize=10, zorder=2, color=VALUE_COLOR,
                                          bbox={"fc": "white", "ec": "none", "pad": 1})
            self.edges[key] = (line, (self.edge_text[key],))
        self.loss_line = self._table_line(0)
        self.rows = {"W1": [self._table_line(7), self._table_line(8)],  # W − η ∂L/∂W, a line per row
                     "W2": [self._table_line(10), self._table_line(11)]}
        self.animated = [*self.edge_text.values(), self.node_text["h1"], self.node_text["h2"],
                         self.node_text["y"], self.loss_line, *self.rows["W1"], *self.rows["W2"]]

    def _table_line(self, i, text=""):
        """A text artist for line i of the table on the right: TABLE_LINE_PT points below line i − 1."""
        at = offset_copy(self.ax.transData, fig=self.fig, y=-self.TABLE_LINE_PT * i, units="points")
        return self.ax.text(9.3, 5.3, text, transform=at, ha="left", va="top", fontsize=10, family=MONOSPACE,
                            zorder=2)

    def trace(self, W1, W2):
        """net.trace for the example's x and t with these weights (biases 0): every z, a, δ, dW."""
        self.net.params["W1"][...] = W1
        self.net.params["W2"][...] = W2
        return self.net.trace(self.x, self.t)

    def update(self, W1_11=0.1, W1_12=0.4, W1_21=0.8, W1_22=0.6, W2_1=0.3, W2_2=0.9):
        W1 = np.array([[W1_11, W1_12], [W1_21, W1_22]])
        W2 = np.array([[W2_1], [W2_2]])
        trace = self.trace(W1, W2)
        for (name, ij), text in self.edge_text.items():
            W, dW = (W1, trace["dW1"]) if name == "W1" else (W2, trace["dW2"])
            text.set_text(f"{fmt(W[ij])}\n∂ {fmt(dW[ij], '.5f')}")
        for i in range(2):
            self.node_text[f"h{i + 1}"].set_text(f"z = {fmt(trace['z1'][0, i], '.4f')}\n"
                                                 f"a = {trace['a1'][0, i]:.4f}\n"
                                                 f"δ = {fmt(trace['delta1'][0, i], '.5f')}")
        delta2 = fmt(trace["delta2"][0, 0], ".5f")
        self.node_text["y"].set_text(f"z = {fmt(trace['z2'][0, 0], '.4f')}\ny = {trace['y'][0, 0]:.4f}\n"
                                     f"δ = {delta2}\nt = {self.t[0, 0]:.2f}")
        self.shown = {"x1": self.x[0, 0], "x2": self.x[0, 1], "a1": trace["a1"][0, 0],
                      "a2": trace["a1"][0, 1], "y": trace["y"][0, 0], "t": self.t[0, 0],
                      "loss": trace["loss"], "delta2": delta2,
                      "d11": fmt(trace["delta1"][0, 0], ".5f"), "d12": fmt(trace["delta1"][0, 1], ".5f"),
                      "lr": self.lr}
        self.loss_line.set_text(f"L = ½(y − t)² = {trace['loss']:.6f}")
        for name, W in (("W1", W1), ("W2", W2)):
            for line, row in zip(self.rows[name], W - self.lr * trace["d" + name], strict=True):
                line.set_text("  [" + "  ".join(fmt(v, "8.5f") for v in row) + "]")
        return f"y = {trace['y'][0, 0]:.4f}, L = {trace['loss']:.5f}, δ₂ = {delta2}"

    def describe(self):
        return tr("The 2-2-1 network of the worked example with every number on it: inputs x₁ = {x1:.2f}, "
                  "x₂ = {x2:.2f}; hidden activations a = {a1:.4f}, {a2:.4f} with errors δ = {d11}, {d12}; "
                  "output y = {y:.4f} for the target t = {t:.2f}, loss L = {loss:.6f}, output error "
                  "δ₂ = {delta2}. Each edge shows its weight W and ∂L/∂W; a table gives the weights after "
                  "one update with η = {lr:g}.").format(**self.shown)

