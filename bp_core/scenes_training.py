"""Pure helpers and scenes (see viz.py) for notebooks 05–08: mini-batches, gradient checking, loss curves,
real digits.

Pure functions compute (and cache with functools.lru_cache where a slider revisits a setting); scenes
only move artists. Left out on purpose: anything that needs the network (MNIST downloads live in
datasets.py and are called explicitly by a notebook), and interactive training in a background thread.
"""

import time
from functools import lru_cache

import numpy as np
from matplotlib.ticker import NullLocator

from . import datasets, loops
from .functions import sigmoid
from .network import TwoLayerNet
from .train import train
from .viz import new_figure

# ------------------------------------------------------------------ 05: loops vs matrices, mini-batches


def half_plane_problem(N, H=4, seed=0):
    """Seed 000's half-plane task for a 2-H-1 sigmoid/MSE net: (net, X (N, 2), T (N, 1))."""
    X, T = datasets.half_plane(N, seed=seed)
    return TwoLayerNet(2, H, 1, seed=seed), X, T


def best_time(fn, repeats=3):
    """The smallest wall time in seconds of `repeats` calls of fn() (the least disturbed run)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def time_loop_vs_matrix(batch_sizes, H=4, repeats=3):
    """Seconds of loops.loop_gradient and of TwoLayerNet.gradient on the half-plane task, per batch size.

    Returns an array (len(batch_sizes), 3): N, loop seconds, matrix seconds.
    """
    rows = []
    for N in batch_sizes:
        net, X, T = half_plane_problem(N, H)
        rows.append((N, best_time(lambda n=net, X=X, T=T: loops.loop_gradient(n.params, X, T), repeats),
                     best_time(lambda n=net, X=X, T=T: n.gradient(X, T), repeats)))
    return np.array(rows)


def plot_timings(table):
    """Log-log plot of a time_loop_vs_matrix table: seconds per gradient against the batch size N."""
    fig, ax = new_figure(figsize=(7, 3.5))
    ax.loglog(table[:, 0], table[:, 1] * 1e3, "o-", label="per-sample loops (loops.py)")
    ax.loglog(table[:, 0], table[:, 2] * 1e3, "s-", label="matrices (TwoLayerNet.gradient)")
    ax.set(xlabel="batch size N (samples)", ylabel="time per gradient (ms)",
           title="One gradient of a 2-4-1 net: loops vs matrices")
    ax.legend()
    return fig


@lru_cache(maxsize=64)
def sgd_run(batch_size, epochs=5, N=400, lr=2.0, seed=0):
    """Train the 2-4-1 half-plane net with `bp_core.train`; return (samples seen (S,), loss (S,)) where
    entry s is the loss on all N samples after s steps (batch_size 1 is per-sample SGD, seed 000's way)."""
    net, X, T = half_plane_problem(N, seed=seed)
    seen, curve = [0], [net.loss(X, T)]
    for epoch in range(epochs):
        for start in range(0, N, batch_size):  # one call per step, to record the full-data loss
            part = np.random.default_rng([seed, epoch]).permutation(N)[start:start + batch_size]
            train(net, X[part], T[part], lr=lr, batch_size=batch_size, epochs=1, seed=seed)
            seen.append(seen[-1] + len(part))
            curve.append(net.loss(X, T))
    return np.array(seen), np.array(curve)


class MiniBatchScene:
    """Full-data loss against the number of samples seen, per-sample SGD next to batch size b.
    The runs of every batch size in BATCH_SIZES are computed (and cached) up front: ~0.6 s once."""

    BATCH_SIZES = (1, 2, 5, 10, 20, 50, 100, 200, 400)

    def __init__(self, epochs=5, N=400):
        self.epochs, self.N = epochs, N
        for b in self.BATCH_SIZES:
            sgd_run(b, epochs, N)
        self.fig, self.ax = new_figure(figsize=(8, 3.5))
        seen, curve = sgd_run(1, epochs, N)
        self.ax.plot(seen, curve, color="0.6", lw=1, label="batch size 1 (per sample, seed 000)")
        (self.line,) = self.ax.plot(seen, curve, color="C1", lw=2, marker=".", label="batch size b")
        self.ax.set(xlabel="samples seen", ylabel="loss L on all samples", yscale="log",
                    xlim=(0, epochs * N), ylim=(curve.min() / 3, curve.max() * 1.5),
                    title="Half-plane, 2-4-1 net, η = 2")
        legend = self.ax.legend(loc="upper right")
        self.label = legend.get_texts()[1]
        self.animated = [self.line, legend]  # what update changes, in drawing order (see viz.py)

    def update(self, batch_size):
        seen, curve = sgd_run(int(batch_size), self.epochs, self.N)
        self.line.set_data(seen, curve)
        self.label.set_text(f"batch size {int(batch_size)}")
        self.line.set_marker("." if len(seen) < 200 else "")
        return f"batch size {int(batch_size)}: {len(seen) - 1} steps, final loss {curve[-1]:.4f}"


# ------------------------------------------------------------------ 06: gradient checking


def h_sweep(hs, dtype=np.float64, w=0.7, x=1.5, b=-0.2, t=0.9):
    """Relative error of the central difference of f(w) = ½(σ(w x + b) − t)² against f'(w), per step h.

    All arithmetic in `dtype` (float64 or float32). hs: array of h > 0. Returns an array like hs, with
    errors floored at 1e-17 (an exact hit would be 0, which a log axis cannot show).
    """
    hs = np.asarray(hs, dtype=float)
    if hs.ndim != 1 or not (hs > 0).all():
        raise ValueError(f"hs must be a 1-D array of steps > 0, got {hs}")
    d = np.dtype(dtype).type
    xd, bd, td = d(x), d(b), d(t)

    def f(v):
        return d(0.5) * (sigmoid(v * xd + bd).astype(d) - td) ** 2

    y = sigmoid(w * x + b)
    exact = (y - t) * y * (1 - y) * x
    h = hs.astype(d)
    numeric = ((f(d(w) + h) - f(d(w) - h)) / (d(2) * h)).astype(float)
    return np.maximum(np.abs(numeric - exact) / abs(exact), 1e-17)


class HSweepScene:
    """The V-shaped error of a central difference against h (log axes), float64 and float32."""

    HS = np.logspace(-12, 0, 121)

    def __init__(self):
        self.fig, self.ax = new_figure(figsize=(8, 3.5))
        self.err = {"float64": h_sweep(self.HS), "float32": h_sweep(self.HS, np.float32)}
        self.dots = {}
        for name, err in self.err.items():
            (line,) = self.ax.loglog(self.HS, err, label=name)
            (self.dots[name],) = self.ax.loglog([1e-5], [1e-5], "o", ms=9, color=line.get_color())
        self.vline = self.ax.axvline(1e-5, color="0.4", ls="--", lw=1)
        self.ax.set(xlabel="step h", ylabel="relative error of the slope", ylim=(1e-13, 10),
                    title="Central difference of ½(σ(wx+b) − t)²: truncation ↘, round-off ↗")
        self.ax.legend(loc="lower left")
        self.animated = [*self.dots.values(), self.vline]

    def update(self, log10_h):
        i = int(np.argmin(np.abs(np.log10(self.HS) - log10_h)))
        h = self.HS[i]
        for name, dot in self.dots.items():
            dot.set_data([h], [self.err[name][i]])
        self.vline.set_xdata([h, h])
        e64, e32 = self.err["float64"][i], self.err["float32"][i]
        return f"h = {h:.1e}: error {e64:.1e} in float64, {e32:.1e} in float32"


def report_rows(report, floor=1e-8):
    """A GradCheckReport as text, with relative errors below `floor` shown as "< 1e-08": those digits are
    round-off and differ between machines, the verdict does not."""
    lines = [f"{'param':<8}{'shape':<10}{'rel. error':>12}  verdict"]
    for r in report:
        err = f"{r.rel_error:.1e}" if r.rel_error >= floor else f"< {floor:.0e}"
        kink = "  (kink crossed)" if r.kink_crossed else ""
        lines.append(f"{r.name:<8}{str(r.shape):<10}{err:>12}  {r.verdict}{kink}")
    return "\n".join(lines)


def kink_example(distance, N=1, seed=0):
    """A 2-3-1 ReLU net and N samples; the first sample's first hidden pre-activation z1[0, 0] = `distance`.

    With distance below the checker's h (1e-5), moving b1[0] by ±h flips that ReLU: a "kink".
    Returns (net, X (N, 2), T (N, 1)).
    """
    net = TwoLayerNet(2, 3, 1, "relu", seed=seed)
    rng = np.random.default_rng(seed)
    X, T = np.vstack([[0.6, -0.4], rng.standard_normal((N - 1, 2))]), rng.uniform(0, 1, (N, 1))
    net.params["b1"][0] += distance - float((X @ net.params["W1"] + net.params["b1"])[0, 0])
    return net, X, T


# ------------------------------------------------------------------ 07: loss curves and decision boundary

DATASETS = {"moons": datasets.moons, "xor": datasets.xor, "spirals": datasets.spirals}
GRID = 60  # decision-boundary grid: GRID × GRID points


@lru_cache(maxsize=8)
def toy_split(name, n=120, noise=None, seed=0):
    """A 2-D toy set split 70/30: ((X_train, labels_train), (X_val, labels_val)), plus the plot box.

    name: "moons", "xor" or "spirals"; noise: None for a set-specific default (moons 0.25, xor 0.5,
    spirals 0.25). The sets are small on purpose (84 training points): training stays fast, and a big
    net can overfit them. Returns (train, val, extent) with extent = (x_min, x_max, y_min, y_max).
    """
    if name not in DATASETS:
        raise ValueError(f"name must be one of {sorted(DATASETS)}, got {name!r}")
    noise = {"moons": 0.25, "xor": 0.5, "spirals": 0.25}[name] if noise is None else noise
    X, labels = DATASETS[name](n, noise=noise, seed=seed)
    lo, hi = X.min(0) - 0.3, X.max(0) + 0.3
    return (*datasets.train_val_split(X, labels, 0.3, seed=seed), (lo[0], hi[0], lo[1], hi[1]))


@lru_cache(maxsize=256)
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


def decision_map(name, run, epoch):
    """Probability of class 1 (or, for more classes, the winning class / (K − 1)) of `run`'s net at
    `epoch` on a GRID × GRID grid over toy set `name`'s plot box. Returns an array (GRID, GRID) in [0, 1]."""
    x0, x1, y0, y1 = toy_split(name)[2]
    gx, gy = np.meshgrid(np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID))
    net = run["net"]
    for key, value in run["params"][epoch].items():
        net.params[key][...] = value
    p = net.predict(np.column_stack([gx.ravel(), gy.ravel()]))
    K = p.shape[1]
    return (p[:, 1] if K == 2 else p.argmax(1) / (K - 1)).reshape(GRID, GRID)


