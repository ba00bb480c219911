"""Solutions to the exercises of 03_one_neuron.ipynb."""

import numpy as np

from bp_core import neuron
from bp_core.course.feedback import check
from bp_core.functions import sigmoid, sigmoid_prime


def my_grad_w(x, w, b, t):
    z = w @ x + b
    delta = (sigmoid(z) - t) * sigmoid_prime(z)  # ∂L/∂a · ∂a/∂z
    return delta * x  # · ∂z/∂w = x


def my_step(x, w, b, t, lr):
    return w - lr * neuron(x, w, b, t).dL_dw


def run_checks():
    """The notebook's checks, applied to these solutions; returns their messages."""
    x, w = np.array([0.3, -2.0]), np.array([1.0, 0.2])
    return [
        check("∇_w L at x = (0.3, −2), w = (1, 0.2), b = 0.5, t = 0", my_grad_w(x, w, 0.5, 0.0),
              neuron(x, w, 0.5, 0.0).dL_dw),
        check("w after one step, η = 2", my_step(np.array([1.0, -1.0]), np.array([0.5, 1.0]), 0.0, 1.0, 2.0),
              np.array([0.5, 1.0]) - 2.0 * neuron([1.0, -1.0], [0.5, 1.0], 0.0, 1.0).dL_dw),
    ]
