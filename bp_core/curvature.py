"""Curvature and the learning rate: why gradient descent converges, oscillates or diverges.

On a quadratic L(w) = ½ λ w² one step of gradient descent multiplies w by the factor r = 1 − ηλ:

    w ← w − η λ w = (1 − ηλ) w

so |r| < 1 (that is 0 < η < 2/λ) converges, r = −1 bounces for ever and |r| > 1 diverges. Near any
point a smooth loss looks like a quadratic whose curvatures are the eigenvalues of its Hessian. A
negative curvature (the loss bends down) cannot make a step overshoot, so the bound concerns the
largest *positive* eigenvalue: η < 2/λ_max, locally. We estimate λ_max by power iteration on
Hessian-vector products: first the spectral radius ρ = max |λ|, then the top eigenvalue of the shifted
operator H + ρI, whose eigenvalues λ + ρ are all ≥ 0, so that its dominant one is λ_max + ρ.

Hessian-vector products here are central differences of the backprop gradient along v:

    H v ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε          (error O(ε²), two gradient calls)

An exact product would need a second, "forward-over-reverse" pass that bp_core leaves out on purpose
(one idea at a time); with ε = 1e-4 the difference is accurate to about 1e-8, far more than a step-size
bound needs. Also left out: Lanczos and other faster eigen-solvers, and second-order optimisers.
"""

import numpy as np

from . import checks

REGIMES = ("monotone", "oscillating, converging", "stuck oscillating", "diverging")


def update_factor(lr, curvature):
    """r = 1 − ηλ: what one gradient step multiplies w by on L = ½ λ w²."""
    return 1.0 - checks.positive_number("lr", lr) * checks.positive_number("curvature", curvature)


def lr_regime(lr, curvature, tol=1e-9):
    """Name what gradient descent with learning rate η = lr does on L = ½ λ w² (λ = curvature > 0).

    Returns one of REGIMES: "monotone" (0 ≤ r < 1, w shrinks without changing sign), "oscillating,
    converging" (−1 < r < 0), "stuck oscillating" (r = −1 within tol: ηλ = 2) or "diverging" (r < −1).
    """
    r = update_factor(lr, curvature)
    if abs(r + 1.0) <= tol:
        return "stuck oscillating"
    if r >= 0.0:
        return "monotone"
    return "oscillating, converging" if r > -1.0 else "diverging"


def worst_regime(regimes):
    """The least stable of several regime names (REGIMES are ordered from most to least stable)."""
    return max(regimes, key=REGIMES.index)


LOSS_REGIMES = ("fell steadily", "barely moved", "fell overall, rising on the way", "ended higher", "blew up")


def loss_regime(losses, diverged=False):
    """Say what a loss curve did, as one of LOSS_REGIMES: "blew up" (a non-finite value stopped it),
    "ended higher" (the last loss is above the first), "fell overall, rising on the way", "barely moved"
    (never rose, fell by less than 1 %) or "fell steadily". Words for what the run did, not for a
    cause: a network's loss can rise and fall for reasons a parabola does not have."""
    losses = np.asarray(losses, dtype=float)
    if diverged or not np.isfinite(losses).all():
        return "blew up"
    if losses[-1] > losses[0]:
        return "ended higher"
    if np.any(np.diff(losses) > 0):
        return "fell overall, rising on the way"
    return "barely moved" if losses[-1] > 0.99 * losses[0] else "fell steadily"


def descent_table(w0, lr, curvature, steps):
    """The table of the post 前向传播与反向传播意义 for L = ½ λ w² (λ = 2 gives L = w²): rows (step, w,
    η·dL/dw, new w).

    Returns a list of `steps` tuples of floats; step counts from 1.
    """
    r = update_factor(lr, curvature)
    steps = checks.integer_at_least("steps", steps, 1)
    rows, w = [], float(w0)
    for k in range(1, steps + 1):
        rows.append((k, w, lr * curvature * w, r * w))
        w = r * w
    return rows


def hessian_vector_product(grad_fn, theta, v, eps=1e-4):
    """H v by central differences of the gradient: (g(θ + εv) − g(θ − εv)) / 2ε.

    grad_fn: flat θ (P,) → flat gradient (P,). theta, v: (P,). Returns (P,). theta is not changed.
    """
    eps = checks.positive_number("eps", eps)
    theta, v = np.asarray(theta, dtype=float), np.asarray(v, dtype=float)
    if theta.shape != v.shape or theta.ndim != 1:
        raise ValueError(f"theta and v must be vectors of one length, got shapes {theta.shape} and {v.shape}")
    return (np.asarray(grad_fn(theta + eps * v)) - np.asarray(grad_fn(theta - eps * v))) / (2 * eps)


