"""Fully connected networks built from the layers in `layers.py`.

    z1 = X W1 + b1,  a1 = f(z1),  ...,  zL = a_{L-1} WL + bL,  y = σ(zL) (loss "mse") or softmax(zL)

Rows are samples (X @ W), as in the notation table; seeds 001/003 put samples in columns (W @ x).
Left out on purpose: regularisation, momentum, dropout, batch norm — one idea at a time.
"""

import numpy as np

from . import checks
from .gradcheck import numerical_gradient
from .layers import ACTIVATION_LAYERS, LOSS_LAYERS, Affine


class MLP:
    """A multi-layer perceptron of any depth.

    sizes: [D, h1, ..., K] (at least two entries, each ≥ 1). activation: "sigmoid", "relu" or "tanh"
    for the hidden layers. loss: "mse" (sigmoid output, L = 1/(2N) Σ ||y − t||²) or "softmax_ce"
    (softmax output, L = −1/N Σ log y[t]). weight_init_std: None for Xavier/Glorot (sigmoid, tanh) or
    He (relu) initialisation, or a number s for N(0, s²). Biases start at 0. Same seed, same network.

    `params` maps "W1", "b1", ... to arrays of shape (D_{l-1}, D_l) and (D_l,). The layers look them up
    on every call, so changing `params` in place or assigning new arrays changes the network.
    """

    def __init__(self, sizes, activation="sigmoid", loss="mse", weight_init_std=None, seed=0):
        if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
            raise ValueError(f"sizes must be a list [D, h1, ..., K] of at least 2 layer sizes, got {sizes!r}")
        for i, size in enumerate(sizes):
            checks.integer_at_least(f"sizes[{i}]", size, 1)
        if activation not in ACTIVATION_LAYERS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATION_LAYERS)}, got {activation!r}")
        if loss not in LOSS_LAYERS:
            raise ValueError(f"loss must be one of {sorted(LOSS_LAYERS)}, got {loss!r}")
        if weight_init_std is not None:
            checks.positive_number("weight_init_std", weight_init_std)
        self.sizes, self.activation, self.loss_name = list(sizes), activation, loss
        rng = np.random.default_rng(seed)
        self.params = {}
        self.layers = {}
        L = len(sizes) - 1
        for l in range(1, L + 1):  # noqa: E741 (l is the layer index of the notation table)
            d_in, d_out = sizes[l - 1], sizes[l]
            std = weight_init_std or np.sqrt(2.0 / d_in if activation == "relu" else 2.0 / (d_in + d_out))
            self.params[f"W{l}"] = std * rng.standard_normal((d_in, d_out))
            self.params[f"b{l}"] = np.zeros(d_out)
            self.layers[f"Affine{l}"] = Affine(self.params, f"W{l}", f"b{l}", input_grad=l > 1)
            if l < L:
                self.layers[f"{activation.capitalize()}{l}"] = ACTIVATION_LAYERS[activation]()
        self.last_layer = LOSS_LAYERS[loss]()

    def __repr__(self):
        name = type(self).__name__
        return f"{name}(sizes={self.sizes}, activation={self.activation!r}, loss={self.loss_name!r})"

    # -- argument checks: every public method goes through these, the training loop calls them once --
    def _inputs(self, X):
        return checks.as_inputs(X, self.sizes[0])

    def _targets(self, T, N):
        return checks.as_targets(T, N, self.sizes[-1], self.loss_name)

    # -- the computation on checked arrays --
    def _logits(self, X):
        for layer in self.layers.values():
            X = layer.forward(X)
        return X

    def _loss(self, X, T):
        return self.last_layer.forward(self._logits(X), T)

    def _backprop(self, X, T):
        """Forward and backward pass. Returns (values, grads).

        values: z1, a1, ..., zL, y, loss and delta_l = ∂L/∂z_l for every layer; grads: dW_l, db_l by key.
        """
        values, a = {}, X
        layers = list(self.layers.values())
        L = len(self.sizes) - 1
        for l in range(1, L + 1):  # noqa: E741
            values[f"z{l}"] = z = layers[2 * l - 2].forward(a)
            if l < L:
                values[f"a{l}"] = a = layers[2 * l - 1].forward(z)
        values["loss"] = self.last_layer.forward(z, T)
        values["y"] = self.last_layer.y
        delta, grads = self.last_layer.backward(1.0), {}
        for l in range(L, 0, -1):  # noqa: E741
            values[f"delta{l}"] = delta
            affine = layers[2 * l - 2]
            da = affine.backward(delta)  # ∂L/∂a_{l-1} = δ_l W_lᵀ (None for the first layer)
            grads[f"W{l}"], grads[f"b{l}"] = affine.dW, affine.db
            if l > 1:
                delta = layers[2 * l - 3].backward(da)  # δ_{l-1} = ∂L/∂a_{l-1} ⊙ f'(z_{l-1})
        return values, {key: grads[key] for key in self.params}

    # -- public API --
    def predict(self, X):
        """X (N, D) → outputs y (N, K) after the output activation; X (D,) → (K,)."""
        single = np.ndim(X) == 1
        y = self.last_layer.output(self._logits(self._inputs(X)))
        return y[0] if single else y

    def loss(self, X, T):
        """Mean loss (float) over the N samples of X (N, D) with targets T (see `checks.as_targets`)."""
        X = self._inputs(X)
        return self._loss(X, self._targets(T, len(X)))

    def gradient(self, X, T):
        """Backprop gradients: dict with the keys and shapes of `params`."""
        X = self._inputs(X)
        return self._backprop(X, self._targets(T, len(X)))[1]

    def trace(self, X, T):
        """Every number of one forward + backward pass: z_l, a_l, y, loss, delta_l and the gradients."""
        X = self._inputs(X)
        values, grads = self._backprop(X, self._targets(T, len(X)))
        return {**values, **{"d" + key: g for key, g in grads.items()}}

    def numerical_gradient(self, X, T, h=1e-5):
        """Central-difference gradients of `loss` (slow: two forward passes per parameter entry)."""
        X = self._inputs(X)
        T = self._targets(T, len(X))
        return {key: numerical_gradient(lambda _: self._loss(X, T), p, h) for key, p in self.params.items()}

    def accuracy(self, X, T):
        """Fraction of samples classified right (see DESIGN: argmax, or y > 0.5 for one output)."""
        X = self._inputs(X)
        T = self._targets(T, len(X))
        return self._count_correct(self.last_layer.output(self._logits(X)), T) / len(X)

    @staticmethod
    def _count_correct(y, T):
        if y.shape[1] == 1:
            return int(np.sum((y > 0.5) == (T > 0.5)))
        return int(np.sum(y.argmax(axis=1) == T.argmax(axis=1)))


class TwoLayerNet(MLP):
    """D → hidden → K: the network of seeds 002–004 (one hidden layer)."""

    def __init__(self, input_size, hidden_size, output_size, activation="sigmoid", loss="mse",
                 weight_init_std=None, seed=0):
        super().__init__([input_size, hidden_size, output_size], activation, loss, weight_init_std, seed)
