"""Any small `Value` graph, drawn from the learner's own code, and its forward and backward pass node by
node and edge by edge (the picture behind `widgets.Stepper`).

    scene = GraphScene(L)      # L: a Value whose graph has at most MAX_NODES nodes
    scene.update(step=k)       # k = 0 … scene.n_steps, what the picture shows after k steps
    scene.update()             # the graph as it is: every value, the grads computed so far
    graph_figure(L)            # that picture as a static figure

Layout, in pure matplotlib (no graphviz): the classic layered drawing. Every operation sits one column
right of its furthest input (columns by the longest path from the inputs), every input one column left
of the first operation that uses it; an edge that spans several columns passes each column between
through a reserved point of its own, so no edge ever crosses a node; barycentre sweeps order each
column to reduce crossings; then every column is moved, keeping its order and spacing, towards the
heights of its neighbours, so that chains run straight. A graph too wide for `max_width` pixels
wraps, like a line of text, onto bands one below the other; an edge into the next band runs round the
right margin, under the band and down the left margin. The figure is sized from the layout (pixels at
the figure's dpi; font 10 pt).

A node is a box: its op (symbol) and its name (`Value.name`) on top, then `data` and `grad` in two
slots. The value is black, the grad red (viz.VALUE_COLOR, viz.GRAD_COLOR), both to 4 significant digits
(0 is "0", never "-0"). A slot not computed yet is blank: an empty faint box, never 0. A grad that is
still a partial sum (a node used more than once, with contributions still to come) ends in " + …".
For − and ÷ the edge of the first operand enters the box above that of the second.

Left out on purpose: words in the figure (they are in the status line, which `tr` translates; the one
word drawn is the "now" of a backward step's numbers); graphs beyond MAX_NODES nodes (a ValueError says
so).
"""

import math
from collections import defaultdict
from itertools import combinations
from statistics import fmean
from typing import NamedTuple

from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Rectangle

from bp_core import checks
from bp_core.value import Value, grads_after

from ..i18n import one_after_another, tr
from ..viz import BLUE, GRAD_COLOR, ORANGE, VALUE_COLOR, Scene, new_figure

MAX_NODES = 40
FONT = 10  # pt, every text of the figure
# Geometry in pixels of the figure (at its dpi).
PAD, ROW, GAP, SLOT_PAD = 6, 18, 6, 3  # inside a box; height of a row of text; between texts; in a slot
BOX_H = 2 * PAD + 3 * ROW  # op and name, data, grad
COLUMN_GAP, NODE_GAP, EDGE_GAP = 48, 18, 10  # between columns; boxes; a box (or edge) and a passing edge
STUB, PORT, LANE, MARGIN = 8, 24, 8, 10  # straight ends of edges; distance of two inputs; wrapped edges
FORWARD, BACKWARD = BLUE, ORANGE  # the highlight of a forward and of a backward step
OP_COLOR = "#6a3d9a"  # the op of a node: a dark purple (contrast 7.6 : 1 on white)
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
SYMBOLS = {"+": "+", "-": "−", "*": "×", "/": "÷", "neg": "neg", "exp": "exp", "log": "log", "tanh": "tanh",
           "sigmoid": "σ", "relu": "ReLU"}
FORMULAS = {"+": "{a} + {b}", "-": "{a} − {b}", "*": "{a} × {b}", "/": "{a} ÷ {b}", "neg": "−{a}",
            "exp": "exp({a})", "log": "log({a})", "tanh": "tanh({a})", "sigmoid": "σ({a})",
            "relu": "ReLU({a})"}


def number(x):
    """x to 4 significant digits, as the engine writes it; 0 (or −0) is "0"."""
    text = f"{x:.4g}"
    return "0" if float(text) == 0 else text


