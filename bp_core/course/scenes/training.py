"""Loss curves and a decision map: a small net trained on a 2-D toy set, read from its
training and validation loss."""

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, FormatStrFormatter, NullLocator

from ..experiments import toy_split, training_run
from ..i18n import tr
from ..viz import BLUE, CLASS_CMAP, ORANGE, WRONG_COLOR, Scene, legend_outside, new_figure

GRID = 60  # decision-map grid: GRID × GRID points
# The loss axis, fixed (a slider move redraws only the curves): every run of notebook 08 starts and learns
# inside it; a loss above it (an unstable run) is marked ▲ on its top edge.
LOSS_RANGE = (0.02, 3.0)
TITLE_PAD = 10  # points between the loss axis and its title: room for the ▲ marks on the top edge


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
    """One sentence about a training_run (or its first epochs) that agrees with its numbers: diverged (a
    non-finite or huge loss), unstable (the training loss ends above where it started — said together
    with the accuracy when that is high, since then the net is over-confident), barely learning (the
    training loss fell by less than 20 %), over-confident on the validation set (its loss never got
    below where it started, though its accuracy is fine), overfitting (validation loss 10 % above its
    minimum while the training loss kept falling), or fine."""
    vl, tl = run["val_loss"], run["train_loss"]
    if run["diverged"]:
        text = tr("diverged after {epochs} epochs: the loss became huge or non-finite, η is too large")
        return text.format(epochs=run["epochs_done"])
    if len(tl) < 2:
        return tr("before training")
    accuracy = run["train_acc"][len(tl) - 1]
    if tl[-1] > tl[0]:
        if accuracy >= 0.9:
            return tr("unstable: the training loss ends above where it started although {acc:.0%} of the "
                      "training points are right — over-confident: a few points called wrong with near "
                      "certainty cost a large loss; η is too large").format(acc=accuracy)
        return tr("unstable: η is too large, the training loss ends above where it started")
    if tl[-1] > 0.8 * tl[0]:
        return tr("barely learning (underfitting): η too small, too few epochs or too few units")
    best = int(np.argmin(vl))
    if best == 0:
        text = tr("the validation loss never falls below its start, though {acc:.0%} of the validation "
                  "points are right: over-confident mistakes on a few of them; η is large")
        return text.format(acc=run["val_acc"][len(vl) - 1])
    if vl[-1] > 1.1 * vl[best] and tl[-1] < tl[best]:
        return tr("overfitting: validation loss lowest at epoch {best}, then rising while training loss "
                  "falls").format(best=best)
    return tr("training and validation loss fall together")


