"""Solutions to the exercises of 05_two_layers_by_hand.ipynb."""

import numpy as np

from bp_core.course.feedback import check
from bp_core.course.scenes.worked_example import worked_example_net
from bp_core.functions import sigmoid_prime


def my_hidden_delta(delta2, W2, z1):
    return (delta2 @ W2.T) * sigmoid_prime(z1)  # BP2


def my_weight_grad(a_prev, delta):
    return a_prev.T @ delta  # BP4: sums over the samples (rows)


def run_checks():
    """The notebook's checks, applied to these solutions; returns their messages."""
    W2 = np.array([[0.3], [0.9]])
    net = worked_example_net(np.array([[0.1, 0.4], [0.8, 0.6]]), W2)
    tr = net.trace(np.array([[0.35, 0.9]]), np.array([[0.5]]))
    X2, T2 = np.array([[0.35, 0.9], [1.0, -0.5]]), np.array([[0.5], [0.1]])
    tr2 = net.trace(X2, T2)
    return [
        check("δ1 by BP2", my_hidden_delta(tr["delta2"], W2, tr["z1"]), tr["delta1"]),
        check("dW1 for two samples", my_weight_grad(X2, tr2["delta1"]), tr2["dW1"]),
    ]
