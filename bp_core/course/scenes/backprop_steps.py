"""The backward pass of the 2-2-1 worked example in matrix form, one number at a time: BP1, BP2 for each
hidden unit, BP4 for every weight, on the network and on the matrices they use (for widgets.Stepper)."""

from dataclasses import dataclass

import numpy as np
from matplotlib.patches import Rectangle

from bp_core import checks, datasets

from ..i18n import tr
from ..viz import GRAD_COLOR, OPERAND_FILL, RESULT_FILL, VALUE_COLOR, Scene, new_figure
from .graph import BACKWARD, number
from .worked_example import worked_example_net

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
STATIC_Z = 0.5  # the zorder of what no step changes: below the edges (1), the first thing a step changes


@dataclass(frozen=True)
class MatrixStep:
    """One number of the backward pass: `target` = (quantity, (row, column)) becomes `value`, computed
    from `operands` (the same kind of pairs) as `formula` says; `numbers` is the formula with its
    numbers. `nodes` and `edges` are the network's parts it concerns ("x1", ("h1", "y"), ...)."""

    rule: str  # "BP1", "BP2" or "BP4"
    j: int  # the hidden unit (1 or 2) of a BP2 step, else 0
    formula: str
    numbers: str
    target: tuple
    operands: tuple
    value: float
    nodes: tuple
    edges: tuple


