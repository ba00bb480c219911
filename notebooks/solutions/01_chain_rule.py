"""Solutions to the exercises of 01_chain_rule.ipynb."""

from bp_core.functions import sigmoid, sigmoid_prime


def my_central_slope(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


def my_dL_db(x, w, b, t):
    z = w * x + b
    return (sigmoid(z) - t) * sigmoid_prime(z) * 1.0  # ∂L/∂a · ∂a/∂z · ∂z/∂b, and ∂z/∂b = 1


ANSWERS = {"chain_rule.central_slope": my_central_slope, "chain_rule.dL_db": my_dL_db}
