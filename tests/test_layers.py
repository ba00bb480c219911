import numpy as np
import pytest

from bp_core.gradcheck import numerical_gradient, relative_error
from bp_core.layers import Affine, ReLU, Sigmoid, SigmoidWithMSE, SoftmaxWithLoss, Tanh

rng = np.random.default_rng(42)


def upstream_check(layer, x):
    """Check layer.backward against d/dx of Σ dout ⊙ forward(x) for a random dout."""
    dout = rng.standard_normal(layer.forward(x).shape)
    dout_before = dout.copy()
    dx = layer.backward(dout)
    np.testing.assert_array_equal(dout, dout_before)  # backward never mutates dout
    numeric = numerical_gradient(lambda v: float(np.sum(dout * layer.forward(v))), x)
    return relative_error(dx, numeric)


@pytest.mark.parametrize("cls", [Sigmoid, Tanh, ReLU])
def test_activation_backward(cls):
    x = rng.standard_normal((4, 5))
    x[np.abs(x) < 0.01] = 0.5  # keep ReLU away from its kink
    assert upstream_check(cls(), x) < 1e-7


def test_relu_backward_does_not_overwrite_dout():
    layer = ReLU()
    layer.forward(np.array([[-1.0, 2.0]]))
    dout = np.array([[5.0, 6.0]])
    assert layer.backward(dout).tolist() == [[0.0, 6.0]]
    assert dout.tolist() == [[5.0, 6.0]]


def test_affine_backward_all_three_gradients():
    params = {"W": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)}
    layer = Affine(params, "W", "b")
    x = rng.standard_normal((5, 3))
    assert upstream_check(layer, x) < 1e-7
    dout = rng.standard_normal((5, 2))
    layer.forward(x)
    layer.backward(dout)
    for key, analytic in (("W", layer.dW), ("b", layer.db)):
        numeric = numerical_gradient(lambda _: float(np.sum(dout * layer.forward(x))), params[key])
        assert relative_error(analytic, numeric) < 1e-7


def test_affine_looks_parameters_up_on_every_call():
    params = {"W": np.ones((2, 1)), "b": np.zeros(1)}
    layer = Affine(params, "W", "b")
    x = np.array([[1.0, 2.0]])
    assert layer.forward(x)[0, 0] == 3.0
    params["W"] = np.full((2, 1), 2.0)  # a new array under the key
    assert layer.forward(x)[0, 0] == 6.0
    params["W"] *= 0.5  # in place
    assert layer.forward(x)[0, 0] == 3.0


def test_affine_first_layer_skips_input_gradient():
    params = {"W": np.ones((2, 3)), "b": np.zeros(3)}
    layer = Affine(params, "W", "b", input_grad=False)
    layer.forward(np.ones((4, 2)))
    assert layer.backward(np.ones((4, 3))) is None
    assert layer.dW.shape == (2, 3) and layer.db.tolist() == [4.0, 4.0, 4.0]


def test_affine_rejects_wrong_feature_count():
    layer = Affine({"W1": np.ones((3, 2)), "b1": np.zeros(2)}, "W1", "b1")
    with pytest.raises(ValueError, match=r"W1: expected input with 3 features, got shape \(4, 5\)"):
        layer.forward(np.ones((4, 5)))


@pytest.mark.parametrize("cls, targets", [
    (SoftmaxWithLoss, np.eye(4)[[0, 3, 1, 1, 2]]),
    (SigmoidWithMSE, rng.uniform(size=(5, 4))),
])
def test_loss_layers_backward(cls, targets):
    layer = cls()
    z = rng.standard_normal((5, 4))
    layer.forward(z, targets)
    dout = 1.7  # an upstream scalar, as when the loss is scaled
    dz = layer.backward(dout)
    numeric = numerical_gradient(lambda v: dout * layer.forward(v, targets), z)
    assert relative_error(dz, numeric) < 1e-7


def test_loss_layers_outputs():
    z = np.array([[0.0, np.log(3.0)]])
    np.testing.assert_allclose(SoftmaxWithLoss.output(z), [[0.25, 0.75]])
    np.testing.assert_allclose(SigmoidWithMSE.output(np.array([[0.0]])), [[0.5]])
    layer = SoftmaxWithLoss()
    assert layer.forward(z, np.array([[0.0, 1.0]])) == pytest.approx(-np.log(0.75))
    np.testing.assert_allclose(layer.y, [[0.25, 0.75]])
