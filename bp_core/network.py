"""Fully connected networks built from the layers in `layers.py`.

    z1 = X W1 + b1,  a1 = f(z1),  ...,  zM = a_{M-1} WM + bM,  y = σ(zM) (loss "mse") or softmax(zM)

M is the number of layers (L is the loss).

Rows are samples (X @ W), as in the notation table; the posts that follow Nielsen put samples in columns
(W @ x). Left out on purpose: regularisation, momentum, dropout, batch norm — one idea at a time.

Two kinds of method: the public ones a learner calls (`predict`, `loss`, `gradient`, `trace`,
`accuracy`, `numerical_gradient`) check their arguments; `batch` checks data once and `forward` /
`backprop` compute on such a checked Batch, so that a training loop or a gradient checker checks its
data once and not on every step.
"""

import numpy as np

from . import checks
from .gradcheck import numerical_gradient
from .layers import ACTIVATION_LAYERS, LOSS_LAYERS, Affine, ReLU
from .metrics import count_correct


class MLP:
    """A multi-layer perceptron of any depth.

    sizes: [D, h1, ..., K] (at least two entries, each ≥ 1; K ≥ 2 for softmax_ce). activation: "sigmoid",
    "relu" or "tanh" for the hidden layers. loss: "mse" (sigmoid output, L = 1/(2N) Σ ||y − t||²) or
    "softmax_ce" (softmax output, L = −1/N Σ log y[t]). weight_init_std: None for Xavier/Glorot (sigmoid,
    tanh) or He (relu) initialisation, or a number s for N(0, s²). Biases start at 0. Same seed, same
    network.

    `params` maps "W1", "b1", ... to float64 arrays of shape (D_{l-1}, D_l) and (D_l,). The layers look
    them up on every call, so changing an array in place, assigning a new array to a key, or assigning a
    whole new dict to `params` all change the network. Every public call checks them first (keys,
    dtype, shape, finite, writeable).
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
        if loss == "softmax_ce" and sizes[-1] < 2:
            raise ValueError(f"softmax_ce needs at least 2 outputs (with one, softmax is always 1 and the "
                             f"loss always 0), got sizes[-1] = {sizes[-1]}")
        if weight_init_std is not None:
            checks.positive_number("weight_init_std", weight_init_std)
        self.sizes, self.activation, self.loss_name = list(sizes), activation, loss
        rng = np.random.default_rng(checks.seed(seed))
        L = len(sizes) - 1
        self._params = {}
        self.affine, self.hidden = {}, {}  # layer l → its Affine (l = 1..L) and its activation (l < L)
        for l in range(1, L + 1):  # noqa: E741 (l is the layer index of the notation table)
            d_in, d_out = sizes[l - 1], sizes[l]
            std = weight_init_std or np.sqrt(2.0 / d_in if activation == "relu" else 2.0 / (d_in + d_out))
            self._params[f"W{l}"] = std * rng.standard_normal((d_in, d_out))
            self._params[f"b{l}"] = np.zeros(d_out)
            self.affine[l] = Affine(self._params, f"W{l}", f"b{l}", input_grad=l > 1)
            if l < L:
                self.hidden[l] = ACTIVATION_LAYERS[activation]()
        self.last_layer = LOSS_LAYERS[loss]()
        self.shapes = {key: p.shape for key, p in self._params.items()}

    def __repr__(self):
        name = type(self).__name__
        return f"{name}(sizes={self.sizes}, activation={self.activation!r}, loss={self.loss_name!r})"

    @property
    def params(self):
        return self._params

    @params.setter
    def params(self, new):
        self._params = checks.parameters(new, self.shapes)
        for affine in self.affine.values():  # the layers read the network's current dict
            affine.params = new

    @property
    def layers(self):
        """The chain of layers in the order the forward pass calls them: Affine1, Relu1, ..., AffineL."""
        chain = {}
        for l, affine in self.affine.items():  # noqa: E741
            chain[f"Affine{l}"] = affine
            if l in self.hidden:
                chain[f"{self.activation.capitalize()}{l}"] = self.hidden[l]
        return chain

    # -- the computation, on data checked once by `batch` --
    def batch(self, X, T, names=("X", "T")):
        """Check inputs X (N, D) or (D,) and targets T for this network, and the parameters; return a
        checks.Batch (X float64 (N, D), T float64 (N, K)) for `forward` and `backprop`."""
        checks.parameters(self._params, self.shapes)
        X = checks.as_inputs(X, self.sizes[0], names[0])
        return checks.Batch(X, checks.as_targets(T, len(X), self.sizes[-1], self.loss_name, names[1]))

    def forward(self, batch):
        """Forward pass over a checks.Batch: dict z1, a1, ..., zM (N, D_l), y (N, K) and loss (float)."""
        if not isinstance(batch, checks.Batch):
            raise TypeError(f"batch must be the checks.Batch of net.batch(X, T), got {type(batch).__name__}")
        if batch.X.shape[1] != self.sizes[0] or batch.T.shape[1] != self.sizes[-1]:
            raise ValueError(f"batch holds X {batch.X.shape} and T {batch.T.shape}, but this network "
                             f"takes {self.sizes[0]} inputs and gives {self.sizes[-1]} outputs")
        values = self._pre_and_activations(batch.X)
        values["loss"] = self.last_layer.forward(values[f"z{len(self.affine)}"], batch.T)  # z of layer M
        values["y"] = self.last_layer.y
        return values

    def backprop(self, batch):
        """Forward and backward pass over a checks.Batch. Returns (values, grads).

        values: what `forward` gives, plus delta_l = ∂L/∂z_l (N, D_l) for every layer; grads: dW_l, db_l
        under the keys of `params`, with their shapes.
        """
        values = self.forward(batch)
        M = len(self.affine)  # the number of layers
        delta, grads = self.last_layer.backward(1.0), {}  # BP1: δ_M
        for l in range(M, 0, -1):  # noqa: E741
            values[f"delta{l}"] = delta
            da = self.affine[l].backward(delta)  # ∂L/∂a_{l-1} = δ_l W_lᵀ (None for the first layer)
            grads[f"W{l}"], grads[f"b{l}"] = self.affine[l].dW, self.affine[l].db  # BP4, BP3
            if l > 1:
                delta = self.hidden[l - 1].backward(da)  # BP2: δ_{l-1} = ∂L/∂a_{l-1} ⊙ f'(z_{l-1})
        return values, {key: grads[key] for key in self._params}

    def _pre_and_activations(self, a):
        """z1, a1, ..., zM for the checked inputs a (N, D), by name."""
        values = {}
        for l, affine in self.affine.items():  # noqa: E741
            values[f"z{l}"] = z = affine.forward(a)
            if l in self.hidden:
                values[f"a{l}"] = a = self.hidden[l].forward(z)
        return values

    def relu_pattern(self):
        """On/off pattern (z > 0) of every ReLU layer at the last forward pass: a list of bool arrays
        (empty for sigmoid and tanh networks). The gradient checker uses it to spot kinks."""
        return [layer.mask.copy() for layer in self.hidden.values() if isinstance(layer, ReLU)]

    # -- public API --
    def predict(self, X):
        """X (N, D) → outputs y (N, K) after the output activation; X (D,) → (K,)."""
        checks.parameters(self._params, self.shapes)
        single = np.ndim(X) == 1
        values = self._pre_and_activations(checks.as_inputs(X, self.sizes[0]))
        y = self.last_layer.output(values[f"z{len(self.affine)}"])
        return y[0] if single else y

    def loss(self, X, T):
        """Mean loss (float) over the N samples of X (N, D) with targets T (see `checks.as_targets`)."""
        return self.forward(self.batch(X, T))["loss"]

    def gradient(self, X, T):
        """Backprop gradients: dict with the keys and shapes of `params`."""
        return self.backprop(self.batch(X, T))[1]

    def trace(self, X, T):
        """Every number of one forward + backward pass: z_l, a_l, y, loss, delta_l and the gradients."""
        values, grads = self.backprop(self.batch(X, T))
        return {**values, **{"d" + key: g for key, g in grads.items()}}

    def numerical_gradient(self, X, T, h=1e-5):
        """Central-difference gradients of `loss` (slow: two forward passes per parameter entry)."""
        batch = self.batch(X, T)
        return {key: numerical_gradient(lambda _: self.forward(batch)["loss"], p, h)
                for key, p in self._params.items()}

    def accuracy(self, X, T):
        """Fraction of samples classified right: argmax of y against the labels (or the argmax of T);
        for one output, (y > 0.5) == (T > 0.5)."""
        batch = self.batch(X, T)
        return count_correct(self.forward(batch)["y"], batch.T) / len(batch)


class TwoLayerNet(MLP):
    """D → hidden → K: one hidden layer, the network of the worked example, of Nielsen and of DLFS."""

    def __init__(self, input_size, hidden_size, output_size, activation="sigmoid", loss="mse",
                 weight_init_std=None, seed=0):
        super().__init__([input_size, hidden_size, output_size], activation, loss, weight_init_std, seed)
