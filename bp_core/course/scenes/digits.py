"""Real handwritten digits: training curves, a confusion matrix, a gallery of digits and
a browser of the net's softmax outputs."""

import numpy as np

from ..viz import new_figure


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
