"""A scalar autodiff engine: every number is a node that remembers how it was made.

    c = a * b        forward:   c.data = a.data · b.data
                     backward:  ∂L/∂a += ∂L/∂c · b,   ∂L/∂b += ∂L/∂c · a

Each operation computes its value and its local derivatives (∂c/∂a, ∂c/∂b) side by side, and the new
node keeps both. `L.backward()` then walks the graph from L back to its inputs and, edge by edge,
adds upstream gradient × local derivative: the chain rule, summed over every path.

The graph is public so that a picture can draw it: `children`, `op`, `label`, `local`, and
`graph()` (every node in topological order, which is also the forward pass node by node).
`L.backward_steps()` records the backward pass one edge at a time, for pictures and step-through.

Pure Python, one float per node. Left out on purpose: tensors (`layers.py` does those with numpy),
higher-order derivatives (the backward pass is not itself recorded as a graph), in-place operations,
a Value as an exponent (`v ** w`, `2 ** v`), comparisons, and `max`/`min`.
"""

import math
import numbers
import re
from collections import Counter
from dataclasses import dataclass


def _real(x, what, expected="a real number"):
    """x as a finite float, else TypeError/ValueError naming `what`, the expected and the received value."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{what} must be {expected}, got {type(x).__name__} {x!r}")
    try:
        value = float(x)
    except OverflowError:  # an int beyond the float range
        value = math.inf
    if not math.isfinite(value):
        raise ValueError(f"{what} must be finite, got {x!r}")
    return value


class Value:
    """One real number in a computational graph, and ∂L/∂(this number) once a backward pass has run.

    data: the number, a finite float. label: a name for pictures and rules ("a", "z", "L"); settable.
    op: the operation that made this node ("+", "*", "**2", "exp", ...; "" for an input, a leaf).
    children: the input Values of `op`, in operand order (a, b for a − b); () for a leaf.
    local: ∂(this)/∂(each child), floats in the order of `children`, computed in the forward pass.

    grad is None until a backward pass that reaches this node computes it: None means "not computed
    yet" and is drawn blank. After `L.backward()` it is the float ∂L/∂(this), and 0.0 means the
    derivative really is 0 (relu of a negative number), not that nobody looked. A node that L does not
    use keeps what it had.

    A plain number on either side of an operator (`2 * v`, `1 - v`) becomes a constant leaf labelled
    with the number ("2"). Every result must be finite: 1 / 0, exp(1000) or an overflowing product is a
    ValueError naming the operation and its operands, never inf or NaN.
    """

    __slots__ = ("data", "grad", "label", "op", "children", "local")
    __array_ufunc__ = None  # `np.float64(2) * v` is then Value.__rmul__, not a numpy object array

    def __init__(self, data, label=""):
        if not isinstance(label, str):
            raise TypeError(f"Value label must be a str, got {type(label).__name__} {label!r}")
        self.data = _real(data, "Value data")
        self.grad = None
        self.label = label
        self.op = ""
        self.children = ()
        self.local = ()

    def __repr__(self):
        grad = "None" if self.grad is None else f"{self.grad:.4g}"
        return f"Value(data={self.data:.4g}, grad={grad}, label={self.label!r})"

    @property
    def name(self):
        """The label, or a readable stand-in: the number for a leaf, "[op: value]" for an operation."""
        if self.label:
            return self.label
        return f"{self.data:.4g}" if not self.op else f"[{self.op}: {self.data:.4g}]"

    @property
    def symbol(self):
        """The name as it stands after ∂ or in a product: in parentheses where it is an expression, so that
        ∂y/∂(x·x) does not read as (∂y/∂x)·x. Names, numbers and "[op: value]" stand as they are."""
        name = self.name
        plain = re.fullmatch(r"\w+|[-+]?[\d.]+(e[-+]?\d+)?|\[.*\]", name)  # a name, a number, [op: value]
        return name if plain else f"({name})"

    # -- each operation: its value and its local derivatives, side by side --
    def __add__(self, other):
        return _node("+", (self, other), lambda a, b: a + b, lambda c, a, b: (1.0, 1.0))

    def __sub__(self, other):
        return _node("-", (self, other), lambda a, b: a - b, lambda c, a, b: (1.0, -1.0))

    def __mul__(self, other):
        return _node("*", (self, other), lambda a, b: a * b, lambda c, a, b: (b, a))

    def __truediv__(self, other):  # ∂c/∂b = −a/b², written −c/b so that b² cannot underflow to 0
        return _node("/", (self, other), lambda a, b: a / b, lambda c, a, b: (1.0 / b, -c / b))

    def __radd__(self, other):
        return _as_value(other, "+") + self

    def __rsub__(self, other):
        return _as_value(other, "-") - self

    def __rmul__(self, other):
        return _as_value(other, "*") * self

    def __rtruediv__(self, other):
        return _as_value(other, "/") / self

    def __neg__(self):
        return _node("neg", (self,), lambda a: -a, lambda c, a: (-1.0,))

    def __pow__(self, n):
        n = _real(n, "the exponent of **", "a plain real number (not a Value)")
        return _node(f"**{n:g}", (self,), lambda a: a**n, lambda c, a: (n * a ** (n - 1),))

    def exp(self):
        return _node("exp", (self,), math.exp, lambda c, a: (c,))

    def log(self):
        if self.data <= 0:
            raise ValueError(f"log needs an input > 0, got {_describe(self)}")
        return _node("log", (self,), math.log, lambda c, a: (1.0 / a,))

    def tanh(self):
        return _node("tanh", (self,), math.tanh, lambda c, a: (1.0 - c * c,))

    def sigmoid(self):
        return _node("sigmoid", (self,), _sigmoid, lambda c, a: (c * (1.0 - c),))

    def relu(self):  # at the kink a = 0 the derivative is taken to be 0, as in functions.relu_prime
        return _node("relu", (self,), lambda a: max(a, 0.0), lambda c, a: (1.0 if a > 0 else 0.0,))

    # -- the graph and the backward pass --
    def graph(self):
        """Every node this one is computed from, and itself: a list in topological order.

        Inputs come first and this node last; every node comes after all of its children, and the first
        operand's nodes come before the second's (a depth-first post-order), so the same expression
        always gives the same order. Read forwards it is the forward pass node by node; backward() reads
        it backwards. Iterative, so a chain of 100,000 nodes is fine.
        """
        order, seen, stack = [], {self}, [(self, 0)]  # stack: (node, index of the next child to visit)
        while stack:
            node, i = stack.pop()
            if i == len(node.children):
                order.append(node)  # all its children are in order already
                continue
            stack.append((node, i + 1))
            child = node.children[i]
            if child not in seen:
                seen.add(child)
                stack.append((child, 0))
        return order

    def backward(self):
        """Set the grad of every node of this node's graph to ∂(this)/∂node. Nothing else is touched.

        First every grad in the graph is set to 0.0 and this node's to 1.0 (∂L/∂L = 1); then, in reverse
        topological order, each node adds grad × local to each child's grad. A node used twice (a * a)
        receives both contributions. Calling it again gives the same grads: nothing accumulates across
        calls. A gradient that overflows is a ValueError naming it (the grads are then left part-way).
        """
        self._backprop()

    def backward_steps(self):
        """backward(), recorded: a list of `BackwardStep`, one per change of a grad.

        steps[0] starts with ∂L/∂L = 1; then one step per edge (node → child), in the order backward()
        processes them, so len(steps) = 1 + the number of edges. This runs the real backward pass: the
        grads afterwards are exactly backward()'s. `grads_after(steps, k)` gives what a picture shows
        after step k.
        """
        L = self.symbol
        waiting = Counter(child for node in self.graph() for child in node.children)  # edges into each node
        steps = [BackwardStep(
            index=0, node=self, op=self.op, child=None, rule=f"∂{L}/∂{L} = 1",
            words=f"the start: {L} changes one-for-one with itself", numbers=f"∂{L}/∂{L} = 1",
            upstream=1.0, local=1.0, contribution=1.0, grad=1.0, final=True)]

        def record(node, i):
            child, local = node.children[i], node.local[i]
            waiting[child] -= 1
            symbol, words = _rule(node, i)
            d_child, contribution = f"∂{L}/∂{child.symbol}", node.grad * local
            steps.append(BackwardStep(
                index=len(steps), node=node, op=node.op, child=child,
                rule=f"{d_child} += ∂{L}/∂{node.symbol} · {symbol}", words=words,
                numbers=f"{d_child} += {node.grad:.4g} · {_factor(local)} = {contribution:.4g}, "
                        f"now {d_child} = {child.grad:.4g}",
                upstream=node.grad, local=local, contribution=contribution, grad=child.grad,
                final=waiting[child] == 0))

        self._backprop(record)
        return steps

    def _backprop(self, record=None):
        order = self.graph()
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for i, child in enumerate(node.children):
                before, local = child.grad, node.local[i]
                child.grad = before + node.grad * local
                if not math.isfinite(child.grad):
                    sum_ = f"{before:g} + {node.grad:g} · {local:g}"
                    raise ValueError(f"∂{self.name}/∂{child.name} = {sum_} is not a finite real number")
                if record:
                    record(node, i)


@dataclass(frozen=True)
class BackwardStep:
    """One step of L's backward pass, as `L.backward_steps()` lists them.

    A step passes `node`'s gradient back along the edge node → child:
        child.grad += upstream · local      (upstream = ∂L/∂node, local = ∂node/∂child)
    The first step (index 0) has child None: it sets ∂L/∂L = 1, and its upstream, local, contribution and grad
    are all 1.0. To draw step k, highlight `node` and the edge node → child (just the node for the
    first step) and show `grads_after(steps, k)`; every other grad is blank, not computed yet. The grads that
    are complete after step k are {s.target for s in steps[:k + 1] if s.final}; the others shown are
    partial sums, for a node used twice that still has a contribution to come.
    """

    index: int  # position in the list; 0 is the start, ∂L/∂L = 1
    node: Value  # the node whose gradient is passed back (L for the first step)
    op: str  # node.op, the operation whose local rule is applied
    child: Value | None  # the input the gradient reaches; None for the first step
    rule: str  # the rule in symbols, with labels: "∂L/∂a += ∂L/∂c · b"
    words: str  # the rule in words: "a product sends back the upstream gradient times the other factor"
    numbers: str  # the rule in numbers: "∂L/∂a += 1 · 3 = 3, now ∂L/∂a = 4"
    upstream: float  # ∂L/∂node
    local: float  # ∂node/∂child
    contribution: float  # upstream · local
    grad: float  # the child's grad after this step (L's for the first step)
    final: bool  # True when this was the child's last contribution: its grad is now ∂L/∂child

    @property
    def target(self):
        """The node whose grad this step writes: the child, or L for the first step."""
        return self.node if self.child is None else self.child


def grads_after(steps, k):
    """{node: grad} for the nodes whose grad is known after steps[k]; k = −1 is before the first step ({})."""
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or not -1 <= k < len(steps):
        raise ValueError(f"k must be an integer step index from -1 to {len(steps) - 1}, got {k!r}")
    return {step.target: step.grad for step in steps[: k + 1]}


# op → (the local derivative ∂node/∂child in symbols, per operand; the rule in words).
# {a}, {b}: the operands' names; {out}: the node's name; {n}: the exponent of a power.
RULES = {
    "+": (("1", "1"), "a sum sends the upstream gradient back unchanged to each term"),
    "-": (("1", "(−1)"), "a difference sends the upstream gradient back unchanged to the first term "
                         "and with its sign flipped to the term it subtracts"),
    "*": (("{b}", "{a}"), "a product sends back the upstream gradient times the other factor"),
    "/": (("1/{b}", "(−{a}/{b}²)"), "a quotient a/b sends back the upstream gradient times 1/b to a "
                                    "and times −a/b² to b"),
    "neg": (("(−1)",), "a negation sends back the upstream gradient with its sign flipped"),
    "**": (("{n}·{a}^({n}−1)",), "a power a^n sends back the upstream gradient times n·a^(n−1)"),
    "exp": (("{out}",), "exp sends back the upstream gradient times its own output (e^a is its own slope)"),
    "log": (("1/{a}",), "log sends back the upstream gradient divided by its input"),
    "tanh": (("(1 − {out}²)",), "tanh sends back the upstream gradient times 1 − output²"),
    "sigmoid": (("{out}·(1 − {out})",), "σ sends back the upstream gradient times output · (1 − output)"),
    "relu": (("[{a} > 0]",), "ReLU passes the upstream gradient back if its input is > 0, else 0"),
}


def _rule(node, i):
    """(∂node/∂child_i in symbols with the nodes' names, the rule in words)."""
    symbols, words = RULES["**" if node.op.startswith("**") else node.op]
    a, b = node.children[0], node.children[-1]
    return symbols[i].format(a=a.symbol, b=b.symbol, out=node.symbol, n=node.op.removeprefix("**")), words


def _factor(x):
    return f"({x:.4g})" if x < 0 else f"{x:.4g}"


def _sigmoid(a):
    """σ(a) = 1 / (1 + e^(−a)), never taking exp of a positive number (as functions.sigmoid)."""
    e = math.exp(-abs(a))
    return 1.0 / (1.0 + e) if a >= 0 else e / (1.0 + e)


def _as_value(x, op):
    if isinstance(x, Value):
        return x
    x = _real(x, f"an operand of {op!r}", "a Value or a real number")
    return Value(x, label=f"{x:g}")


def _describe(v):
    number = f"{v.data:g}"
    return number if v.label in ("", number) else f"{v.label} = {number}"


def _node(op, operands, forward, local):
    """The node op(*operands): its value forward(*xs) and local derivatives local(value, *xs)."""
    operands = tuple(_as_value(v, op) for v in operands)
    xs = [v.data for v in operands]
    (data,) = _finite(op, operands, "value", lambda: (forward(*xs),))
    out = Value(data)
    out.op, out.children = op, operands
    out.local = _finite(op, operands, "derivative", lambda: local(data, *xs))
    return out


def _finite(op, operands, what, compute):
    """compute() → a tuple of finite floats, else a ValueError naming the operation and its operands."""
    try:
        results = compute()
        detail = next((f"got {x}" for x in results if not (isinstance(x, float) and math.isfinite(x))), "")
    except (ZeroDivisionError, OverflowError) as error:
        detail = str(error.args[-1])  # the text alone: an overflowing float ** has args (errno, text)
    if detail:
        args = " and ".join(_describe(v) for v in operands)
        raise ValueError(f"{op!r} of {args}: the {what} is not a finite real number ({detail})")
    return results