class GraphScene(Scene):
    """The graph of L, its forward pass node by node and its backward pass edge by edge.

    L: a Value. max_width: pixels the figure should not exceed (wider graphs wrap onto bands).
    `update()` (no step) draws the graph as it is: every value, and each grad as the nodes held it when
    the scene was made (blank where it is None: before any backward pass). Steps, for `update(step=k)`:
    0 shows nothing computed; 1 … N (N = len(L.graph())) fill in the
    values node by node in the topological order of `L.graph()`, highlighting the node computed and
    its input edges; N + 1 … n_steps follow `L.backward_steps()`, highlighting the node whose gradient
    is passed back, the edge and the input it reaches, with the grads of `grads_after(steps, j)`
    and every other grad blank. The figure's top lines show the step's formula, then its numbers.

    What it does to L: it runs L.backward_steps() once, in __init__, and then puts every node's grad
    back as it was (None if no backward pass ran), so drawing a graph changes no grad of the learner's
    Values. The numbers drawn are those of __init__: a Value changed later is not redrawn.

    Public artists, for tests: `boxes` (a patch per node, in the order of `order`), `node_texts` (the
    text artists of each node), `edges` (the Line2D of each edge, keyed by (node index, operand
    index)). `animated` lists what `update` changes.
    """

    def __init__(self, L, max_width=900):
        if not isinstance(L, Value):
            raise TypeError(f"GraphScene draws a Value's graph, got {type(L).__name__} {L!r}")
        self.order = L.graph()
        if len(self.order) > MAX_NODES:
            raise ValueError(f"this graph has {len(self.order)} nodes, more than the {MAX_NODES} a picture "
                             f"keeps readable: draw a smaller expression (one part of it, say one neuron)")
        max_width = checks.positive_number("max_width", max_width)
        self.grads_now = before = [node.grad for node in self.order]
        try:
            self.steps = L.backward_steps()
        finally:
            for node, grad in zip(self.order, before, strict=True):
                node.grad = grad
        self.L, self.index = L, {node: i for i, node in enumerate(self.order)}
        self.n_steps = len(self.order) + len(self.steps)
        self.step_edges = [self._edge_of(step) for step in self.steps]
        self.lines = [self._forward_lines(node) for node in self.order] + [
            (step.rule, "" if step.numbers == step.rule else self.numbers(step)) for step in self.steps]
        self._draw(max_width)
        self.animated = [*self.value_texts, *self.grad_texts, *self.top_texts, *self.marks, *self.paths]

    # -- what each step shows --
    def update(self, step=None):
        """Show the picture after `step` steps (0 … n_steps), or with step=None the graph as it is,
        without highlights. Returns the status line."""
        n = len(self.order)
        if step is not None and checks.integer_at_least("step", step, 0) > self.n_steps:
            raise ValueError(f"step must be at most n_steps = {self.n_steps}, got {step}")
        self.shown = step
        if step is None:
            for grad, text in zip(self.grads_now, self.grad_texts, strict=True):
                text.set_text("" if grad is None else number(grad))
        elif step > n:
            j = step - n - 1  # the backward step shown
            grads, complete = grads_after(self.steps, j), {s.target for s in self.steps[: j + 1] if s.final}
            for node, text in zip(self.order, self.grad_texts, strict=True):
                more = "" if node in complete or node not in grads else " + …"
                text.set_text(number(grads[node]) + more if node in grads else "")
        else:
            for text in self.grad_texts:
                text.set_text("")
        shown = n if step is None or step > n else step
        for i, text in enumerate(self.value_texts):
            text.set_text(self.value_strings[i] if i < shown else "")
        if step is None:
            self._highlight([], [], (f"{self.L.name} = {number(self.L.data)}", ""), VALUE_COLOR)
            return tr("the graph as it is: every value, and the grads computed so far")
        if step == 0:
            self._highlight([], [], ("", ""), VALUE_COLOR)
            return tr("Nothing is computed yet: Next runs the forward pass, one node at a time.")
        if step <= n:
            i = step - 1
            inputs = [(i, k, ">") for k in range(len(self.order[i].children))]
            self._highlight([i], inputs, self.lines[i], VALUE_COLOR, FORWARD)
            formula = " ".join(part for part in self.lines[i] if part)
            return tr("forward pass, node {k} of {n}: {formula}").format(k=step, n=n, formula=formula)
        j = step - n - 1
        s = self.steps[j]
        nodes = [self.index[s.node]] + ([] if s.child is None else [self.index[s.child]])
        edges = [] if s.child is None else [(*self.step_edges[j], "<")]
        self._highlight(nodes, edges, self.lines[n + j], GRAD_COLOR, BACKWARD)
        status = tr("backward pass, step {j} of {m}: {rule}; {numbers}").format(
            j=j + 1, m=len(self.steps), rule=s.rule, numbers=self.numbers(s))
        if s.final:
            return status
        partial = tr("{name} is used again: its grad is a partial sum so far.").format(name=s.child.name)
        return one_after_another(status, partial)

    def describe(self):
        n, L = len(self.order), self.L
        inputs = ", ".join(f"{node.name} = {self.value_strings[i]}" for i, node in enumerate(self.order)
                           if not node.op)
        whole = {"name": L.name, "n": n, "inputs": inputs}
        step = self.shown
        if step is None:
            grads = tr("the grads of its last backward pass") if self.grads_now[-1] is not None else \
                tr("no grads yet, before any backward pass")
            return tr("The computational graph of {name} = {value} with {n} nodes, from the inputs {inputs}: "
                      "every value, and {grads}.").format(**whole, value=number(L.data), grads=grads)
        if step == 0:
            return tr("The computational graph of {name} with {n} nodes, from the inputs {inputs}: nothing "
                      "computed yet.").format(**whole)
        if step <= n:
            return tr("The computational graph of {name} with {n} nodes, forward pass at node {k} of {n}: "
                      "{formula}; the values of the first {k} nodes are filled in.").format(
                **whole, k=step, formula=" ".join(part for part in self.lines[step - 1] if part))
        j = step - n - 1
        return tr("The computational graph of {name} with {n} nodes, every value filled in, backward pass at "
                  "step {j} of {m}: {rule}; {numbers}.").format(
            **whole, j=j + 1, m=len(self.steps), rule=self.steps[j].rule, numbers=self.numbers(self.steps[j]))

    def numbers(self, step):
        """A backward step's rule in numbers, as the engine writes it (`step.numbers`) in the learner's
        language: "∂L/∂a += 1 · 3 = 3, now ∂L/∂a = 4"; the first step's "∂L/∂L = 1" has no words."""
        if step.child is None:
            return step.numbers
        local = f"({step.local:.4g})" if step.local < 0 else f"{step.local:.4g}"
        return tr("{d} += {upstream:.4g} · {local} = {contribution:.4g}, now {d} = {grad:.4g}").format(
            d=f"∂{self.L.symbol}/∂{step.child.symbol}", upstream=step.upstream, local=local,
            contribution=step.contribution, grad=step.grad)

    def _highlight(self, nodes, edges, lines, color, highlight=None):
        """Outline the boxes of `nodes`, thicken `edges` ((node, operand, marker) with the arrow
        marker at the end, ">", or at the start, "<"), write the two top lines in `color`."""
        for mark, i in zip(self.marks, nodes + [None] * (len(self.marks) - len(nodes)), strict=True):
            mark.set_visible(i is not None)
            if i is not None:
                x, y, w = self.layout.boxes[i]
                mark.set_bounds(x - 3, y - 3, w + 6, BOX_H + 6)
                mark.set_edgecolor(highlight)
        for path, edge in zip(self.paths, edges + [None] * (len(self.paths) - len(edges)), strict=True):
            path.set_visible(edge is not None)
            if edge is not None:
                i, k, marker = edge
                path.set_data(*zip(*self.layout.paths[i, k], strict=True))
                path.set(color=highlight, marker=marker, markevery=[-1 if marker == ">" else 0])
        for text, line in zip(self.top_texts, lines, strict=True):
            text.set_text(line)
            text.set_color(color)

    def _edge_of(self, step):
        """(node index, operand index) of the edge a backward step runs along (None for the first); a
        node using the same input twice (a * a) has its steps in operand order."""
        if step.child is None:
            return None
        earlier = sum(s.node is step.node and s.child is step.child for s in self.steps[: step.index])
        operands = [k for k, child in enumerate(step.node.children) if child is step.child]
        return self.index[step.node], operands[earlier]

    def _forward_lines(self, node):
        """The two top lines of a forward step: the node's formula with names, then with numbers."""
        if not node.op:
            value = number(node.data)
            return (value if node.name in (value, f"{node.data:g}") else f"{node.name} = {value}"), ""
        names = [child.name for child in node.children]
        numbers = [f"({number(c.data)})" if c.data < 0 else number(c.data) for c in node.children]
        formula = "{a}" + _exponent(node.op) if node.op.startswith("**") else FORMULAS[node.op]
        symbolic, with_numbers = (formula.format(a=names[0], b=names[-1]),
                                  formula.format(a=numbers[0], b=numbers[-1]))
        middle = f"= {with_numbers} = " if with_numbers != symbolic else "= "  # constants: "2 × 3" once
        return f"{node.name} = {symbolic}", middle + number(node.data)

    # -- the figure, made once --
    def _draw(self, max_width):
        fig, ax = new_figure(figsize=(4, 3))
        renderer = fig.canvas.get_renderer()
        font, bold = FontProperties(size=FONT), FontProperties(size=FONT, weight="bold")

        def width(text, prop=font):
            return renderer.get_text_width_height_descent(text, prop, ismath=False)[0] if text else 0.0

        self.value_strings = [number(node.data) for node in self.order]
        grad_strings = defaultdict(set)
        for j, step in enumerate(self.steps):
            complete = {s.target for s in self.steps[: j + 1] if s.final}
            grad_strings[step.target].add(number(step.grad) + ("" if step.target in complete else " + …"))
        ops = [_symbol(node.op) for node in self.order]
        caption = max(width("data"), width("grad"))
        box_widths = []
        for i, node in enumerate(self.order):
            header = width(ops[i]) + (GAP if ops[i] else 0) + width(node.name, bold)
            slot = 2 * SLOT_PAD + max(width(s) for s in {self.value_strings[i], *grad_strings[node]})
            box_widths.append(2 * PAD + max(header, caption + GAP + slot))
        top = MARGIN + 2 * ROW + ROW / 2
        self.layout = layout = _layout(self.order, box_widths, top, max_width)
        footer = f"v.grad = ∂{self.L.symbol}/∂v"
        text_width = max(width(text) for text in [footer, *(t for lines in self.lines for t in lines)])
        W = math.ceil(max(layout.width, 2 * MARGIN + text_width))
        H = math.ceil(layout.height + EDGE_GAP + ROW + MARGIN)
        fig.set_size_inches(W / fig.dpi, H / fig.dpi)
        fig.set_layout_engine(None)
        ax.set_position([0, 0, 1, 1])
        ax.set(xlim=(0, W), ylim=(H, 0))  # pixels from the top left
        ax.axis("off")
        self.fig, self.ax = fig, ax

        def text(x, y, s, **kw):
            return ax.text(x, y, s, fontsize=FONT, va="center", parse_math=False, **kw)

        self.edges = {}
        for (i, k), points in layout.paths.items():
            self.edges[i, k] = ax.add_line(Line2D(*zip(*points, strict=True), color="0.55", lw=1.2,
                                                  marker=">", markevery=[-1], markersize=5, zorder=1))
        self.boxes, self.node_texts, self.value_texts, self.grad_texts = [], [], [], []
        for i, node in enumerate(self.order):
            x, y, w = layout.boxes[i]
            leaf, last = not node.op, node is self.L
            self.boxes.append(ax.add_patch(FancyBboxPatch(
                (x, y), w, BOX_H, boxstyle="round,pad=0,rounding_size=5", zorder=2,
                fc="lightyellow" if leaf else "white", ec="0.2" if last else "0.45", lw=1.8 if last else 1)))
            texts = {}
            if ops[i]:
                texts["op"] = text(x + PAD, y + PAD + ROW / 2, ops[i], color=OP_COLOR, zorder=3)
            name_x = x + PAD + (width(ops[i]) + GAP if ops[i] else 0)
            texts["name"] = text(name_x, y + PAD + ROW / 2, node.name, fontweight="bold", zorder=3)
            for row, key, color in ((1, "value", VALUE_COLOR), (2, "grad", GRAD_COLOR)):
                middle, slot_x = y + PAD + ROW * (row + 0.5), x + PAD + caption + GAP
                texts[key + " caption"] = text(x + PAD, middle, "data" if row == 1 else "grad", color="0.45",
                                               zorder=3)
                ax.add_patch(Rectangle((slot_x, middle - ROW / 2 + 1), x + w - PAD - slot_x, ROW - 2,
                                       fill=False, ec="0.82", lw=0.8, zorder=2.5))
                texts[key] = text(slot_x + SLOT_PAD, middle, "", color=color, zorder=4)
            self.value_texts.append(texts["value"])
            self.grad_texts.append(texts["grad"])
            self.node_texts.append(texts)
        self.top_texts = [text(MARGIN, MARGIN + ROW * (r + 0.5), "", zorder=4) for r in range(2)]
        text(MARGIN, H - MARGIN - ROW / 2, footer, color="0.45", zorder=3)
        self.marks = [ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, lw=2.5, visible=False, zorder=5))
                      for _ in range(2)]
        self.paths = [ax.add_line(Line2D([0, 1], [0, 0], lw=3, markersize=9, visible=False, zorder=5))
                      for _ in range(2)]