class BackpropStepsScene(Scene):
    """The worked example's network (x₁, x₂ → h₁, h₂ → y, sigmoid units, biases 0) beside the matrices of
    its backward pass, in row convention: x, a¹ and σ′(z¹) (1×2), y, t, σ′(z²) and δ² (1×1), W² (2×1),
    δ¹ (1×2), ∂L/∂W² (2×1), ∂L/∂W¹ (2×2). Every number of the forward pass comes from `net.trace(x, t)`.

    Steps, for `update(step=k)` with k = 0 … n_steps (9): 0 the forward pass done, every δ and ∂L/∂W blank
    (an empty faint box); 1 BP1, δ² = (y − t)·σ′(z²); 2, 3 BP2 for hidden unit j, δ¹_j = W²_j δ² σ′(z¹_j);
    4, 5 BP4 for W², ∂L/∂W²_j = a¹_j δ²; 6 … 9 BP4 for W¹, ∂L/∂W¹_ij = x_i δ¹_j, row by row. A step
    highlights the nodes and edge it concerns, the numbers it uses (blue) and the one it computes
    (orange), and writes its formula with its numbers under the picture. Every number a step computes
    is computed from the numbers its formula shows; after `update`, `known` holds those shown (NaN where
    not computed yet).
    Left out on purpose: BP3 (∂L/∂b = δ, the biases being 0 here) and the update of the weights
    (scenes/worked_example.py shows it).

    W1 (2, 2), W2 (2, 1): the weights, by default the worked example's.
    """

    # Positions in the figure's pixels (920 × 540, the axes nearly filling it), from the top left.
    NODES = {"x1": (40, 70), "x2": (40, 290), "h1": (160, 70), "h2": (160, 290), "y": (270, 180)}
    # quantity → (its name in the figure, x of its "=", y of its first row, forward (True) or backward)
    MATRICES = {"x": ("x", 400, 40, True), "a1": ("a¹", 680, 40, True),
                "sp1": ("σ′(z¹)", 440, 110, True), "W2": ("W²", 720, 110, True),
                "y": ("y", 400, 210, True), "t": ("t", 560, 210, True), "sp2": ("σ′(z²)", 760, 210, True),
                "delta2": ("δ²", 400, 290, False), "delta1": ("δ¹", 620, 290, False),
                "dW2": ("∂L/∂W²", 440, 370, False), "dW1": ("∂L/∂W¹", 680, 370, False)}
    CELL_W, CELL_H = 88, 34
    WIDTH, HEIGHT = 920, 540

    def __init__(self, W1=None, W2=None):
        self.net = worked_example_net(W1, W2)
        x, t, _ = datasets.worked_example()
        trace = self.net.trace(x, t)
        a1, y = trace["a1"], trace["y"]
        self.given = {"x": x, "a1": a1, "sp1": a1 * (1 - a1), "y": y, "t": t, "sp2": y * (1 - y),
                      "W2": self.net.params["W2"].copy()}
        self.shapes = {**{k: v.shape for k, v in self.given.items()},
                       "delta2": (1, 1), "delta1": (1, 2), "dW2": (2, 1), "dW1": (2, 2)}
        self.steps = self._steps()
        self.n_steps = len(self.steps)
        self._draw()

    def _steps(self):
        """The nine MatrixSteps, each value the product of the factors its formula shows."""
        g, steps, done = self.given, [], {}

        def add(rule, formula, factors, target, operands, nodes, edges, j=0):
            """factors: (as written, value) pairs; the step's value is the product of the values."""
            value = float(np.prod([v for _, v in factors]))
            numbers = "= " + " · ".join(text for text, _ in factors) + f" = {number(value)}"
            done[target] = value
            steps.append(MatrixStep(rule, j, formula, numbers, target, tuple(operands), value, nodes, edges))

        def factor(key, index):
            """(as written, value) of a number of the figure: given, or computed by an earlier step."""
            value = g[key][index] if key in g else done[key, index]
            return number(value), value

        y, t = g["y"][0, 0], g["t"][0, 0]
        add("BP1", "δ² = (y − t) · σ′(z²)", [(f"({number(y)} − {number(t)})", y - t), factor("sp2", (0, 0))],
            ("delta2", (0, 0)), [("y", (0, 0)), ("t", (0, 0)), ("sp2", (0, 0))], ("y",), ())
        for j in range(2):
            s, h = str(j + 1).translate(SUB), f"h{j + 1}"
            operands = [("W2", (j, 0)), ("delta2", (0, 0)), ("sp1", (0, j))]
            add("BP2", f"δ¹{s} = W²{s} · δ² · σ′(z¹{s})", [factor(*o) for o in operands], ("delta1", (0, j)),
                operands, (h, "y"), ((h, "y"),), j=j + 1)
        for j in range(2):
            s, h = str(j + 1).translate(SUB), f"h{j + 1}"
            operands = [("a1", (0, j)), ("delta2", (0, 0))]
            add("BP4", f"∂L/∂W²{s} = a¹{s} · δ²", [factor(*o) for o in operands], ("dW2", (j, 0)), operands,
                (h, "y"), ((h, "y"),))
        for i in range(2):
            for j in range(2):
                si, sj, x, h = str(i + 1).translate(SUB), str(j + 1).translate(SUB), f"x{i + 1}", f"h{j + 1}"
                operands = [("x", (0, i)), ("delta1", (0, j))]
                add("BP4", f"∂L/∂W¹{si}{sj} = x{si} · δ¹{sj}", [factor(*o) for o in operands],
                    ("dW1", (i, j)), operands, (x, h), ((x, h),))
        return steps

    def _draw(self):
        self.fig, ax = new_figure(figsize=(self.WIDTH / 100, self.HEIGHT / 100))
        self.ax = ax
        ax.set(xlim=(0, self.WIDTH), ylim=(self.HEIGHT, 0))
        ax.axis("off")
        self.edges = {}
        for a, b in [("x1", "h1"), ("x1", "h2"), ("x2", "h1"), ("x2", "h2"), ("h1", "y"), ("h2", "y")]:
            (x0, y0), (x1, y1) = self.NODES[a], self.NODES[b]
            (self.edges[a, b],) = ax.plot([x0, x1], [y0, y1], color="0.6", lw=1.5, zorder=1)
        self.nodes = {}
        for name, (x0, y0) in self.NODES.items():
            label = name[0] + name[1:].translate(SUB)
            self.nodes[name] = ax.text(x0, y0, label, ha="center", va="center", fontsize=13, zorder=3,
                                       bbox={"boxstyle": "circle", "fc": "white", "ec": "0.3"})
        # the numbers of the forward pass above this line, those of the backward pass below. It, the matrices'
        # names and brackets and the empty slots lie under everything a step changes (STATIC_Z), so that a
        # step repaints only the edges, the nodes, the entries and the formula
        ax.plot([360, self.WIDTH - 20], [250, 250], color="0.85", lw=1, zorder=STATIC_Z)
        self.entries = {}
        for key, (label, x0, y0, forward) in self.MATRICES.items():
            rows, cols = self.shapes[key]
            ax.text(x0, y0 + (rows - 1) * self.CELL_H / 2, f"{label} =", ha="right", va="center", fontsize=11,
                    zorder=STATIC_Z)
            left, top = x0 + 8, y0 - self.CELL_H / 2
            bottom, right = top + rows * self.CELL_H, left + 16 + cols * self.CELL_W
            for side, tick in ((left, 6), (right, -6)):
                ax.plot([side + tick, side, side, side + tick], [top, top, bottom, bottom], color="0.3", lw=1,
                        zorder=STATIC_Z)
            for r in range(rows):
                for c in range(cols):
                    cx, cy = left + 8 + (c + 0.5) * self.CELL_W, y0 + r * self.CELL_H
                    text = "" if not forward else number(self.given[key][r, c])
                    self.entries[key, (r, c)] = ax.text(
                        cx, cy, text, ha="center", va="center", fontsize=10, zorder=3,
                        color=VALUE_COLOR if forward else GRAD_COLOR,
                        bbox={"boxstyle": "round,pad=0.25", "fc": "none", "ec": "none"})
                    if not forward:
                        ax.add_patch(_slot(cx, cy, self.CELL_W, self.CELL_H))
        self.formula = ax.text(20, 460, "", ha="left", va="center", fontsize=12)
        self.numbers = ax.text(20, 495, "", ha="left", va="center", fontsize=12)
        self.animated = [*self.edges.values(), *self.nodes.values(), *self.entries.values(), self.formula,
                         self.numbers]

    def update(self, step=0):
        """Show the picture after `step` steps (0 … n_steps); returns the status line."""
        if checks.integer_at_least("step", step, 0) > self.n_steps:
            raise ValueError(f"step must be at most n_steps = {self.n_steps}, got {step}")
        self.known = {key: np.full(self.shapes[key], np.nan) for key in ("delta2", "delta1", "dW2", "dW1")}
        for s in self.steps[:step]:
            self.known[s.target[0]][s.target[1]] = s.value
        current = self.steps[step - 1] if step else None
        self.shown = step
        for (key, index), text in self.entries.items():
            if key in self.known:
                value = self.known[key][index]
                text.set_text("" if np.isnan(value) else number(value))
            fill = "none"
            if current is not None and (key, index) in current.operands:
                fill = OPERAND_FILL
            if current is not None and (key, index) == current.target:
                fill = RESULT_FILL
            text.get_bbox_patch().set_facecolor(fill)
        for name, text in self.nodes.items():
            text.get_bbox_patch().set_facecolor(RESULT_FILL if current and name in current.nodes else "white")
        for edge, line in self.edges.items():
            on = current is not None and edge in current.edges
            line.set(color=BACKWARD if on else "0.6", lw=3 if on else 1.5)
        if current is None:
            self.formula.set_text("")
            self.numbers.set_text("")
            return tr("The forward pass is done: x, a¹, y and σ′ are known; every δ and ∂L/∂W is still "
                      "blank. Each step marks the numbers it uses in blue and the one it computes in orange.")
        self.formula.set_text(f"{current.rule}: {current.formula}")
        self.numbers.set_text(current.numbers)
        sentence = {"BP1": tr("BP1, the error of the output: {formula} {numbers}"),
                    "BP2": tr("BP2, the error of hidden unit {j}: {formula} {numbers}"),
                    "BP4": tr("BP4, the gradient of one weight: {formula} {numbers}")}[current.rule]
        return sentence.format(j=current.j, formula=current.formula, numbers=current.numbers)

    def describe(self):
        y = number(self.given["y"][0, 0])
        if not self.shown:
            return tr("The worked example's network (x₁, x₂ → h₁, h₂ → y) beside the matrices of its "
                      "backward pass: the forward pass is done, y = {y}; every δ and ∂L/∂W is still "
                      "blank.").format(y=y)
        current = self.steps[self.shown - 1]
        return tr("The worked example's network (x₁, x₂ → h₁, h₂ → y) beside the matrices of its backward "
                  "pass, step {k} of {n}: {rule} computes {formula} {numbers}, its numbers highlighted; "
                  "{k} of the {n} numbers of the backward pass are filled in.").format(
            k=self.shown, n=self.n_steps, rule=current.rule, formula=current.formula, numbers=current.numbers)


def _slot(cx, cy, width, height):
    """The faint empty box of a number not computed yet, centred at (cx, cy)."""
    return Rectangle((cx - 0.43 * width, cy - 0.4 * height), 0.86 * width, 0.8 * height, fill=False,
                     ec="0.82", lw=0.8, zorder=STATIC_Z)