def network_gradient_fn(net, X, T):
    """(θ0, grad_fn) for a bp_core network: θ0 its parameters flattened in `params` order (P,), and
    grad_fn(θ) → the backprop gradient (P,) at θ. grad_fn restores the network's parameters."""
    batch = net.batch(X, T)
    keys = list(net.params)
    sizes = [net.params[k].size for k in keys]
    theta0 = np.concatenate([net.params[k].ravel() for k in keys])

    def grad_fn(theta):
        saved = {k: net.params[k].copy() for k in keys}
        try:
            for k, part in zip(keys, np.split(theta, np.cumsum(sizes)[:-1]), strict=True):
                net.params[k][...] = part.reshape(net.params[k].shape)
            grads = net.backprop(batch)[1]
        finally:
            for k in keys:
                net.params[k][...] = saved[k]
        return np.concatenate([grads[k].ravel() for k in keys])

    return theta0, grad_fn


def _power_iteration(op, v, iters, tol):
    """Repeat v ← op(v)/‖op(v)‖ until ‖op(v) − μv‖ ≤ tol·|μ| for the Rayleigh quotient μ = vᵀ op(v).

    Returns (μ, ‖op(v)‖, products used, converged). The residual test, not a change in μ, decides:
    with two eigenvalues ±λ of top magnitude μ can stand still while v swings between them.
    """
    v = v / np.linalg.norm(v)
    mu = norm = 0.0
    for k in range(1, iters + 1):
        w = op(v)
        mu, norm = float(v @ w), float(np.linalg.norm(w))
        if norm == 0.0:
            return 0.0, 0.0, k, True
        if np.linalg.norm(w - mu * v) <= tol * abs(mu):
            return mu, norm, k, True
        v = w / norm
    return mu, norm, iters, False


def top_eigenvalue(hvp, size, iters=200, seed=0, tol=1e-6):
    """The largest (most positive) eigenvalue λ_max of a symmetric matrix given as v → H v.

    hvp: (size,) → (size,). Power iteration first finds the dominant eigenvalue μ (largest |λ|); when it
    converges to μ > 0, that is λ_max. Otherwise (μ < 0, or ±λ of equal magnitude, where it cannot
    converge) ρ = ‖Hv‖ estimates the spectral radius and a second power iteration on H + ρI, whose
    eigenvalues λ + ρ are ≥ 0, finds λ_max + ρ. Converged means ‖Bv − μv‖ ≤ tol·|μ|; a RuntimeError says
    so when `iters` products per stage are not enough. Returns (λ_max, matrix products used);
    λ_max ≤ 0 means no positive curvature, where no step-size bound applies.
    """
    size = checks.integer_at_least("size", size, 1)
    iters = checks.integer_at_least("iters", iters, 1)
    tol = checks.positive_number("tol", tol)
    rng = np.random.default_rng(checks.seed(seed))
    mu, rho, used, converged = _power_iteration(hvp, rng.standard_normal(size), iters, tol)
    if converged and mu >= 0:
        return mu, used
    rho = abs(mu) if converged else rho * (1.0 + 1e-3)  # a little above the estimate: H + ρI ≥ 0
    # a fresh start: the first stage's v may be an eigenvector of H + ρI with eigenvalue 0
    def shifted(u):
        return hvp(u) + rho * u

    mu, _, more, converged = _power_iteration(shifted, rng.standard_normal(size), iters, tol)
    if not converged:
        raise RuntimeError(f"power iteration did not converge in iters={iters} products (tolerance {tol:g}): "
                           f"raise iters")
    return mu - rho, used + more


def top_hessian_eigenvalue(net, X, T, iters=200, seed=0, tol=1e-6, eps=1e-4):
    """λ_max, the largest (most positive) eigenvalue of the Hessian of net.loss(X, T) at the current
    weights, by power iteration on central-difference Hessian-vector products. Returns (λ_max,
    Hessian-vector products used). η < 2/λ_max is the local stability bound of gradient descent."""
    theta0, grad_fn = network_gradient_fn(net, X, T)
    return top_eigenvalue(lambda v: hessian_vector_product(grad_fn, theta0, v, eps), theta0.size,
                          iters, seed, tol)