def graph_figure(L, max_width=900):
    """The graph of L as it is (every value; the grads computed so far, blank before any backward pass)
    as a static figure with its text alternative: a viz.Picture. L: a Value; max_width as in GraphScene.
    L's grads are left as they were (see GraphScene)."""
    scene = GraphScene(L, max_width)
    scene.update()
    return scene.picture()


def _symbol(op):
    """The op as a learner reads it: "×" for "*", "x²" for "**2", "" for an input."""
    return "x" + _exponent(op) if op.startswith("**") else SYMBOLS.get(op, op)


def _exponent(op):
    """The exponent of a power op, as written after its base: "²" for "**2", "^0.5" for "**0.5"."""
    power = op.removeprefix("**")
    return power.translate(SUPERSCRIPT) if power.lstrip("-").isdigit() else f"^{power}"


# -- the layered layout --
# An item of a column: ("node", column, i) for node i of `order`, ("edge", column, i, k) for the point
# where the edge from operand k of node i passes that column.
class _Layout(NamedTuple):
    """Where everything goes, in pixels from the top left: `boxes[i]` = (x, y, width) of node i's box
    (height BOX_H), `paths[i, k]` = the points of the edge from operand k of node i into node i,
    `width` and `height` of the drawing (the bands and their margins)."""

    boxes: list
    paths: dict
    width: float
    height: float


