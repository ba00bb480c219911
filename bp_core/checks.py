"""Argument checks shared by the networks and `train`: clear errors instead of numpy's.

Each error names the argument, what was expected and what came.
"""

import numbers

import numpy as np

from .datasets import one_hot


def as_inputs(X, D, name="X"):
    """X: (N, D) or one sample (D,) → float64 (N, D), N ≥ 1, all finite."""
    X = np.asarray(X)
    if X.dtype == bool or not np.issubdtype(X.dtype, np.number):
        raise TypeError(f"{name} must be a numeric array, got dtype {X.dtype}")
    if X.ndim == 1:
        X = X[None, :]
    if X.ndim != 2 or X.shape[1] != D:
        raise ValueError(f"{name} must have shape (N, {D}) or ({D},), got shape {X.shape}")
    if X.shape[0] == 0:
        raise ValueError(f"{name} must hold at least one sample, got shape {X.shape}")
    X = X.astype(float, copy=False)
    if not all_finite(X):
        bad = np.argwhere(~np.isfinite(X))[0]
        raise ValueError(f"{name} must be finite, got {X[tuple(bad)]} at index {tuple(bad.tolist())}")
    return X


def as_targets(T, N, K, loss, name="T"):
    """Targets for N samples and K outputs → float64 (N, K).

    loss="mse": T of shape (N, K) (or (N,) when K == 1), any finite numbers.
    loss="softmax_ce": integer labels (N,) in [0, K), or one-hot / probability rows (N, K).
    """
    T = np.asarray(T)
    if T.dtype == bool or not np.issubdtype(T.dtype, np.number):
        raise TypeError(f"{name} must be a numeric array, got dtype {T.dtype}")
    if T.ndim == 0 or T.shape[0] != N:
        raise ValueError(f"{name} must have one row per sample of X ({N}), got shape {T.shape}")
    if loss == "softmax_ce" and T.ndim == 1:
        return one_hot(T, K, name)
    if T.ndim == 1 and K == 1:
        T = T[:, None]
    if T.shape != (N, K):
        expected = f"({N},) integer labels or ({N}, {K})" if loss == "softmax_ce" else f"({N}, {K})"
        raise ValueError(f"{name} must have shape {expected}, got shape {T.shape}")
    T = T.astype(float, copy=False)
    if not np.isfinite(T).all():
        raise ValueError(f"{name} must be finite, got NaN or inf")
    if loss == "softmax_ce" and ((T < 0).any() or not np.allclose(T.sum(axis=1), 1.0)):
        raise ValueError(f"{name} rows must be one-hot (non-negative, summing to 1) for softmax_ce")
    return T


def all_finite(a):
    """True when every entry of the float array a is finite. A sum is the cheap first test (NaN and inf
    survive it); only a sum that overflows is looked at entry by entry."""
    with np.errstate(over="ignore"):
        return bool(np.isfinite(a.sum()) or np.isfinite(a).all())


def positive_number(name, value):
    """A real number > 0 (finite), else ValueError/TypeError naming `name`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
    return float(value)


def integer_at_least(name, value, minimum):
    """An int ≥ minimum, else ValueError/TypeError naming `name`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer ≥ {minimum}, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer ≥ {minimum}, got {value}")
    return int(value)
