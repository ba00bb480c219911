"""Mini-batch stochastic gradient descent, and plain gradient descent on a function of one array.

    for each epoch: shuffle, then for each mini-batch B:   θ ← θ − η ∂L_B/∂θ

Left out on purpose: momentum, weight decay, learning-rate schedules. Like Nielsen's SGD, each epoch
visits every sample once in a fresh random order; unlike the DLFS training loop (and the post
Python实现2层神经网络的误差反向传播法 that follows it), which draws batches with replacement, so an "epoch"
there is only N / batch_size draws.
"""

from dataclasses import dataclass, field

import numpy as np

from . import checks
from .metrics import count_correct
from .network import MLP


@dataclass
class History:
    """What `train` measured. loss: one float per step (the mini-batch loss before the update).
    train_acc: per epoch, the running accuracy over that epoch's mini-batches (no extra pass).
    val_acc: per epoch, accuracy on the validation set (empty without one).
    diverged: True when the loss or a parameter became non-finite; training stopped at that step
    (`diverged_at`), and the non-finite values are not in the lists."""

    loss: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    val_acc: list = field(default_factory=list)
    diverged: bool = False
    diverged_at: int | None = None


def train(net, X, T, *, lr, batch_size, epochs, seed=0, X_val=None, T_val=None, progress=False):
    """Train `net` (MLP / TwoLayerNet) in place on X (N, D), T (targets for net's loss); return a History.

    lr: learning rate η > 0. batch_size ≥ 1 (a batch larger than N is the whole set). epochs ≥ 1.
    seed: the shuffling order. X_val, T_val: optional validation set, evaluated after every epoch.
    progress: print one line per epoch.
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be a bp_core network (MLP or TwoLayerNet), got {type(net).__name__}")
    lr = checks.positive_number("lr", lr)
    batch_size = checks.integer_at_least("batch_size", batch_size, 1)
    epochs = checks.integer_at_least("epochs", epochs, 1)
    rng = np.random.default_rng(checks.seed(seed))
    data = net.batch(X, T)  # checked once here, never per mini-batch
    if (X_val is None) != (T_val is None):
        raise ValueError("X_val and T_val must be given together, got only one of them")
    val = None if X_val is None else net.batch(X_val, T_val, names=("X_val", "T_val"))
    N, history = len(data), History()
    with np.errstate(all="ignore"):  # a diverging run overflows; we report it instead of warning
        for epoch in range(epochs):
            order, correct = rng.permutation(N), 0
            for start in range(0, N, batch_size):
                batch = data[order[start:start + batch_size]]
                values, grads = net.backprop(batch)
                if not np.isfinite(values["loss"]) or not _step(net.params, grads, lr):
                    history.diverged, history.diverged_at = True, len(history.loss)
                    return history
                history.loss.append(values["loss"])
                correct += count_correct(values["y"], batch.T)
            history.train_acc.append(correct / N)
            if val is not None:
                history.val_acc.append(count_correct(net.forward(val)["y"], val.T) / len(val))
            if progress:
                acc = f", val acc {history.val_acc[-1]:.3f}" if history.val_acc else ""
                print(f"epoch {epoch + 1}/{epochs}: loss {history.loss[-1]:.4f}, "
                      f"train acc {history.train_acc[-1]:.3f}{acc}")
    return history


def _step(params, grads, lr):
    """θ ← θ − η g for every parameter, in place; if a step η g is not finite, change nothing and return
    False (the network keeps its last finite weights). A finite step on finite weights could only overflow
    for weights near 1e308, whose forward pass would already have made the loss non-finite."""
    steps = {key: lr * g for key, g in grads.items()}
    if not all(checks.all_finite(s) for s in steps.values()):
        return False
    for key, s in steps.items():
        params[key] -= s
    return True


def gradient_descent(grad, w0, lr, steps):
    """Iterates w_0, w_1, ..., w_steps of w ← w − η grad(w).  w0: float or array; returns (steps+1, ...).

    Stops early (fewer rows) if w becomes non-finite, so a diverging run never yields NaN.
    """
    lr = checks.positive_number("lr", lr)
    steps = checks.integer_at_least("steps", steps, 0)
    w = checks.real_array("w0", w0).astype(float)
    path = [w]
    with np.errstate(all="ignore"):
        for _ in range(steps):
            w = w - lr * np.asarray(grad(w), dtype=float)
            if not np.isfinite(w).all():
                break
            path.append(w)
    return np.array(path)
