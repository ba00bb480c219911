"""Gradient checking: compare backprop's gradients with central differences.

    ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / 2h          (error O(h²) + round-off O(ε/h))

Verdict per parameter, in float64: "ok" when the relative error is below 1e-7; "kink" when it is
between 1e-7 and 1e-4 and some ReLU input changed sign while x_i moved by ±h (the loss is not smooth
there, so a central difference straddles a corner); "wrong" otherwise.
"""

from dataclasses import dataclass

import numpy as np

OK_BELOW = 1e-7
KINK_BELOW = 1e-4


def numerical_gradient(f, x, h=1e-5):
    """Central differences of a scalar f(x) with respect to every entry of the float array x.

    f: callable taking x and returning a float; x: float ndarray of any shape, perturbed in place one
    entry at a time and always restored (even if f raises). Returns an array shaped like x.
    """
    if not isinstance(x, np.ndarray) or not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float ndarray (it is perturbed in place), got {type(x).__name__} "
                        f"{getattr(x, 'dtype', '')}")
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        try:
            x[i] = old + h
            f_plus = f(x)
            x[i] = old - h
            f_minus = f(x)
        finally:
            x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b):
    """‖a − b‖ / (‖a‖ + ‖b‖) over whole arrays (0 when both are 0): scale-free, in [0, 1].

    A norm over the whole array rather than the largest entrywise ratio: entries where both gradients
    are ~1e-12 would otherwise turn round-off into false alarms.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


@dataclass
class ParamCheck:
    name: str
    shape: tuple
    rel_error: float
    kink_crossed: bool
    verdict: str  # "ok", "kink" or "wrong"


class GradCheckReport(list):
    """A list of ParamCheck, one per parameter, that prints as a table."""

    @property
    def ok(self):
        """True when no parameter is "wrong"."""
        return all(row.verdict != "wrong" for row in self)

    def __str__(self):
        lines = [f"{'param':<8}{'shape':<14}{'rel. error':>12}  verdict"]
        for r in self:
            lines.append(f"{r.name:<8}{str(r.shape):<14}{r.rel_error:>12.2e}  {r.verdict}")
        return "\n".join(lines)

    __repr__ = __str__


def verdict(rel_error, kink_crossed):
    if rel_error < OK_BELOW:
        return "ok"
    return "kink" if kink_crossed and rel_error < KINK_BELOW else "wrong"


def check_gradients(loss_fn, params, grads, h=1e-5, pattern=None):
    """Check analytic `grads` against central differences of `loss_fn`, one row per parameter.

    loss_fn(): the loss at the current values of `params` (a dict of float arrays that is perturbed in
    place and restored). grads: dict with the same keys, your gradients. pattern(): optional, returns
    the current on/off pattern of every ReLU (a list of bool arrays); a parameter whose ±h moves change
    that pattern "crossed a kink". Returns a GradCheckReport.
    """
    loss_fn()  # evaluate once at the unperturbed point, so that pattern() describes it
    base = pattern() if pattern else None
    report = GradCheckReport()
    for name, p in params.items():
        crossed = False

        def f(_):
            nonlocal crossed
            value = loss_fn()
            if base is not None and not crossed:
                crossed = any(not np.array_equal(m, m0) for m, m0 in zip(pattern(), base, strict=True))
            return value

        if np.shape(grads[name]) != p.shape:
            raise ValueError(f"grads[{name!r}] must have shape {p.shape}, got {np.shape(grads[name])}")
        err = relative_error(grads[name], numerical_gradient(f, p, h))
        report.append(ParamCheck(name, p.shape, err, crossed, verdict(err, crossed)))
    return report


def check_network(net, X, T, h=1e-5):
    """check_gradients for a bp_core network (MLP/TwoLayerNet) on inputs X and targets T."""
    X = net._inputs(X)
    T = net._targets(T, len(X))
    grads = net._backprop(X, T)[1]
    relus = [layer for layer in net.layers.values() if hasattr(layer, "mask")]
    return check_gradients(lambda: net._loss(X, T), net.params, grads, h,
                           pattern=(lambda: [r.mask for r in relus]) if relus else None)
