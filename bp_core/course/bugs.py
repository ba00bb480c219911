"""Planted bugs for the bug hunt of the gradient-check notebook, next to the correct code they break.

Each bug is an *update rule* `step(params, X, T, lr) -> new params` (a dict like `params`, which is left
untouched). Most are a wrong gradient g used as θ − η g; two are the update code of two of the posts the
collection re-tells:

- 手写BP算法 (cnblogs) updates the output layer first and sends the error back through the *new*
  weights, so its error is not a wrong gradient at fixed parameters: it grows with η;
- 反向传播算法的理解 (cnblogs), the 2-2-1 worked example (samples in columns, no biases), adds a (1, 2) row
  to the (2, 2) hidden weights by accidental broadcasting — and its loss still falls.

So the checker compares the update the code makes with −η × the numerical gradient (`check_update`):
the "implied gradient" (θ_new − θ)/(−η) must match ∂L/∂θ. It checks the second step of training, so a
value cached during the first step and never refreshed is caught too.

The networks are the sigmoid/MSE ones of `loops.py`: L = 1/(2N) Σ_n ||y_n − t_n||². Left out on purpose:
bugs that crash (a shape error is found without a checker) and bugs in softmax/cross-entropy.
"""

from dataclasses import dataclass
from functools import partial

import numpy as np

from bp_core import datasets
from bp_core.functions import mse_loss, sigmoid
from bp_core.gradcheck import check_gradients
from bp_core.network import TwoLayerNet

from .i18n import tr
from .scenes.gradient_check import report_rows

KEYS = ("W1", "b1", "W2", "b2")


def forward(params, X):
    """Hidden activations a1 (N, H) and outputs y (N, K) of the sigmoid/sigmoid net with `params`."""
    a1 = sigmoid(X @ params["W1"] + params["b1"])
    return a1, sigmoid(a1 @ params["W2"] + params["b2"])


def loss(params, X, T):
    """L = 1/(2N) Σ ||y − t||² for params W1 (D, H), b1 (H,), W2 (H, K), b2 (K,); X (N, D); T (N, K)."""
    return mse_loss(forward(params, X)[1], T)


def gradient(params, X, T, *, sigma_prime=True, transpose=True, mean=True, a1=None):
    """Backprop for `loss`; the keywords plant bugs (all True / None: the correct gradient).

    sigma_prime=False forgets σ'(z1) in δ1; transpose=False uses δ2 W2 instead of δ2 W2ᵀ (runs only when
    W2 is square); mean=False sums over the batch instead of averaging; a1 given: the backward pass uses
    this (possibly stale) hidden activation instead of the fresh one. Returns a dict of arrays like params.
    """
    fresh_a1, y = forward(params, X)
    a1 = fresh_a1 if a1 is None else a1
    scale = 1 / len(X) if mean else 1.0
    delta2 = (y - T) * y * (1 - y) * scale
    W2 = params["W2"].T if transpose else params["W2"]
    delta1 = (delta2 @ W2) * (a1 * (1 - a1) if sigma_prime else 1.0)
    return {"W1": X.T @ delta1, "b1": delta1.sum(0), "W2": a1.T @ delta2, "b2": delta2.sum(0)}


def sgd_step(grad_fn, params, X, T, lr):
    """θ − η g for g = grad_fn(params, X, T): the update of a gradient function."""
    grads = grad_fn(params, X, T)
    return {k: params[k] - lr * grads[k] for k in params}


class StaleForward:
    """A gradient function that caches the hidden activations per input array and never refreshes them
    when the weights change: right on the first call, wrong on every later step on the same batch."""

    def __init__(self):
        self._X, self._a1 = None, None

    def __call__(self, params, X, T):
        if X is not self._X:
            self._X, self._a1 = X, forward(params, X)[0]
        return gradient(params, X, T, a1=self._a1)


def update_then_propagate_step(params, X, T, lr):
    """The order of the post 手写BP算法, on the batch mean: update W2, b2 first, then
    δ1 = (δ2 W2_new ᵀ) σ'(z1), through the weights just changed ("先更新参数,再继续传播")."""
    a1, y = forward(params, X)
    delta2 = (y - T) * y * (1 - y) / len(X)
    new = dict(params)
    new["W2"], new["b2"] = params["W2"] - lr * a1.T @ delta2, params["b2"] - lr * delta2.sum(0)
    delta1 = (delta2 @ new["W2"].T) * a1 * (1 - a1)  # the bug: the weights were already updated
    new["W1"], new["b1"] = params["W1"] - lr * X.T @ delta1, params["b1"] - lr * delta1.sum(0)
    return new


# ---- the worked example: a 2-2-1 net without biases; params in the row convention W1 (2, 2), W2 (2, 1) ----


