"""The checks of the engine a learner builds in the computational-graphs notebook: the solution passes,
the notebook's stubs get "not yet", each typical mistake gets its diagnosis, and the tiny network of the
notebook trains with the learner's engine once it is right."""

import json
from pathlib import Path

import pytest
from solutions import load_solution

from bp_core import Value
from bp_core.course.engine_check import check_my_value, engine_report, rule_report

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "02_computational_graphs.ipynb"
SOLUTION = load_solution("02_computational_graphs").MyValue


def notebook_namespace():
    """Run the notebook's code cells from the MyValue class to the tiny network (no pictures) and return
    the namespace: the learner's engine as the stored notebook has it, with its stubs."""
    cells = ["".join(c["source"]) for c in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code"]
    namespace = {}
    exec(cells[0], namespace)  # the setup cell
    start = next(i for i, src in enumerate(cells) if src.startswith("class MyValue"))
    for src in cells[start:]:
        if "new_figure" not in src:
            exec(src, namespace)
    return namespace


def test_the_solution_passes_every_check(capsys):
    assert check_my_value(SOLUTION)
    out = capsys.readouterr().out.splitlines()
    assert out[:4] == ["✓ rule +", "✓ rule *", "✓ rule tanh", "✓ rule **"]
    assert out[4].startswith("✓ L = tanh(a·b + a)²·3 + b") and len(out) == 5


def test_the_notebooks_stubs_are_not_yet_and_the_network_still_trains(capsys):
    namespace = notebook_namespace()
    out = capsys.readouterr().out
    assert out.count("not yet — the rule leaves the grads as they were") >= 4 and "✗" not in out
    assert namespace["engine"] is Value  # the stubs fail, so the network trains with bp_core.Value
    losses = namespace["losses"]
    assert len(losses) == 30 and losses[-1] < 0.2 * losses[0]


def test_the_tiny_network_trains_with_the_learners_engine():
    namespace = notebook_namespace()
    TinyMLP = namespace["TinyMLP"]
    net = TinyMLP([3, 4, 4, 1], SOLUTION)
    xs, ys = namespace["xs"], namespace["ys"]
    losses = []
    for _ in range(30):
        loss = sum((net(x) - y) ** 2 for x, y in zip(xs, ys, strict=True))
        loss.backward()
        for p in net.parameters():
            p.data -= 0.05 * p.grad
        losses.append(loss.data)
    reference = namespace["losses"]  # the same network with bp_core.Value
    assert losses == pytest.approx(reference, rel=1e-9)


def mistaken(rule, body):
    """The solution's class with one rule's backward replaced by `body(self, other, out)`."""
    class Mistaken(SOLUTION):
        pass

    method = {"+": "__add__", "*": "__mul__", "tanh": "tanh", "**": "__pow__"}[rule]
    original = getattr(SOLUTION, method)

    def op(self, *args):
        out = original(self, *args)
        inputs = out.children

        def backward_rule():
            body(out, *inputs, *args[1:] if rule != "**" else args)

        out.backward_rule = backward_rule
        return out

    setattr(Mistaken, method, op)
    return Mistaken


def overwrite_add(out, a, b):
    a.grad = out.grad
    b.grad = out.grad


def no_upstream_mul(out, a, b):
    a.grad += b.data
    b.grad += a.data


def own_factor_mul(out, a, b):
    a.grad += a.data * out.grad
    b.grad += b.data * out.grad


def input_tanh(out, a):
    a.grad += (1 - a.data ** 2) * out.grad


def wrong_power(out, a, n):
    a.grad += n * a.data ** n * out.grad


def flipped_add(out, a, b):
    a.grad -= out.grad
    b.grad -= out.grad


def raising_tanh(out, a):
    raise NameError("name 't' is not defined")


@pytest.mark.parametrize(("rule", "body", "diagnosis"), [
    ("+", overwrite_add, "it overwrites the grad with `=`"),
    ("+", flipped_add, "the sign is flipped"),
    ("*", no_upstream_mul, "it forgets the upstream gradient"),
    ("*", own_factor_mul, "each factor got its own value"),
    ("tanh", input_tanh, "1 − a² uses the input"),
    ("**", wrong_power, "n·aⁿ instead of n·aⁿ⁻¹"),
    ("tanh", raising_tanh, "running it raised NameError: name 't' is not defined"),
])
def test_each_typical_mistake_gets_its_diagnosis_and_names_its_rule(rule, body, diagnosis):
    cls = mistaken(rule, body)
    ok, message = rule_report(cls, rule)
    assert not ok and diagnosis in message and message.startswith(f"✗ rule {rule}")
    others = [r for r in ("+", "*", "tanh", "**") if r != rule]
    assert all(rule_report(cls, r)[0] for r in others)  # only the wrong rule is blamed
    assert not engine_report(cls)[0]


def test_a_wrong_engine_is_not_checked_against_numerical_gradients_until_its_rules_pass():
    ok, messages = engine_report(mistaken("*", own_factor_mul))
    assert not ok and len(messages) == 4


def test_nonsense_in_the_learners_class_never_crashes_the_check():
    class Broken:
        def __init__(self, data):
            raise TypeError("takes no data")

    ok, message = rule_report(Broken, "+")
    assert not ok and "raised TypeError: takes no data" in message
    assert not engine_report(Broken)[0]


def test_the_numerical_check_catches_right_rules_called_in_the_wrong_order(monkeypatch):
    def forward_order(self):  # calls the rules from the inputs to L: each runs before its grad is known
        order = self.graph()
        for v in order:
            v.grad = 0.0
        self.grad = 1.0
        for v in order:
            v.backward_rule()

    monkeypatch.setattr(SOLUTION, "backward", forward_order)
    ok, messages = engine_report(SOLUTION)
    assert not ok and all(m.startswith("✓ rule") for m in messages[:4])
    assert messages[4].startswith("✗ L = tanh")
