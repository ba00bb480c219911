"""Layers as objects: each `forward` caches what its `backward` needs, side by side.

The design of "Deep Learning from Scratch" (one class per layer, `backward(dout)` returns dx and stores
dW, db), with two differences on purpose:
- `Affine` looks its W and b up in a shared `params` dict on every call instead of keeping its own
  references, so assigning a new array to `params["W1"]` can never leave a stale copy in a layer.
- No `backward` writes into `dout` or into anything it cached: each returns a new array.

Shapes, for a batch of N samples: x (N, D_in), W (D_in, D_out), b (D_out,), z and dout (N, D_out).
"""

import numpy as np

from .functions import log_softmax, sigmoid, softmax


class Affine:
    """z = x W + b.  backward: dx = dout Wᵀ, dW = xᵀ dout, db = Σ_n dout."""

    def __init__(self, params, W_key, b_key, input_grad=True):
        self.params, self.W_key, self.b_key = params, W_key, b_key
        # The first layer of a network needs no ∂L/∂x (nothing consumes it): it passes input_grad=False
        # and backward returns None, saving one matrix product per step.
        self.input_grad = input_grad
        self.x = None
        self.dW = None
        self.db = None

    def forward(self, x):
        W, b = self.params[self.W_key], self.params[self.b_key]
        if x.shape[-1] != W.shape[0]:
            raise ValueError(f"{self.W_key}: expected input with {W.shape[0]} features, got shape {x.shape}")
        self.x = x
        return x @ W + b

    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.params[self.W_key].T if self.input_grad else None


class Sigmoid:
    """a = σ(z); backward uses the cached output: dz = dout * a (1 − a)."""

    def __init__(self):
        self.a = None

    def forward(self, z):
        self.a = sigmoid(z)
        return self.a

    def backward(self, dout):
        return dout * self.a * (1.0 - self.a)


class Tanh:
    """a = tanh(z); dz = dout * (1 − a²)."""

    def __init__(self):
        self.a = None

    def forward(self, z):
        self.a = np.tanh(z)
        return self.a

    def backward(self, dout):
        return dout * (1.0 - self.a**2)


class ReLU:
    """a = max(z, 0); dz = dout where z > 0, else 0 (a new array: `dout` is left untouched)."""

    def __init__(self):
        self.mask = None

    def forward(self, z):
        self.mask = z > 0
        return np.where(self.mask, z, 0.0)

    def backward(self, dout):
        return np.where(self.mask, dout, 0.0)


ACTIVATION_LAYERS = {"sigmoid": Sigmoid, "tanh": Tanh, "relu": ReLU}


class SoftmaxWithLoss:
    """y = softmax(z), L = −1/N Σ_n Σ_k t_nk log y_nk.  backward: dz = dout (y − t) / N.

    t: one-hot (or probability) rows (N, K). The softmax Jacobian and the log's 1/y cancel, leaving y − t.
    """

    def __init__(self):
        self.y = None
        self.t = None

    @staticmethod
    def output(z):
        return softmax(z)

    def forward(self, z, t):
        self.t = t
        logp = log_softmax(z)
        self.y = np.exp(logp)
        return float(-np.sum(t * logp) / z.shape[0])

    def backward(self, dout=1.0):
        return dout * (self.y - self.t) / self.t.shape[0]


class SigmoidWithMSE:
    """y = σ(z), L = 1/(2N) Σ_n ||y_n − t_n||².  backward: dz = dout (y − t) σ'(z) / N.

    Unlike softmax + cross-entropy, nothing cancels here: the factor σ'(z) = y (1 − y) stays, which is
    why a saturated output (y near 0 or 1) learns slowly under MSE.
    """

    def __init__(self):
        self.y = None
        self.t = None

    @staticmethod
    def output(z):
        return sigmoid(z)

    def forward(self, z, t):
        self.t = t
        self.y = sigmoid(z)
        return float(0.5 * np.sum((self.y - t) ** 2) / z.shape[0])

    def backward(self, dout=1.0):
        return dout * (self.y - self.t) * self.y * (1.0 - self.y) / self.t.shape[0]


LOSS_LAYERS = {"mse": SigmoidWithMSE, "softmax_ce": SoftmaxWithLoss}
