"""Cached training runs for the notebooks: computed once per setting, handed out so that nothing can
change the cache.

A slider that revisits a setting reads its run from the cache instead of training again. Every call
hands out its result afresh: arrays as read-only views, networks and histories as copies, so that a
notebook that edits what it got (or a scene that sets a network's weights) never corrupts a later call.
A call with keywords and the same call with positional arguments share one cache entry.
"""

import copy
import functools
import inspect
import itertools

import numpy as np

from bp_core import datasets
from bp_core.network import TwoLayerNet
from bp_core.train import train


def handout(value):
    """`value` safe to give away: ndarrays as read-only views, dicts, lists and tuples item by item,
    anything else (a network, a History) as a deep copy."""
    if isinstance(value, np.ndarray):
        view = value.view()
        view.flags.writeable = False
        return view
    if isinstance(value, dict):
        return {key: handout(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(handout(item) for item in value)
    return copy.deepcopy(value)


def cached(maxsize):
    """Decorator: cache fn's results by its arguments as bound to its signature (defaults filled in, so
    that f(1), f(x=1) and f(1, seed=0) are one entry) and hand every result out (see `handout`)."""

    def decorate(fn):
        signature = inspect.signature(fn)
        compute = functools.lru_cache(maxsize=maxsize)(lambda arguments: fn(**dict(arguments)))

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            return handout(compute(tuple(bound.arguments.items())))

        wrapper.cache_info = compute.cache_info
        return wrapper

    return decorate


def half_plane_problem(N, H=4, seed=0):
    """The half-plane task of the post 手写BP算法 for a 2-H-1 sigmoid/MSE net: (net, X (N, 2), T (N, 1))."""
    X, T = datasets.half_plane(N, seed=seed)
    return TwoLayerNet(2, H, 1, seed=seed), X, T


@cached(maxsize=64)
def sgd_run(batch_size, epochs=5, N=400, lr=2.0, seed=0):
    """Train the 2-4-1 half-plane net with `bp_core.train`; return (samples seen (S,), loss (S,)) where
    entry s is the loss on all N samples after s steps (batch_size 1 is per-sample SGD, the way of the
    post 手写BP算法)."""
    net, X, T = half_plane_problem(N, seed=seed)
    seen, curve = [0], [net.loss(X, T)]
    for epoch in range(epochs):
        for start in range(0, N, batch_size):  # one call per step, to record the full-data loss
            part = np.random.default_rng([seed, epoch]).permutation(N)[start:start + batch_size]
            train(net, X[part], T[part], lr=lr, batch_size=batch_size, epochs=1, seed=seed)
            seen.append(seen[-1] + len(part))
            curve.append(net.loss(X, T))
    return np.array(seen), np.array(curve)


TOY_SETS = {"moons": datasets.moons, "xor": datasets.xor, "spirals": datasets.spirals}


@cached(maxsize=8)
def toy_split(name, n=120, noise=None, seed=0):
    """A 2-D toy set split 70/30: ((X_train, labels_train), (X_val, labels_val)), plus the plot box.

    name: "moons", "xor" or "spirals"; noise: None for a set-specific default (moons 0.25, xor 0.5,
    spirals 0.25). The sets are small on purpose (84 training points): training stays fast, and a big
    net can overfit them. Returns (train, val, extent) with extent = (x_min, x_max, y_min, y_max).
    """
    if name not in TOY_SETS:
        raise ValueError(f"name must be one of {sorted(TOY_SETS)}, got {name!r}")
    noise = {"moons": 0.25, "xor": 0.5, "spirals": 0.25}[name] if noise is None else noise
    X, labels = TOY_SETS[name](n, noise=noise, seed=seed)
    lo, hi = X.min(0) - 0.3, X.max(0) + 0.3
    return (*datasets.train_val_split(X, labels, 0.3, seed=seed), (lo[0], hi[0], lo[1], hi[1]))


@cached(maxsize=256)
def training_run(name, lr, batch_size, hidden, epochs, seed=0):
    """Train a 2-hidden-K tanh/softmax net on toy set `name` for `epochs` epochs, one epoch at a time.

    Returns a dict: train_loss, val_loss, train_acc, val_acc (arrays (E + 1,), entry 0 before training),
    params (a list of E + 1 copies of the parameters, one per epoch), net (the network, at the last
    epoch), epochs_done E (< epochs when it diverged) and diverged (bool).
    """
    (X, t), (Xv, tv), _ = toy_split(name)
    net = TwoLayerNet(2, int(hidden), int(t.max()) + 1, "tanh", "softmax_ce", seed=seed)
    rec = {k: [] for k in ("train_loss", "val_loss", "train_acc", "val_acc", "params")}
    diverged = False
    for epoch in range(epochs + 1):
        if epoch:
            history = train(net, X, t, lr=lr, batch_size=int(batch_size), epochs=1, seed=seed + epoch)
            if history.diverged:
                diverged = True
                break
        with np.errstate(all="ignore"):
            losses = net.loss(X, t), net.loss(Xv, tv)
        if not np.isfinite(losses).all() or max(losses) > 1e3:
            diverged = True
            break
        for key, value in zip(rec, (*losses, net.accuracy(X, t), net.accuracy(Xv, tv)), strict=False):
            rec[key].append(value)
        rec["params"].append({k: v.copy() for k, v in net.params.items()})
    out = {k: np.array(v) for k, v in rec.items() if k != "params"}
    return {**out, "params": rec["params"], "net": net, "epochs_done": len(out["train_loss"]) - 1,
            "diverged": diverged}


def training_grid(name, lrs, batch_sizes, hiddens, epochs=30):
    """Train (and cache) the training_run of every combination of the given settings, so that a panel
    whose sliders offer exactly these answers every move from the cache. Returns how many runs there are
    (len(lrs) · len(batch_sizes) · len(hiddens)); about 20 ms each."""
    for lr, batch_size, hidden in itertools.product(lrs, batch_sizes, hiddens):
        training_run(name, lr, batch_size, hidden, epochs)
    return len(lrs) * len(batch_sizes) * len(hiddens)


@cached(maxsize=4)
def digits_run(hidden=50, lr=0.5, batch_size=32, epochs=40, seed=0):
    """A 64-hidden-10 ReLU/softmax TwoLayerNet trained on the shipped 8x8 digits (seeded 75/25 split).

    Returns (net, history, (X_test, labels_test)).
    """
    X, labels = datasets.load_digits()
    (Xtr, ttr), (Xte, tte) = datasets.train_val_split(X, labels, 0.25, seed=seed)
    net = TwoLayerNet(64, hidden, 10, "relu", "softmax_ce", seed=seed)
    history = train(net, Xtr, ttr, lr=lr, batch_size=batch_size, epochs=epochs, seed=seed,
                    X_val=Xte, T_val=tte)
    return net, history, (Xte, tte)