def _layout(order, box_widths, top, max_width):
    """The layered drawing of the graph `order` (topological), its first band `top` pixels from the top."""
    index = {node: i for i, node in enumerate(order)}
    level = _levels(order, index)
    layers = [[] for _ in range(max(level) + 1)]
    for i in range(len(order)):
        layers[level[i]].append(("node", level[i], i))
    segments = []  # (item, item in the next column, operand index at a node's end, edge (i, k))
    for i, node in enumerate(order):
        for k, child in enumerate(node.children):
            c = index[child]
            passing = (("edge", column, i, k) for column in range(level[c] + 1, level[i]))
            chain = [("node", level[c], c), *passing, ("node", level[i], i)]
            for item in chain[1:-1]:
                layers[item[1]].append(item)
            segments += [(u, v, k if v[0] == "node" else None, (i, k))
                         for u, v in zip(chain, chain[1:], strict=False)]
    layers = _order(layers, segments)
    height = {item: BOX_H if item[0] == "node" else 0 for layer in layers for item in layer}
    y = _heights(layers, segments, height)

    widths = [max(box_widths[item[2]] for item in layer if item[0] == "node") for layer in layers]
    lanes = [sum(u[1] == column for u, *_ in segments) for column in range(len(layers))]  # edges leaving it
    bands, margin = _bands(widths, lanes, max_width)

    band_of, x_left, right, band_top, gap_top = {}, {}, margin, top, []
    for b, columns in enumerate(bands):
        x = margin
        for column in columns:
            band_of[column], x_left[column] = b, x
            x += widths[column] + COLUMN_GAP
        right = max(right, x - COLUMN_GAP)
        items = [item for column in columns for item in layers[column]]
        shift = band_top - min(y[item] - height[item] / 2 for item in items)
        for item in items:
            y[item] += shift
        gap_top.append(max(y[item] + height[item] / 2 for item in items))
        band_top = gap_top[-1] + 3 * EDGE_GAP + LANE * lanes[columns[-1]]

    lane = {}  # a segment into the next band → (x in the right margin, y under the band, x in the left)
    for b, columns in enumerate(bands[:-1]):
        wrapped = sorted((s for s in segments if s[0][1] == columns[-1]), key=lambda s: y[s[0]])
        for n, segment in enumerate(wrapped):
            outer = len(wrapped) - 1 - n  # the highest exit runs outermost, so lanes cross least
            lane[segment] = (right + STUB + 6 + LANE * outer, gap_top[b] + 2 * EDGE_GAP + LANE * outer,
                             margin - STUB - 6 - LANE * n)

    paths = defaultdict(list)
    for segment in segments:
        u, v, k, edge = segment
        x0, y0 = x_left[u[1]] + widths[u[1]], y[u]
        two = v[0] == "node" and len(order[v[2]].children) == 2
        x1, y1 = x_left[v[1]], y[v] + ((k - 0.5) * PORT if two else 0)
        if segment in lane:
            x_right, y_gap, x_back = lane[segment]
            points = [(x0, y0), (x_right, y0), (x_right, y_gap), (x_back, y_gap), (x_back, y1), (x1, y1)]
        else:
            points = [(x0, y0), *([(x0 + STUB, y0)] if u[0] == "node" else []),
                      *([(x1 - STUB, y1)] if v[0] == "node" else []), (x1, y1)]
        paths[edge] += points
    boxes = [(x_left[c], y["node", c, i] - BOX_H / 2, widths[c]) for i, c in enumerate(level)]
    return _Layout(boxes, dict(paths), right + margin, gap_top[-1])