def describe_run(run):
    """One sentence about a training_run (or its first epochs): diverged (non-finite or huge loss),
    unstable (the training loss ends above where it started), barely learning (it fell by less than
    20 %), overfitting (validation loss 10 % above its minimum while the training loss kept falling)
    or fine."""
    vl, tl = run["val_loss"], run["train_loss"]
    if run["diverged"]:
        return f"diverged after {run['epochs_done']} epochs: η is too large (the loss blew up)"
    if len(tl) < 2:
        return "before training"
    if tl[-1] > tl[0]:
        return "unstable: η is too large, the training loss ends above where it started"
    if tl[-1] > 0.8 * tl[0]:
        return "barely learning (underfitting): η too small, too few epochs or too few units"
    best = int(np.argmin(vl))
    if vl[-1] > 1.1 * vl[best] and tl[-1] < tl[best]:
        return f"overfitting: validation loss lowest at epoch {best}, then rising while training loss falls"
    return "training and validation loss fall together"


class TrainingScene:
    """Loss curves (train, validation) and the decision boundary of a small net on a 2-D toy set."""

    def __init__(self, name="xor", max_epochs=30):
        self.name, self.max_epochs = name, max_epochs
        (X, t), (Xv, tv), extent = toy_split(name)
        self.fig, (self.ax_loss, self.ax_map) = new_figure(1, 2, figsize=(8, 3.5))
        epochs = np.arange(max_epochs + 1)
        (self.train_line,) = self.ax_loss.plot(epochs, np.ones_like(epochs, float), label="training")
        (self.val_line,) = self.ax_loss.plot(epochs, np.ones_like(epochs, float), label="validation")
        self.ax_loss.set(xlabel="epoch", ylabel="cross-entropy loss", yscale="log", ylim=(0.01, 1e3),
                         xlim=(0, max_epochs))
        self.ax_loss.yaxis.set_minor_locator(NullLocator())  # decades only: fewer labels, a faster redraw
        self.ax_loss.legend(loc="lower left")
        self.image = self.ax_map.imshow(np.zeros((GRID, GRID)), origin="lower", extent=extent, cmap="RdBu",
                                        vmin=0, vmax=1, alpha=0.6, aspect="auto", interpolation="nearest")
        points = [self.ax_map.scatter(X[:, 0], X[:, 1], c=t, cmap="RdBu", s=12, edgecolors="k",
                                      linewidths=0.3),
                  self.ax_map.scatter(Xv[:, 0], Xv[:, 1], c=tv, cmap="RdBu", s=16, marker="^",
                                      edgecolors="k", linewidths=0.3)]
        self.ax_map.set(xlabel="x₁", ylabel="x₂", title="decision map (● train, ▲ validation)")
        self.ax_loss.set_title("epoch 0")
        # the points are redrawn after the map, so that they stay on top of it (viz.py: blitting)
        self.animated = [self.train_line, self.val_line, self.image, *points, self.ax_loss.title]

    def update(self, lr, batch_size, hidden, epochs):
        epochs = min(int(epochs), self.max_epochs)
        run = training_run(self.name, float(lr), int(batch_size), int(hidden), self.max_epochs)
        e = min(epochs, run["epochs_done"])
        for line, key in ((self.train_line, "train_loss"), (self.val_line, "val_loss")):
            line.set_data(np.arange(e + 1), run[key][:e + 1])
        self.image.set_data(decision_map(self.name, run, e))
        verdict = describe_run({**run, "train_loss": run["train_loss"][:e + 1],
                                "val_loss": run["val_loss"][:e + 1], "epochs_done": e})
        if run["diverged"] and epochs > e:
            self.ax_loss.set_title(f"DIVERGED after {e} epochs", color="C3")
        elif verdict.startswith("unstable"):
            self.ax_loss.set_title(f"epoch {e}: UNSTABLE, η too large", color="C3")
        else:
            self.ax_loss.set_title(f"epoch {e}: val. acc. {run['val_acc'][e]:.0%}", color="black")
        return (f"epoch {e}: train loss {run['train_loss'][e]:.3f}, val loss {run['val_loss'][e]:.3f}, "
                f"train acc {run['train_acc'][e]:.1%}, val acc {run['val_acc'][e]:.1%} — {verdict}")


