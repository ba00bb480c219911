"""Solutions to the exercises of 05_two_layers_by_hand.ipynb."""

from bp_core.functions import sigmoid_prime


def my_hidden_delta(delta2, W2, z1):
    return (delta2 @ W2.T) * sigmoid_prime(z1)  # BP2


def my_weight_grad(a_prev, delta):
    return a_prev.T @ delta  # BP4: sums over the samples (rows)


ANSWERS = {"two_layers.hidden_delta": my_hidden_delta, "two_layers.weight_grad": my_weight_grad}
