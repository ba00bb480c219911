"""Checks of the autodiff engine a learner builds (`MyValue` in the computational-graphs notebook).

The learner's class follows the skeleton the notebook gives: `MyValue(data)` with `.data`, `.grad`,
`+`, `*`, `** number`, `.tanh()`, `.backward()`, and on every result a `backward_rule()` that sends the
result's `.grad` back to the inputs it was made from. Each of the four rules the learner writes is
checked on its own (an upstream gradient that is not 1, input grads that already hold something), so a
wrong `*` never shows up as a wrong `tanh`; the answer names the rule, says what came out and what was
expected, and where a common mistake fits, says which one. Then the whole engine is compared with
central differences on an expression that uses every rule. Nothing the learner's code does (raising,
returning nonsense) crashes the check.
"""

import math

from .i18n import tr

# rule → (build the result from inputs, the inputs' values, ∂result/∂input for each input)
RULES = {
    "+": (lambda a, b: a + b, (1.5, -0.5), lambda a, b: (1.0, 1.0)),
    "*": (lambda a, b: a * b, (2.0, -5.0), lambda a, b: (b, a)),
    "tanh": (lambda a: a.tanh(), (0.5,), lambda a: (1.0 - math.tanh(a) ** 2,)),
    "**": (lambda a: a ** 3, (1.5,), lambda a: (3 * a ** 2,)),
}
UPSTREAM, BEFORE = 2.5, 0.75  # ∂L/∂result, and what each input's grad holds before the rule runs


def _close(xs, ys, rel=1e-9, abs_=1e-12):
    return all(math.isclose(x, y, rel_tol=rel, abs_tol=abs_) for x, y in zip(xs, ys, strict=True))


def _diagnosis(rule, got, local, values):
    """The common mistake that `got` fits, in words, or None."""
    close = _close
    contribution = [g - BEFORE for g in got]
    if close(got, [UPSTREAM * d for d in local]):
        return tr("it overwrites the grad with `=`: a value used in two places must collect both "
                  "contributions, so add with `+=`")
    if close(contribution, local):
        return tr("it forgets the upstream gradient: multiply the local derivative by out.grad")
    if close(contribution, [-UPSTREAM * d for d in local]):
        return tr("the sign is flipped")
    if rule == "*" and close(contribution, [UPSTREAM * v for v in values]):
        return tr("each factor got its own value: ∂(a·b)/∂a is the *other* factor, b")
    if rule == "**" and close(contribution, [UPSTREAM * 3 * values[0] ** 3]):
        return tr("n·aⁿ instead of n·aⁿ⁻¹: the power rule lowers the exponent by one")
    if rule == "tanh" and close(contribution, [UPSTREAM * (1 - values[0] ** 2)]):
        return tr("1 − a² uses the input: tanh′ is 1 − tanh(a)², one minus the *output* squared")
    return None


def check_rule(cls, rule):
    """Run the learner's backward rule for `rule` ("+", "*", "tanh" or "**") on its own and print
    what came of it. Returns True when the rule is right."""
    ok, message = rule_report(cls, rule)
    print(message)
    return ok


def rule_report(cls, rule):
    """(ok, message) for the learner's backward rule `rule`: the message names the rule and, when it is
    wrong, the inputs' grads that came out and were expected, with the likely mistake."""
    build, values, derivative = RULES[rule]
    local = derivative(*values)
    want = [BEFORE + UPSTREAM * d for d in local]
    try:
        inputs = [cls(v) for v in values]
        out = build(*inputs)
        for x in inputs:
            x.grad = BEFORE
        out.grad = UPSTREAM
        out.backward_rule()
        got = [float(x.grad) for x in inputs]
    except Exception as error:  # the learner's code: say what happened instead of crashing
        return False, tr("✗ rule {rule}: running it raised {error}").format(
            rule=rule, error=f"{type(error).__name__}: {error}")
    if _close(got, want):
        return True, tr("✓ rule {rule}").format(rule=rule)
    if _close(got, [BEFORE] * len(got)):
        return False, tr("rule {rule}: not yet — the rule leaves the grads as they were; replace `pass` with "
                         "your code and run the cell that defines it again.").format(rule=rule)
    why = _diagnosis(rule, got, local, values)
    text = tr("✗ rule {rule}: with out.grad = {up} and input grads {before} before, the inputs' grads came "
              "out {got}, expected {want}").format(rule=rule, up=UPSTREAM, before=BEFORE,
                                                   got=_numbers(got), want=_numbers(want))
    return False, text if why is None else tr("{report} — {why}").format(report=text, why=why)


def _numbers(xs):
    return ", ".join(f"{x:.4g}" for x in xs)


def expression(cls, a, b):
    """L = tanh(a·b + a)² · 3 + b, built with `cls`: every rule, and a used twice. Returns (L, a, b)."""
    a, b = cls(a), cls(b)
    return (a * b + a).tanh() ** 2 * 3 + b, a, b


def _value(cls, a, b):
    return float(expression(cls, a, b)[0].data)


def check_against_numerical(cls, a=0.4, b=-0.7, h=1e-6):
    """The learner's backward() on `expression` against central differences of its forward values.

    Returns (ok, message) with both gradients in the message.
    """
    try:
        L, va, vb = expression(cls, a, b)
        L.backward()
        mine = [float(va.grad), float(vb.grad)]
        numeric = [(_value(cls, a + h, b) - _value(cls, a - h, b)) / (2 * h),
                   (_value(cls, a, b + h) - _value(cls, a, b - h)) / (2 * h)]
    except Exception as error:
        return False, tr("✗ backward on tanh(a·b + a)²·3 + b raised {error}").format(
            error=f"{type(error).__name__}: {error}")
    ok = _close(mine, numeric, rel=1e-6, abs_=1e-9)
    mark = "✓" if ok else "✗"
    text = tr("{mark} L = tanh(a·b + a)²·3 + b at a = {a}, b = {b}: backward gives ∂L/∂a, ∂L/∂b = {mine}; "
              "central differences give {numeric}")
    return ok, text.format(mark=mark, a=a, b=b, mine=_numbers(mine), numeric=_numbers(numeric))


def engine_report(cls):
    """(ok, messages): every backward rule of the learner's class, then, when they are all right, the
    whole engine against central differences."""
    results = [rule_report(cls, rule) for rule in RULES]
    if all(ok for ok, _ in results):
        results.append(check_against_numerical(cls))
    return all(ok for ok, _ in results), [message for _, message in results]


def check_my_value(cls):
    """Print `engine_report` line by line; return True when everything is right."""
    ok, messages = engine_report(cls)
    for message in messages:
        print(message)
    return ok
