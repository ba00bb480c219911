"""Solutions to the exercises of 09_layers_and_digits.ipynb."""

import numpy as np


def per_class_accuracy(C):
    """Confusion matrix (K, K) → fraction of each true class classified right, shape (K,)."""
    C = np.asarray(C, dtype=float)
    return np.diag(C) / C.sum(axis=1)


def relu_backward(mask, dout):
    """∂L/∂z: dout where z > 0, 0 where mask (z <= 0); a new array, `dout` is left as it was."""
    return np.where(mask, 0.0, dout)


ANSWERS = {"digits.per_class_accuracy": per_class_accuracy, "digits.relu_backward": relu_backward}
