"""One neuron, forward and backward, keeping every factor of the chain rule.

    z = w·x + b,   a = f(z),   L = ½ (a − t)²

    ∂L/∂w = ∂L/∂a · ∂a/∂z · ∂z/∂w = (a − t) · f'(z) · x
    ∂L/∂b = ∂L/∂a · ∂a/∂z · ∂z/∂b = (a − t) · f'(z) · 1

With a scalar x this is the 1-1-1 network x → z → a → L of the chain-rule notebook.
(The post 手写BP算法 writes z = w·x − b, b a threshold; here b is added, as in the notation table.)
"""

from dataclasses import dataclass

import numpy as np

from .functions import ACTIVATIONS


@dataclass(frozen=True)
class NeuronTrace:
    """Every number of one forward + backward pass. Vectors have the shape of x; the rest are floats."""

    x: np.ndarray
    w: np.ndarray
    b: float
    t: float
    z: float
    a: float
    loss: float
    dL_da: float  # a − t
    da_dz: float  # f'(z)
    dz_dw: np.ndarray  # x
    dz_db: float  # 1
    dL_dz: float  # δ = dL/da · da/dz
    dL_dw: np.ndarray  # δ · x
    dL_db: float  # δ
    dL_dx: np.ndarray  # δ · w (what a previous layer would receive)


def neuron(x, w, b, t, activation="sigmoid"):
    """Forward and backward pass of one neuron. x, w: scalars or vectors of one shape (D,); b, t: scalars."""
    x, w = np.atleast_1d(np.asarray(x, dtype=float)), np.atleast_1d(np.asarray(w, dtype=float))
    if x.shape != w.shape or x.ndim != 1:
        raise ValueError(f"x and w must be scalars or vectors of one length, got {x.shape} and {w.shape}")
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
    f, f_prime = ACTIVATIONS[activation]
    b, t = float(b), float(t)
    z = float(w @ x + b)
    a = float(f(z))
    dL_da, da_dz = a - t, float(f_prime(z))
    delta = dL_da * da_dz
    return NeuronTrace(x=x, w=w, b=b, t=t, z=z, a=a, loss=0.5 * (a - t) ** 2, dL_da=dL_da, da_dz=da_dz,
                       dz_dw=x, dz_db=1.0, dL_dz=delta, dL_dw=delta * x, dL_db=delta, dL_dx=delta * w)
