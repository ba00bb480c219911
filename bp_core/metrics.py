"""How many predictions are right: the counts behind accuracy, and the confusion matrix."""

import numpy as np

from . import checks


def count_correct(y, T):
    """Number of samples classified right. y: outputs (N, K); T: targets (N, K), one-hot or 0/1.

    Several outputs: argmax of y against argmax of T. One output: (y > 0.5) == (T > 0.5).
    """
    if y.shape[1] == 1:
        return int(np.sum((y > 0.5) == (T > 0.5)))
    return int(np.sum(y.argmax(axis=1) == T.argmax(axis=1)))


def confusion_matrix(labels, predicted, K=10):
    """C[i, j] = number of samples of true class i predicted as j.

    labels, predicted: (N,) integers in [0, K) (whole-number floats accepted). Returns (K, K) int.
    """
    labels = checks.class_labels("labels", labels, K)
    predicted = checks.class_labels("predicted", predicted, K)
    if labels.shape != predicted.shape:
        raise ValueError(f"labels and predicted must have equal length, got shapes {labels.shape} and "
                         f"{predicted.shape}")
    C = np.zeros((K, K), dtype=int)
    np.add.at(C, (labels, predicted), 1)
    return C
