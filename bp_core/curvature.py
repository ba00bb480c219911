"""Curvature and the learning rate: why gradient descent converges, oscillates or diverges.

On a quadratic L(w) = ½ λ w² one step of gradient descent multiplies w by the factor r = 1 − ηλ:

    w ← w − η λ w = (1 − ηλ) w

so |r| < 1 (that is 0 < η < 2/λ) converges, r = −1 bounces for ever and |r| > 1 diverges. Near a
minimum any smooth loss looks like a quadratic whose curvatures are the eigenvalues of its Hessian, so
η < 2/λ_max is the local version of the same bound. We estimate λ_max (largest |λ|) by power iteration
on Hessian-vector products.

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


def descent_table(w0, lr, curvature, steps):
    """Seed 001's table for L = ½ λ w² (λ = 2 gives L = w²): rows (step, w, η·dL/dw, new w).

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
    theta, v = np.asarray(theta, dtype=float), np.asarray(v, dtype=float)
    if theta.shape != v.shape or theta.ndim != 1:
        raise ValueError(f"theta and v must be vectors of one length, got shapes {theta.shape} and {v.shape}")
    return (np.asarray(grad_fn(theta + eps * v)) - np.asarray(grad_fn(theta - eps * v))) / (2 * eps)


def network_gradient_fn(net, X, T):
    """(θ0, grad_fn) for a bp_core network: θ0 its parameters flattened in `params` order (P,), and
    grad_fn(θ) → the backprop gradient (P,) at θ. grad_fn restores the network's parameters."""
    X = net._inputs(X)
    T = net._targets(T, len(X))
    keys = list(net.params)
    sizes = [net.params[k].size for k in keys]
    theta0 = np.concatenate([net.params[k].ravel() for k in keys])

    def grad_fn(theta):
        saved = {k: net.params[k].copy() for k in keys}
        try:
            for k, part in zip(keys, np.split(theta, np.cumsum(sizes)[:-1]), strict=True):
                net.params[k][...] = part.reshape(net.params[k].shape)
            grads = net._backprop(X, T)[1]
        finally:
            for k in keys:
                net.params[k][...] = saved[k]
        return np.concatenate([grads[k].ravel() for k in keys])

    return theta0, grad_fn


def top_eigenvalue(hvp, size, iters=100, seed=0, tol=1e-6):
    """Power iteration for the eigenvalue of largest magnitude of a symmetric matrix given as v → H v.

    hvp: (size,) → (size,). Stops when the Rayleigh quotient vᵀHv changes by less than tol (relative)
    or after `iters` products. Returns (eigenvalue, iterations used); the sign is kept.
    """
    size = checks.integer_at_least("size", size, 1)
    iters = checks.integer_at_least("iters", iters, 1)
    v = np.random.default_rng(seed).standard_normal(size)
    v /= np.linalg.norm(v)
    lam = 0.0
    for k in range(1, iters + 1):
        hv = hvp(v)
        lam_new = float(v @ hv)
        norm = np.linalg.norm(hv)
        if norm == 0.0:
            return 0.0, k
        v = hv / norm
        if k > 1 and abs(lam_new - lam) <= tol * abs(lam_new):
            return lam_new, k
        lam = lam_new
    return lam, iters


def top_hessian_eigenvalue(net, X, T, iters=100, seed=0, tol=1e-6, eps=1e-4):
    """λ_max (largest |λ|) of the Hessian of net.loss(X, T) at the current weights, by power iteration
    on central-difference Hessian-vector products. Returns (eigenvalue, iterations used)."""
    theta0, grad_fn = network_gradient_fn(net, X, T)
    return top_eigenvalue(lambda v: hessian_vector_product(grad_fn, theta0, v, eps), theta0.size,
                          iters, seed, tol)
