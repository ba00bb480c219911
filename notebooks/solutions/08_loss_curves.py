"""Solutions to the exercises of 08_loss_curves.ipynb."""

import numpy as np


def best_epoch(val_loss):
    """The epoch (index) of the lowest validation loss: where early stopping would stop."""
    return int(np.argmin(val_loss))


def gap(run):
    """Validation minus training loss at the last recorded epoch of a training_run."""
    return float(run["val_loss"][-1] - run["train_loss"][-1])


ANSWERS = {"loss_curves.best_epoch": best_epoch, "loss_curves.gap": gap}