def worked_example_loss(params, X, T):
    """½(t − y)² (mean over rows) of the bias-free 2-2-1 net y = σ(σ(x W1) W2)."""
    return mse_loss(sigmoid(sigmoid(X @ params["W1"]) @ params["W2"]), T)


def worked_example_broadcast_step(params, X, T, lr=1.0):
    """The update of the post 反向传播算法的理解, line by line in its column convention (W0 = W1ᵀ,
    samples in columns), scaled by lr (the post has lr = 1). X: one sample (1, 2). Shapes: l1 (2, 1),
    l1_error (1, 2), l1_delta (2, 2)!,
    l0ᵀ·l1_delta (1, 2), broadcast onto both rows of W0 (2, 2)."""
    W0, W1 = params["W1"].T.copy(), params["W2"].T.copy()
    l0 = X.T
    l1 = sigmoid(W0 @ l0)
    l2 = sigmoid(W1 @ l1)
    l2_delta = (T.T - l2) * l2 * (1 - l2)
    l1_error = l2_delta * W1
    l1_delta = l1_error * l1 * (1 - l1)  # (1, 2) * (2, 1) → (2, 2): broadcasting, not the chain rule
    W1 += lr * l2_delta * l1.T
    W0 += lr * l0.T.dot(l1_delta)  # (1, 2) added to every row of W0
    return {"W1": W0.T, "W2": W1.T}


def worked_example_step(params, X, T, lr=1.0):
    """The right update of the same net: l1_delta = (W1ᵀ l2_delta) σ'(z1), W0 += l1_delta l0ᵀ."""
    a1 = sigmoid(X @ params["W1"])
    y = sigmoid(a1 @ params["W2"])
    delta2 = (y - T) * y * (1 - y) / len(X)
    delta1 = delta2 @ params["W2"].T * a1 * (1 - a1)
    return {"W1": params["W1"] - lr * X.T @ delta1, "W2": params["W2"] - lr * a1.T @ delta2}


def losses(step, loss_fn, params, X, T, lr, steps):
    """The loss before each of `steps` updates and after the last one: array (steps + 1,)."""
    out = [loss_fn(params, X, T)]
    for _ in range(steps):
        params = step(params, X, T, lr)
        out.append(loss_fn(params, X, T))
    return np.array(out)


def inplace_relu_backward(mask, dout):
    """The `Relu.backward` of DLFS (and of the post Python实现2层神经网络的误差反向传播法):
    `dout[mask] = 0; return dout`. It writes into the caller's `dout`
    (mask: True where z <= 0). Harmless while nobody reads `dout` again; wrong as soon as someone does."""
    dout[mask] = 0
    return dout


# ---- the checker for update rules ----
def implied_gradient(step, params, X, T, lr):
    """(θ_new − θ)/(−η) per parameter: the gradient an update rule behaves as if it used."""
    new = step(params, X, T, lr)
    return {k: (new[k] - params[k]) / -lr for k in params}


def check_update(step, loss_fn, params, X, T, lr):
    """Train one step with `step`, then check the second step's implied gradient against the numerical
    gradient of loss_fn(params, X, T). Returns a gradcheck.GradCheckReport (one row per parameter)."""
    X = np.array(X, dtype=float)  # a fresh array: nothing cached from an earlier call applies
    p1 = step({k: np.array(v, dtype=float) for k, v in params.items()}, X, T, lr)
    p1 = {k: np.array(v, dtype=float) for k, v in p1.items()}
    return check_gradients(lambda: loss_fn(p1, X, T), p1, implied_gradient(step, p1, X, T, lr))


@dataclass(frozen=True)
class Bug:
    name: str
    hint: str
    step: object  # step(params, X, T, lr) -> new params
    wrong: tuple  # the parameters the checker flags
    description: int  # the number of its description in DESCRIPTIONS
    evidence: str  # what the checker shows about it, told after a wrong match
    worked_example: bool = False  # the 2-2-1 worked example instead of the 3-3-3 hunt net


# The six descriptions the learner matches to bugs A–F, numbered in an order that gives nothing away.
DESCRIPTIONS = {
    1: "the gradients are summed over the batch instead of averaged",
    2: "the output weights are updated first, and δ1 is computed with the new ones",
    3: "δ1 forgets the slope of the hidden sigmoid, σ′(z1)",
    4: "a (1, 2) row, made by broadcasting, is added to both rows of the hidden weights",
    5: "the backward pass reuses hidden activations from before the last update",
    6: "δ1 multiplies by W2 instead of by W2ᵀ",
}


