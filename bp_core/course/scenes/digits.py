"""Real handwritten digits: training curves, a confusion matrix, a gallery of digits and
a browser of the net's softmax outputs."""

import numpy as np

from ..i18n import tr
from ..viz import (
    BLUE,
    ORANGE,
    RIGHT_COLOR,
    VALUE_COLOR,
    WRONG_COLOR,
    Picture,
    Scene,
    new_figure,
    text_color_on,
)


def plot_history(history):
    """Training loss per step (thin) and accuracy per epoch (train, validation) of a bp_core History.
    Returns a viz.Picture."""
    fig, (ax1, ax2) = new_figure(1, 2, figsize=(9, 3.5))
    ax1.plot(history.loss, lw=0.6, color=BLUE)
    ax1.set(xlabel=tr("step (mini-batch)"), ylabel=tr("loss on the mini-batch"), yscale="log",
            title=tr("loss"))
    epochs = np.arange(1, len(history.train_acc) + 1)
    ax2.plot(epochs, history.train_acc, color=BLUE, label=tr("training (running)"))
    ax2.plot(epochs, history.val_acc, color=ORANGE, ls="--", label=tr("test"))
    # from 0.5 (or the lowest accuracy, if lower) to just above 1, so that a curve at 100 % stays visible
    low = min(0.5, float(np.min([*history.train_acc, *history.val_acc])) - 0.02)
    ax2.set(xlabel=tr("epoch"), ylabel=tr("accuracy"), ylim=(max(low, 0.0), 1.01), title=tr("accuracy"))
    ax2.legend(loc="lower right")
    alt = tr("Left: the loss on each mini-batch against the step, log scale, from {first:.3g} to {last:.3g} "
             "over {steps} steps. Right: accuracy against epoch, {train:.1%} on the training set (running) "
             "and {test:.1%} on the test set after {epochs} epochs.").format(
        first=history.loss[0], last=history.loss[-1], steps=len(history.loss), train=history.train_acc[-1],
        test=history.val_acc[-1], epochs=len(epochs))
    return Picture(fig, alt)


def plot_confusion(C):
    """The confusion matrix C (K, K) as an image with its counts written in, each in black or white,
    whichever reads better on its cell. Returns a viz.Picture."""
    fig, ax = new_figure(figsize=(5, 4.5))
    image = ax.imshow(np.log1p(C), cmap="Blues")
    for (i, j), c in np.ndenumerate(C):
        if c:
            cell = image.cmap(image.norm(np.log1p(c)))
            ax.text(j, i, str(c), ha="center", va="center", fontsize=9, color=text_color_on(cell))
    K = len(C)
    ax.set(xticks=range(K), yticks=range(K), xlabel=tr("predicted digit"), ylabel=tr("true digit"),
           title=tr("confusion matrix (test set)"))
    off = C - np.diag(np.diag(C))
    i, j = np.unravel_index(off.argmax(), off.shape)
    alt = tr("The confusion matrix of the test set, true digit down and predicted digit across, darker for "
             "more, each count written in: {right} of {total} digits on the diagonal (right); the most "
             "frequent mistake is {count} × a {i} taken for a {j}.").format(
        right=int(np.trace(C)), total=int(C.sum()), count=int(off[i, j]), i=int(i), j=int(j))
    return Picture(fig, alt)


