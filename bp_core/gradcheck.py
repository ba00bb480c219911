"""Gradient checking: compare backprop's gradients with slopes measured by finite differences.

    one-sided:  f'(x) ≈ (f(x + h) − f(x)) / h                   (error O(h))
    central:    ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / 2h    (error O(h²) + round-off O(ε|f|/h))

Verdict per parameter, in float64: "ok" when the relative error is below 1e-7; "kink" when it is
between 1e-7 and 1e-4 and some ReLU input changed sign while x_i moved by ±h (the loss is not smooth
there, so a central difference straddles a corner); "inconclusive" when both gradients are 0, or when
they differ by no more than the numerical gradient itself is uncertain (a saturated network, whose
gradients of ~1e-9 drown in round-off: nothing can be concluded either way); "wrong" otherwise.

How uncertain is a central difference? Its error is truncation (∝ h²) plus round-off (∝ 1/h), and
both show in how much it changes when h is halved: ‖g_h − g_{h/2}‖ is the uncertainty used. It is
measured only for a parameter that is not already "ok", so a correct backward pass costs nothing extra.
"""

from dataclasses import dataclass

import numpy as np

from . import checks

OK_BELOW = 1e-7
KINK_BELOW = 1e-4


def forward_slope(f, x, h):
    """(f(x + h) − f(x)) / h: the slope of the secant through x and x + h (error O(h)). x, h: numbers."""
    h = checks.positive_number("h", h)
    return (f(x + h) - f(x)) / h


def central_slope(f, x, h):
    """(f(x + h) − f(x − h)) / 2h: the central difference (error O(h²)). x, h: numbers."""
    h = checks.positive_number("h", h)
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x, h=1e-5):
    """Central differences of a scalar f(x) with respect to every entry of the float array x.

    f: callable taking x and returning a float; x: writeable float ndarray of any shape, perturbed in
    place one entry at a time and always restored (even if f raises). h > 0. Returns an array shaped
    like x. Each difference is divided by the step actually taken, (x_i + h) − (x_i − h) as stored in
    x's dtype, which is not 2h after rounding in float32 or float16.
    """
    h = checks.positive_number("h", h)
    if not isinstance(x, np.ndarray) or not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float ndarray (it is perturbed in place), got {type(x).__name__} "
                        f"{getattr(x, 'dtype', '')}")
    if not x.flags.writeable:
        raise ValueError("x must be writeable: it is perturbed in place (and restored)")
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        try:
            x[i] = old + h
            up, f_plus = float(x[i]), f(x)
            x[i] = old - h
            down, f_minus = float(x[i]), f(x)
        finally:
            x[i] = old
        if up == down:
            raise ValueError(f"h = {h:g} is too small for {x.dtype} at index {i} (value {old}): x ± h rounds "
                             f"to x")
        grad[i] = (f_plus - f_minus) / (up - down)
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
    verdict: str  # "ok", "kink", "inconclusive" or "wrong"


class GradCheckReport(list):
    """A list of ParamCheck, one per parameter, that prints as a table."""

    @property
    def ok(self):
        """True when every parameter is "ok" (or "kink"): the backward pass is confirmed."""
        return all(row.verdict in ("ok", "kink") for row in self)

    def __str__(self):
        lines = [f"{'param':<8}{'shape':<14}{'rel. error':>12}  verdict"]
        for r in self:
            lines.append(f"{r.name:<8}{str(r.shape):<14}{r.rel_error:>12.2e}  {r.verdict}")
        return "\n".join(lines)

    __repr__ = __str__


def verdict(rel_error, kink_crossed, largest=np.inf, difference=np.inf, uncertainty=0.0):
    """The verdict on one parameter (see the module docstring).

    largest: max(‖backprop‖, ‖numerical‖); difference: ‖backprop − numerical‖; uncertainty: how far the
    numerical gradient itself may be off (‖g_h − g_{h/2}‖). The defaults leave the relative error and
    the kink to decide.
    """
    if largest == 0:
        return "inconclusive"  # both gradients are 0: the loss does not move with this parameter here
    if rel_error < OK_BELOW:
        return "ok"
    if kink_crossed:
        return "kink" if rel_error < KINK_BELOW else "wrong"
    if difference <= 2 * uncertainty:
        return "inconclusive"  # they differ, but no more than the central differences can resolve
    return "wrong"


def check_gradients(loss_fn, params, grads, h=1e-5, pattern=None):
    """Check analytic `grads` against central differences of `loss_fn`, one row per parameter.

    loss_fn(): the loss at the current values of `params` (a dict of float arrays that is perturbed in
    place and restored). grads: dict with the same keys, your gradients. pattern(): optional, returns
    the current on/off pattern of every ReLU (a list of bool arrays); a parameter whose ±h moves change
    that pattern "crossed a kink". Returns a GradCheckReport.
    """
    h = checks.positive_number("h", h)
    loss_fn()  # at the unperturbed point, so that pattern() describes it
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
        mine, numeric = np.asarray(grads[name], dtype=float), numerical_gradient(f, p, h)
        err = relative_error(mine, numeric)
        uncertainty = 0.0
        if err >= OK_BELOW and not crossed:
            uncertainty = np.linalg.norm(numeric - numerical_gradient(lambda _: loss_fn(), p, h / 2))
        largest = max(np.linalg.norm(mine), np.linalg.norm(numeric))
        judged = verdict(err, crossed, largest, np.linalg.norm(mine - numeric), uncertainty)
        report.append(ParamCheck(name, p.shape, err, crossed, judged))
    return report


def check_network(net, X, T, h=1e-5):
    """check_gradients for a bp_core network (MLP/TwoLayerNet) on inputs X and targets T."""
    batch = net.batch(X, T)
    grads = net.backprop(batch)[1]
    return check_gradients(lambda: net.forward(batch)["loss"], net.params, grads, h, pattern=net.relu_pattern)