# ------------------------------------------------------------------ 08: real digits


@lru_cache(maxsize=4)
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


def confusion_matrix(labels, predicted, K=10):
    """C[i, j] = number of samples of true class i predicted as j.  labels, predicted: (N,) ints → (K, K)."""
    labels, predicted = np.asarray(labels), np.asarray(predicted)
    if labels.shape != predicted.shape or labels.ndim != 1:
        raise ValueError(f"labels and predicted must be 1-D of equal length, got shapes {labels.shape} "
                         f"and {predicted.shape}")
    C = np.zeros((K, K), dtype=int)
    np.add.at(C, (labels, predicted), 1)
    return C


def plot_history(history):
    """Training loss per step (thin) and accuracy per epoch (train, validation) of a bp_core History."""
    fig, (ax1, ax2) = new_figure(1, 2, figsize=(9, 3.5))
    ax1.plot(history.loss, lw=0.6)
    ax1.set(xlabel="step (mini-batch)", ylabel="loss on the mini-batch", yscale="log", title="loss")
    epochs = np.arange(1, len(history.train_acc) + 1)
    ax2.plot(epochs, history.train_acc, label="training (running)")
    ax2.plot(epochs, history.val_acc, label="test")
    ax2.set(xlabel="epoch", ylabel="accuracy", ylim=(0.5, 1.0), title="accuracy")
    ax2.legend(loc="lower right")
    return fig


