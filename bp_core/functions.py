"""Activations, their derivatives, a stable softmax, the two losses and one-hot targets.

Every function works elementwise on float arrays of any shape unless a shape is stated.
Derivatives are functions of the pre-activation z, the way the chain rule uses them:
    a = f(z),   da/dz = f_prime(z).
All of them stay finite for |z| up to 1e4 (and beyond): no overflow warning, no NaN, no inf.
"""

import numpy as np

from . import checks


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), written so that exp never sees a positive argument."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # in (0, 1]: cannot overflow
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """σ'(z) = σ(z) (1 − σ(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    """tanh'(z) = 1 − tanh(z)²."""
    return 1.0 - np.tanh(z) ** 2


def relu(z):
    return np.maximum(z, 0.0)


def relu_prime(z):
    """1 where z > 0, else 0. At the kink z = 0 we choose 0 (any value in [0, 1] is a subgradient)."""
    return (np.asarray(z) > 0).astype(float)


def identity(z):
    return np.asarray(z, dtype=float)


def identity_prime(z):
    return np.ones_like(np.asarray(z, dtype=float))


# name -> (f, f_prime): the activations a network may use for its hidden layers
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "identity": (identity, identity_prime),
}


def softmax(z):
    """Softmax over the last axis. z: (..., K) → probabilities (..., K), rows summing to 1.

    Subtracting the row maximum first changes nothing mathematically and keeps exp ≤ 1.
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(z):
    """log(softmax(z)) over the last axis, computed without taking the log of a tiny number."""
    z = np.asarray(z, dtype=float)
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _same_shape(y, t, names):
    """y and t as float arrays of one shape (N, K) or (N,), else ValueError naming both."""
    y, t = np.asarray(y, dtype=float), np.asarray(t, dtype=float)
    if y.shape != t.shape or y.ndim not in (1, 2):
        raise ValueError(f"{names[0]} and {names[1]} must have the same shape (N, K), got {y.shape} and "
                         f"{t.shape}")
    return (y[:, None], t[:, None]) if y.ndim == 1 else (y, t)  # (N,): one output per sample


def mse_loss(y, t):
    """L = 1/(2N) Σ_n ||y_n − t_n||².  y, t: (N, K), or (N,) for one output → float.

    The ½ makes dL/dy = (y − t)/N; for one sample with one output it is ½(t − y)², as in the worked
    example. y and t must have the same shape: broadcasting (N, 1) against (N,) would compare every
    output with every target.
    """
    y, t = _same_shape(y, t, ("y", "t"))
    return float(0.5 * np.sum((y - t) ** 2) / y.shape[0])


def cross_entropy_loss(z, t):
    """L = −1/N Σ_n Σ_k t_nk log softmax(z_n)_k.  z: logits (N, K); t: one-hot or probability rows (N, K).

    Works from the logits (not from probabilities), so no `+ 1e-7` is needed to avoid log(0).
    """
    z, t = _same_shape(z, t, ("z", "t"))
    return float(-np.sum(t * log_softmax(z)) / z.shape[0])


def one_hot(labels, num_classes, name="labels"):
    """Rows of the identity: labels of shape (N,), integers in [0, num_classes) (whole floats accepted).

    `name` is the argument named in error messages.
    Returns T of shape (N, num_classes) float64 with T[n, labels[n]] = 1 and zeros elsewhere.
    """
    return np.eye(checks.integer_at_least("num_classes", num_classes, 1))[
        checks.class_labels(name, labels, num_classes)]
