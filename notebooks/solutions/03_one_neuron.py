"""Solutions to the exercises of 03_one_neuron.ipynb."""

from bp_core import neuron
from bp_core.functions import sigmoid, sigmoid_prime


def my_grad_w(x, w, b, t):
    z = w @ x + b
    delta = (sigmoid(z) - t) * sigmoid_prime(z)  # ∂L/∂a · ∂a/∂z
    return delta * x  # · ∂z/∂w = x


def my_step(x, w, b, t, lr):
    return w - lr * neuron(x, w, b, t).dL_dw


ANSWERS = {"neuron.grad_w": my_grad_w, "neuron.step": my_step}