def _levels(order, index):
    """The column of every node: an operation one right of its furthest input, an input one left of the
    first operation that uses it (a lone input: column 0)."""
    level = []
    for node in order:
        level.append(1 + max(level[index[c]] for c in node.children) if node.children else 0)
    users = defaultdict(list)
    for i, node in enumerate(order):
        for child in node.children:
            users[index[child]].append(level[i])
    for i, node in enumerate(order):
        if not node.children and users[i]:
            level[i] = min(users[i]) - 1
    return level


def _order(layers, segments, sweeps=8):
    """The columns reordered by barycentre sweeps, alternately left to right and right to left: each
    item moves to the mean rank of its neighbours in the column before (after); the order with the
    fewest crossings is kept."""
    before, after = defaultdict(list), defaultdict(list)
    for u, v, *_ in segments:
        before[v].append(u)
        after[u].append(v)

    def crossings(layers):
        rank = {item: r for layer in layers for r, item in enumerate(layer)}
        by_column = defaultdict(list)  # the two inputs of a node enter it at two heights: k / 4 apart
        for u, v, k, _ in segments:
            by_column[u[1]].append((rank[u], rank[v] + (k or 0) / 4))
        return sum((a - c) * (b - d) < 0
                   for pairs in by_column.values() for (a, b), (c, d) in combinations(pairs, 2))

    layers = [list(layer) for layer in layers]
    best, fewest = [list(layer) for layer in layers], crossings(layers)
    for sweep in range(sweeps):
        forward = sweep % 2 == 0
        for c in range(1, len(layers)) if forward else range(len(layers) - 2, -1, -1):
            neighbours, side = (before, layers[c - 1]) if forward else (after, layers[c + 1])
            rank = {item: r for r, item in enumerate(side)}
            own = {item: r for r, item in enumerate(layers[c])}
            layers[c] = sorted(layers[c], key=lambda item: fmean(rank[n] for n in neighbours[item])
                               if neighbours[item] else own[item])
        count = crossings(layers)
        if count < fewest:
            best, fewest = [list(layer) for layer in layers], count
    return best