class TrainingScene(Scene):
    """Loss curves (training, validation) and the decision map of a small net on a 2-D toy set: the
    probability of class 1 over the plane, with its colour key, and the training points (filled, white
    edge) and validation points (white, edged in their class colour) on it. `over` holds, per curve, the
    ▲ marks of the epochs whose loss is above LOSS_RANGE."""

    def __init__(self, name="xor", max_epochs=30):
        self.name, self.max_epochs = name, max_epochs
        (X, t), (Xv, tv), extent = toy_split(name)
        self.fig, (self.ax_loss, self.ax_map) = new_figure(1, 2, figsize=(10, 3.8))
        epochs = np.arange(max_epochs + 1)
        (self.train_line,) = self.ax_loss.plot(epochs, np.ones_like(epochs, float), color=BLUE, lw=2,
                                               label=tr("training"))
        (self.val_line,) = self.ax_loss.plot(epochs, np.ones_like(epochs, float), color=ORANGE, lw=2,
                                             label=tr("validation"))
        self.over = {curve: self.ax_loss.plot([], [], "^", color=line.get_color(), ms=7, clip_on=False)[0]
                     for curve, line in (("training", self.train_line), ("validation", self.val_line))}
        high = LOSS_RANGE[1]
        off_scale = Line2D([], [], marker="^", ls="none", color="0.35", ms=7,
                           label=tr("above {high:g}: off the scale").format(high=high))
        self.ax_loss.set(xlabel=tr("epoch"), ylabel=tr("cross-entropy loss"), yscale="log", ylim=LOSS_RANGE,
                         xlim=(0, max_epochs))
        self.ax_loss.yaxis.set_major_locator(FixedLocator([0.03, 0.1, 0.3, 1, 3]))
        self.ax_loss.yaxis.set_major_formatter(FormatStrFormatter("%g"))
        self.ax_loss.yaxis.set_minor_locator(NullLocator())  # five labelled ticks, no others
        legend_outside(self.ax_loss, handles=[self.train_line, self.val_line, off_scale], fontsize=10)
        self.image = self.ax_map.imshow(np.zeros((GRID, GRID)), origin="lower", extent=extent,
                                        cmap=CLASS_CMAP, vmin=0, vmax=1, alpha=0.6, aspect="auto",
                                        interpolation="nearest", zorder=1)
        self.ax_map.set_axisbelow(True)  # ticks under the map: a slider move does not repaint them
        key = self.fig.colorbar(self.image, ax=self.ax_map, ticks=[0, 0.5, 1], shrink=0.9)
        key.set_label(tr("probability of class 1"))
        key.ax.set_yticklabels([tr("0: class 0"), "0.5", tr("1: class 1")])
        colors = CLASS_CMAP([0.05, 0.95])  # class 0, class 1: the map's ends
        points = [self.ax_map.scatter(X[:, 0], X[:, 1], c=colors[t], s=30, edgecolors="white",
                                      linewidths=0.8),
                  self.ax_map.scatter(Xv[:, 0], Xv[:, 1], c="white", s=44, marker="^",
                                      edgecolors=colors[tv], linewidths=1.8)]
        self.ax_map.set(xlabel="x₁", ylabel="x₂", title=tr("decision map (● train, △ validation)"))
        self.ax_loss.set_title(tr("epoch 0"), pad=TITLE_PAD)
        # the points are redrawn after the map, so that they stay on top of it (viz.py: blitting)
        self.animated = [self.train_line, self.val_line, *self.over.values(), self.image, *points,
                         self.ax_loss.title]

    def update(self, lr, batch_size, hidden, epochs):
        epochs = min(int(epochs), self.max_epochs)
        run = training_run(self.name, float(lr), int(batch_size), int(hidden), self.max_epochs)
        e = min(epochs, run["epochs_done"])
        for line, over, key in ((self.train_line, self.over["training"], "train_loss"),
                                (self.val_line, self.over["validation"], "val_loss")):
            loss = run[key][:e + 1]
            line.set_data(np.arange(e + 1), loss)
            above = np.flatnonzero(loss > LOSS_RANGE[1])
            over.set_data(above, np.full(len(above), LOSS_RANGE[1]))
        self.image.set_data(decision_map(self.name, run, e))
        verdict = describe_run({**run, "train_loss": run["train_loss"][:e + 1],
                                "val_loss": run["val_loss"][:e + 1], "epochs_done": e})
        if run["diverged"] and epochs > e:
            title, color = tr("DIVERGED after {e} epochs").format(e=e), WRONG_COLOR
        elif e and run["train_loss"][e] > run["train_loss"][0]:  # what describe_run calls unstable
            title, color = tr("epoch {e}: UNSTABLE, η too large").format(e=e), WRONG_COLOR
        else:
            title, color = tr("epoch {e}: val. acc. {acc:.0%}").format(e=e, acc=run["val_acc"][e]), "black"
        self.ax_loss.set_title(title, color=color, pad=TITLE_PAD)
        best = int(np.argmin(run["val_loss"][:e + 1]))
        self.shown = {"e": e, "t0": run["train_loss"][0], "te": run["train_loss"][e], "best": best,
                      "vbest": run["val_loss"][best], "ve": run["val_loss"][e], "va": run["val_acc"][e],
                      "verdict": verdict}
        status = tr("epoch {e}: train loss {tl:.3f}, val loss {vl:.3f}, train acc {ta:.1%}, val acc {va:.1%}")
        status = status.format(e=e, tl=run["train_loss"][e], vl=run["val_loss"][e], ta=run["train_acc"][e],
                               va=run["val_acc"][e])
        return tr("{status} — {verdict}").format(status=status, verdict=verdict)

    def describe(self):
        return tr("Left: cross-entropy loss against epoch, log scale, up to epoch {e}: training from "
                  "{t0:.3f} to {te:.3f}, validation lowest at epoch {best} ({vbest:.3f}) and {ve:.3f} at "
                  "epoch {e}. Right: the decision map, the probability of class 1 over the plane (orange: "
                  "class 0, blue: class 1, white: ½), with the training points (●) and validation points "
                  "(△): validation accuracy {va:.0%}. In short: {verdict}.").format(**self.shown)