def plot_gallery(images, titles, ncols=8, title_color="black"):
    """Up to 2 × ncols 8x8 digits, images (N, 64) in [0, 1], each with a title (e.g. "3 → 8"), in
    title_color (a colour with a contrast ≥ 4.5 : 1 on white). Returns a viz.Picture whose text alternative
    lists the titles."""
    n = min(len(images), 2 * ncols)
    fig, axes = new_figure(2, ncols, figsize=(9, 3.2))
    for k, ax in enumerate(axes.ravel()):
        ax.set_axis_off()
        if k < n:
            ax.imshow(images[k].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
            ax.set_title(titles[k], fontsize=11, color=title_color)
    alt = tr("{n} handwritten digits, 8×8 pixels each, in a grid, titled: {titles}.").format(
        n=n, titles=" · ".join(titles[:n]))
    return Picture(fig, alt)


def next_mistake(mistakes, index, step=1):
    """The mistake after `index` (step 1) or before it (step −1) among `mistakes`, sorted indices of the
    misclassified digits (DigitScene.mistakes), going round from the last to the first and back; None
    when there are no mistakes. What a "next mistake" button sets the digit slider to."""
    if step not in (1, -1):
        raise ValueError(f"step must be 1 or -1, got {step!r}")
    if not len(mistakes):
        return None
    if step == 1:
        return int(mistakes[np.searchsorted(mistakes, index, side="right") % len(mistakes)])
    return int(mistakes[np.searchsorted(mistakes, index, side="left") - 1])


class DigitScene(Scene):
    """One test digit and the net's ten probabilities; the slider picks the digit. The bar of the true
    digit is blue and marked "true"; a wrong prediction's bar is orange, hatched and marked ✗ (two cues
    besides the colour, and short marks: they never overlap, not even over neighbouring bars); the other
    bars are grey.
    `mistakes`: the sorted indices of the digits the net gets wrong (see next_mistake)."""

    def __init__(self, net, X, labels):
        self.X, self.labels, self.P = X, labels, net.predict(X)
        self.mistakes = np.flatnonzero(self.P.argmax(1) != labels)
        self.fig, (self.ax_img, self.ax_bar) = new_figure(1, 2, figsize=(8, 3.2))
        self.img = self.ax_img.imshow(X[0].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        self.ax_img.set_axis_off()
        self.bars = self.ax_bar.bar(range(10), self.P[0], hatchcolor="white")
        self.marks = [self.ax_bar.text(0, 0, "", ha="center", va="bottom", fontsize=11, color=color)
                      for color in (VALUE_COLOR, WRONG_COLOR)]  # above the true bar, the wrong bar
        self.ax_bar.set(xticks=range(10), ylim=(0, 1.18), yticks=np.linspace(0, 1, 6), xlabel=tr("digit"),
                        ylabel=tr("probability"), title=tr("softmax output"))
        self.ax_bar.set_axisbelow(True)  # the ticks under the bars: a slider move does not repaint them
        self.ax_img.set_title(tr("test digit"))
        self.animated = [self.img, *self.bars, *self.marks, self.ax_img.title]

    def update(self, index):
        i = int(index)
        p, true, predicted = self.P[i], self.labels[i], int(self.P[i].argmax())
        self.img.set_data(self.X[i].reshape(8, 8))
        for k, bar in enumerate(self.bars):
            bar.set_height(p[k])
            bar.set_facecolor(RIGHT_COLOR if k == true else (WRONG_COLOR if k == predicted else "0.7"))
            bar.set_hatch("//" if k == predicted != true else "")
        right, wrong = self.marks
        right.set_text(tr("✓ true") if predicted == true else tr("true"))
        right.set_position((true, p[true] + 0.02))
        wrong.set_text("" if predicted == true else "✗")
        wrong.set_position((predicted, p[predicted] + 0.02))
        if predicted == true:
            title = tr("test digit {i}: true {true}, predicted {predicted} (right)")
            status = tr("digit {i}: true {true}, predicted {predicted} with p = {p:.3f}")
        else:
            title = tr("test digit {i}: true {true}, predicted {predicted} (WRONG)")
            status = tr("digit {i}: true {true}, predicted {predicted} with p = {p:.3f}; mistake {k} of {n}")
        numbers = {"i": i, "true": true, "predicted": predicted, "p": p.max(),
                   "k": int(np.searchsorted(self.mistakes, i)) + 1, "n": len(self.mistakes)}
        self.ax_img.set_title(title.format(**numbers))
        self.shown = {**numbers, "p_true": p[true]}
        return status.format(**numbers)

    def describe(self):
        if self.shown["predicted"] == self.shown["true"]:
            text = tr("Test digit {i}, an 8×8 image of a {true}, and the net's ten probabilities as bars: it "
                      "predicts {predicted} with p = {p:.3f}, right (the bar marked ✓ true).")
        else:
            text = tr("Test digit {i}, an 8×8 image of a {true}, and the net's ten probabilities as bars: it "
                      "predicts {predicted} with p = {p:.3f} (the hatched bar marked ✗), wrong: the true "
                      "digit {true} gets p = {p_true:.3f}; mistake {k} of {n}.")
        return text.format(**self.shown)