def plot_confusion(C):
    """The confusion matrix C (K, K) as an image with its counts written in."""
    fig, ax = new_figure(figsize=(5, 4.5))
    ax.imshow(np.log1p(C), cmap="Blues")
    for (i, j), c in np.ndenumerate(C):
        if c:
            ax.text(j, i, str(c), ha="center", va="center", fontsize=9, color="white" if i == j else "black")
    K = len(C)
    ax.set(xticks=range(K), yticks=range(K), xlabel="predicted digit", ylabel="true digit",
           title="confusion matrix (test set)")
    return fig


def plot_gallery(images, titles, ncols=8, title_color="black"):
    """Up to 2 × ncols 8x8 digits, images (N, 64) in [0, 1], each with a title (e.g. "3 → 8")."""
    n = min(len(images), 2 * ncols)
    fig, axes = new_figure(2, ncols, figsize=(9, 3.2))
    for k, ax in enumerate(axes.ravel()):
        ax.set_axis_off()
        if k < n:
            ax.imshow(images[k].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
            ax.set_title(titles[k], fontsize=11, color=title_color)
    return fig


class DigitScene:
    """One test digit and the net's ten probabilities; the slider picks the digit."""

    def __init__(self, net, X, labels):
        self.X, self.labels, self.P = X, labels, net.predict(X)
        self.fig, (self.ax_img, self.ax_bar) = new_figure(1, 2, figsize=(8, 3.2))
        self.img = self.ax_img.imshow(X[0].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        self.ax_img.set_axis_off()
        self.bars = self.ax_bar.bar(range(10), self.P[0])
        self.ax_bar.set(xticks=range(10), ylim=(0, 1), xlabel="digit", ylabel="probability",
                        title="softmax output")
        self.ax_img.set_title("test digit")
        self.animated = [self.img, *self.bars, self.ax_img.title]

    def update(self, index):
        i = int(index)
        p = self.P[i]
        self.img.set_data(self.X[i].reshape(8, 8))
        for k, bar in enumerate(self.bars):
            bar.set_height(p[k])
            bar.set_color("C2" if k == self.labels[i] else ("C3" if k == p.argmax() else "C0"))
        verdict = "right" if p.argmax() == self.labels[i] else "WRONG"
        self.ax_img.set_title(f"test digit {i}: true {self.labels[i]}, predicted {p.argmax()} ({verdict})")
        return f"digit {i}: true {self.labels[i]}, predicted {p.argmax()} with p = {p.max():.3f}"
