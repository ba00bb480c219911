"""The predict-then-check questions of the notebooks, each under an id, with the computation of its
expected answer: a notebook calls `feedback.answer(id, my_answer)` and never shows the answer itself.
Questions are written in English and translated (`i18n.tr`) when they are asked."""

from bp_core.value import Value

from .feedback import exercise


def micrograd_expression():
    """L = (a·b + c)·f with a = 2, b = −3, c = 10, f = −2 (the expression of micrograd's lecture)."""
    a, b, c, f = Value(2.0, "a"), Value(-3.0, "b"), Value(10.0, "c"), Value(-2.0, "f")
    return (a * b + c) * f, a


@exercise("graphs.dL_da", "∂L/∂a for L = (a·b + c)·f")
def _graphs_dL_da():
    L, a = micrograd_expression()
    L.backward()
    return a.grad


@exercise("graphs.shared", "∂q/∂a for q = a·b + a at a = 2, b = −3")
def _graphs_shared():
    a, b = Value(2.0), Value(-3.0)
    q = a * b + a
    q.backward()
    return a.grad
