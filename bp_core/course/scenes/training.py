"""Loss curves and a decision map: a small net trained on a 2-D toy set, read from its
training and validation loss."""

import numpy as np
from matplotlib.ticker import NullLocator

from ..experiments import toy_split, training_run
from ..viz import new_figure

GRID = 60  # decision-map grid: GRID × GRID points


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
