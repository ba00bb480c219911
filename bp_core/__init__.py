"""bp_core: backpropagation computed the way a textbook derives it.

    from bp_core import TwoLayerNet, MLP, train, numerical_gradient, relative_error, Value

The engine imports numpy only; `bp_core.course` (what the notebooks show and ask) sits on top of it.
"""

from .gradcheck import check_gradients, check_network, numerical_gradient, relative_error
from .network import MLP, TwoLayerNet
from .neuron import neuron
from .train import History, gradient_descent, train
from .value import Value

__all__ = ["MLP", "TwoLayerNet", "History", "train", "gradient_descent", "neuron", "Value",
           "numerical_gradient", "relative_error", "check_gradients", "check_network"]
