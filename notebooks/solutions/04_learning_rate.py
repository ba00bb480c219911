"""Solutions to the exercises of 04_learning_rate.ipynb."""

import numpy as np


def my_factor(lr, lam):
    return 1 - lr * lam


def my_power_iteration(A, iters=100):
    v = np.ones(len(A)) / np.sqrt(len(A))
    for _ in range(iters):
        v = A @ v
        v /= np.linalg.norm(v)
    return v @ A @ v


ANSWERS = {"learning_rate.factor": my_factor, "learning_rate.power_iteration": my_power_iteration}