def _bugs():
    only_delta1 = "the checker flags W1 and b1 only, so the mistake is in δ1"
    return {
        "A": Bug("missing σ′", "δ1 = δ2 W2ᵀ without the factor σ′(z1)",
                 partial(sgd_step, partial(gradient, sigma_prime=False)), ("W1", "b1"), 3,
                 only_delta1 + "; its error stays the same at any η (bugs.show('A', lr=1e-4)), and it runs "
                 "on a W2 that is not square (bugs.show('A', hidden=4))"),
        "B": Bug("missing transpose", "δ1 = (δ2 W2) σ′(z1): runs only because W2 is square (3 × 3)",
                 partial(sgd_step, partial(gradient, transpose=False)), ("W1", "b1"), 6,
                 only_delta1 + "; does it still run when W2 is not square? Try bugs.show('B', hidden=4)"),
        "C": Bug("no batch mean", "the gradients are summed over the batch, not averaged (N = 5 times too "
                 "big)", partial(sgd_step, partial(gradient, mean=False)), KEYS, 1,
                 "every parameter is off, by the same relative error: something scales every gradient alike"),
        "D": Bug("stale forward value", "a1 is cached per input batch and not recomputed after the weights "
                 "change", None, ("W1", "b1", "W2"), 5,
                 "W1, b1 and W2 are off, b2 is not: look for a number that enters those three gradients but "
                 "not b2's"),
        "E": Bug("update, then propagate (手写BP算法)", "W2 is updated first and δ1 uses the new W2; the "
                 "error grows with η", update_then_propagate_step, ("W1", "b1"), 2,
                 only_delta1 + "; its error shrinks with η: compare bugs.show('E', lr=1e-4)"),
        "F": Bug("broadcasting (反向传播算法的理解)", "l1_delta is (2, 2) by broadcasting and one (1, 2) row "
                 "is added to both rows of W0", worked_example_broadcast_step, ("W1",), 4,
                 "it runs on the worked example's 2-2-1 net and only W1 is off", worked_example=True),
    }


BUGS = _bugs()


def hunt_problem(seed=0, N=5, hidden=3):
    """The 3-hidden-3 sigmoid/MSE net (params; hidden = 3 makes W2 square) and a batch X (N, 3),
    T (N, 3) in (0, 1), used for every bug but F."""
    rng = np.random.default_rng(seed)
    params = TwoLayerNet(3, hidden, 3, weight_init_std=1.0, seed=seed).params
    params = {k: v + 0.3 * rng.standard_normal(v.shape) if k[0] == "b" else v for k, v in params.items()}
    return params, rng.standard_normal((N, 3)), rng.uniform(0.1, 0.9, (N, 3))


def _bug(letter):
    if letter not in BUGS:
        raise ValueError(f"letter must be one of {sorted(BUGS)}, got {letter!r}")
    return BUGS[letter]


def hunt(letter, lr=0.5, hidden=3):
    """Run the checker on bug `letter` ("A"…"F") with learning rate lr, on the hunt net with `hidden`
    hidden units (F: always the worked example). Returns its report (it prints as a table)."""
    bug = _bug(letter)
    if bug.worked_example:
        x, t, params = datasets.worked_example()
        return check_update(bug.step, worked_example_loss, params, x, t, lr)
    step = bug.step or partial(sgd_step, StaleForward())  # a fresh cache for every hunt
    return check_update(step, loss, *hunt_problem(hidden=hidden), lr)


def show(letter, lr=0.5, hidden=3):
    """Print the checker's report on bug `letter` (see `hunt`), or that its update crashed."""
    try:
        print(report_rows(hunt(letter, lr, hidden)))
    except ValueError:  # an update that runs only on a square W2
        print(tr("bug {letter} does not even run on a 3-{hidden}-3 net, whose W2 is not square: numpy "
                 "refuses the product").format(letter=letter, hidden=hidden))


def check_matches(matches):
    """Feedback on the learner's matching of bugs to DESCRIPTIONS: `matches` maps "A"…"F" to a description
    number (or None). Prints one line per bug; returns True when all six are right."""
    if not isinstance(matches, dict):
        print(tr("✗ give a dict like {example}").format(example='{"A": 3, "B": None, ...}'))
        return False
    numbers = [matches.get(letter) for letter in BUGS]
    right = 0
    for letter, bug in BUGS.items():
        number = matches.get(letter)
        if number is None:
            print(tr("bug {letter}: not yet — run bugs.show(\"{letter}\") and pick its description.").format(
                letter=letter))
        elif number not in DESCRIPTIONS:
            print(tr("bug {letter}: ✗ pick a description number from 1 to 6, got {number!r}.").format(
                letter=letter, number=number))
        elif numbers.count(number) > 1:
            text = tr("bug {letter}: ✗ description {number} is given to more than one bug; each fits one.")
            print(text.format(letter=letter, number=number))
        elif number == bug.description:
            right += 1
            print(tr("bug {letter}: ✓ {description} ({name}).").format(
                letter=letter, description=tr(DESCRIPTIONS[number]), name=tr(bug.name)))
        else:
            print(tr("bug {letter}: ✗ not description {number}: {evidence}.").format(
                letter=letter, number=number, evidence=tr(bug.evidence)))
    return right == len(BUGS)
