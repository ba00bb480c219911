"""Argument checks shared by the engine: clear errors instead of numpy's.

Each error names the argument, what was expected and what came. A network checks its data once per
public call (`MLP.batch`), so that the computation behind it (`MLP.backprop`, the training loop) never
checks again.
"""

import numbers
from dataclasses import dataclass

import numpy as np


def real_array(name, value):
    """`value` as an ndarray of real numbers (integers or floats), else TypeError naming `name`.

    Booleans, complex numbers, strings and objects are refused: a complex X would silently lose its
    imaginary part in float arithmetic.
    """
    array = np.asarray(value)
    if array.dtype.kind not in "iuf":
        kind = "complex" if array.dtype.kind == "c" else array.dtype
        raise TypeError(f"{name} must be an array of real numbers, got dtype {kind}")
    return array


def as_inputs(X, D, name="X"):
    """X: (N, D) or one sample (D,) → float64 (N, D), N ≥ 1, all finite."""
    X = real_array(name, X)
    if X.ndim == 1 and X.shape[0] != D:
        hint = f"; for {X.shape[0]} samples of one feature use X.reshape(-1, 1)" if D == 1 else ""
        raise ValueError(f"{name} must have shape (N, {D}) or ({D},), got shape {X.shape}{hint}")
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
    T = real_array(name, T)
    if T.ndim == 0 or T.shape[0] != N:
        raise ValueError(f"{name} must have one row per sample of X ({N}), got shape {T.shape}")
    if loss == "softmax_ce" and T.ndim == 1:
        return np.eye(K)[class_labels(name, T, K)]  # one-hot rows
    if T.ndim == 1 and K == 1:
        T = T[:, None]
    if T.shape != (N, K):
        expected = f"({N},) integer labels or ({N}, {K})" if loss == "softmax_ce" else f"({N}, {K})"
        raise ValueError(f"{name} must have shape {expected}, got shape {T.shape}")
    T = T.astype(float, copy=False)
    if not all_finite(T):
        raise ValueError(f"{name} must be finite, got NaN or inf")
    if loss == "softmax_ce" and ((T < 0).any() or not np.allclose(T.sum(axis=1), 1.0)):
        raise ValueError(f"{name} rows must be one-hot (non-negative, summing to 1) for softmax_ce")
    return T


def class_labels(name, labels, K):
    """Class labels: (N,) integers in [0, K) (whole-number floats accepted) → int64 (N,)."""
    K = integer_at_least("K", K, 1)
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(f"{name} must have shape (N,), got shape {labels.shape}")
    if labels.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be integers, got dtype {labels.dtype}")
    bad = (labels != np.round(labels)) | (labels < 0) | (labels >= K)  # NaN fails != too
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(f"{name} must be integers in [0, {K}), got {labels[i]} at index {i}")
    return labels.astype(np.int64)


def parameters(params, shapes, name="params"):
    """Check a network's parameters: exactly the keys of `shapes`, each a writeable, finite float64
    ndarray of its shape. Returns `params`. `shapes`: {key: shape}."""
    if not isinstance(params, dict):
        raise TypeError(f"{name} must be a dict of arrays, got {type(params).__name__}")
    if set(params) != set(shapes):
        raise ValueError(f"{name} must have the keys {sorted(shapes)}, got {sorted(params)}")
    for key, shape in shapes.items():
        p = params[key]
        if not isinstance(p, np.ndarray) or p.dtype != np.float64 or p.shape != shape:
            got = (f"{p.dtype} array of shape {p.shape}" if isinstance(p, np.ndarray)
                   else f"{type(p).__name__}")
            raise TypeError(f"{name}[{key!r}] must be a float64 array of shape {shape}, got {got} "
                            f"(convert with np.array(value, dtype=float))")
        if not p.flags.writeable:
            raise ValueError(f"{name}[{key!r}] is read-only, but training updates it in place: "
                             f"give the network a writeable copy (value.copy())")
        if not all_finite(p):
            raise ValueError(f"{name}[{key!r}] must be finite, got NaN or inf")
    return params


def all_finite(a):
    """True when every entry of the float array a is finite. A sum is the cheap first test (NaN and inf
    survive it); only a sum that overflows is looked at entry by entry."""
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(np.isfinite(a.sum()) or np.isfinite(a).all())


def real_number(name, value):
    """A real number (not a bool) as a float, else TypeError naming `name`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    return float(value)


def positive_number(name, value):
    """A real number > 0 (finite), else ValueError/TypeError naming `name`."""
    value = real_number(name, value)
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a finite number > 0, got {value:g}")
    return value


def integer_at_least(name, value, minimum):
    """An int ≥ minimum, else ValueError/TypeError naming `name`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer ≥ {minimum}, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer ≥ {minimum}, got {value}")
    return int(value)


def seed(value, name="seed"):
    """A seed for np.random.default_rng: an integer ≥ 0."""
    return integer_at_least(name, value, 0)


@dataclass(frozen=True)
class Batch:
    """Inputs and targets a network has checked (`MLP.batch`): X float64 (N, D), T float64 (N, K).

    Slicing keeps them checked: `batch[rows]` is the Batch of those samples, so a training loop checks
    its data once and then cuts mini-batches without checking again.
    """

    X: np.ndarray
    T: np.ndarray

    def __len__(self):
        return len(self.X)

    def __getitem__(self, rows):
        return Batch(self.X[rows], self.T[rows])
