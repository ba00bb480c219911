"""bp_core: backpropagation computed the way a textbook derives it.

    from bp_core import TwoLayerNet, MLP, train, numerical_gradient, relative_error
"""

from .gradcheck import check_gradients, check_network, numerical_gradient, relative_error
from .network import MLP, TwoLayerNet
from .neuron import neuron
from .train import History, gradient_descent, train

__all__ = ["MLP", "TwoLayerNet", "History", "train", "gradient_descent", "neuron",
           "numerical_gradient", "relative_error", "check_gradients", "check_network"]