def _heights(layers, segments, height, sweeps=8):
    """The height (y, down) of every item's middle: each column stacked in its order with its gaps, then
    moved, sweep by sweep, as close as the order and gaps allow to the mean height of its neighbours in
    the column before (after): a least-squares fit under the spacing constraints."""
    before, after = defaultdict(list), defaultdict(list)
    for u, v, *_ in segments:
        before[v].append(u)
        after[u].append(v)
    y = {}
    for layer in layers:
        y.update(zip(layer, _stack(layer, height, [0.0] * len(layer)), strict=True))
    for sweep in range(sweeps):
        neighbours = before if sweep % 2 == 0 else after
        for layer in layers if sweep % 2 == 0 else reversed(layers):
            wanted = [fmean(y[n] for n in neighbours[item]) if neighbours[item] else y[item]
                      for item in layer]
            y.update(zip(layer, _stack(layer, height, wanted), strict=True))
    return y


def _stack(layer, height, wanted):
    """Heights closest (least squares) to `wanted` that keep the items of a column in order and apart:
    with the offsets o of a tight stack, z = y − o must not decrease, an isotonic regression of wanted − o
    (pool adjacent violators)."""
    offsets = [0.0]
    for a, b in zip(layer, layer[1:], strict=False):
        gap = NODE_GAP if a[0] == b[0] == "node" else EDGE_GAP
        offsets.append(offsets[-1] + (height[a] + height[b]) / 2 + gap)
    blocks = []  # [mean, count] of pooled neighbours
    for target in (w - o for w, o in zip(wanted, offsets, strict=True)):
        blocks.append([target, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            blocks[-1] = [(blocks[-1][0] * blocks[-1][1] + mean * count) / (blocks[-1][1] + count),
                          blocks[-1][1] + count]
    z = [mean for mean, count in blocks for _ in range(count)]
    return [a + o for a, o in zip(z, offsets, strict=True)]


def _bands(widths, lanes, max_width):
    """The columns split into bands (consecutive runs of columns) and the margin left and right of them.

    One band if it fits in max_width. Else the edges from a band's last column into the next band run
    through the margins, one lane each: of the splits that fit, the one with the fewest bands, then the
    fewest lanes at its widest break (each candidate number of lanes m allows breaks after the columns
    that m edges or fewer leave; a column wider than the room stands alone).
    """
    margin = MARGIN + 6  # room for the arrowheads
    if len(widths) == 1 or sum(widths) + COLUMN_GAP * (len(widths) - 1) + 2 * margin <= max_width:
        return [list(range(len(widths)))], margin
    best = None
    for m in sorted(set(lanes[:-1])):
        wide = margin + STUB + 6 + LANE * m
        bands = _fill(widths, max_width - 2 * wide, [n <= m for n in lanes])
        if bands and (best is None or len(bands) < len(best[0])):
            best = bands, wide
    return best


def _fill(widths, room, breakable):
    """Greedy bands of columns, each as wide as fits in `room` and ending after a column where
    `breakable` is True (or at the last column); None if some band cannot end anywhere."""
    bands, start, n = [], 0, len(widths)
    while start < n:
        end, used, last = start, widths[start], None
        while True:
            if breakable[end] or end == n - 1:
                last = end
            if end + 1 == n or used + COLUMN_GAP + widths[end + 1] > room:
                break
            end += 1
            used += COLUMN_GAP + widths[end]
        if last is None:
            return None
        bands.append(list(range(start, last + 1)))
        start = last + 1
    return bands
