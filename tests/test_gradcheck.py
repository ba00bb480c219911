import numpy as np
import pytest

from bp_core import MLP, TwoLayerNet, check_gradients, check_network, numerical_gradient, relative_error
from bp_core.functions import sigmoid
from bp_core.gradcheck import verdict


def test_numerical_gradient_of_known_function():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    g = numerical_gradient(lambda v: float(np.sum(v**3)), x)
    np.testing.assert_allclose(g, 3 * x**2, rtol=1e-9)


def test_numerical_gradient_restores_x_even_when_f_raises():
    x = np.array([1.0, 2.0, 3.0])
    original = x.copy()
    numerical_gradient(lambda v: float(v @ v), x)
    np.testing.assert_array_equal(x, original)

    def explode(v):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        numerical_gradient(explode, x)
    np.testing.assert_array_equal(x, original)


def test_numerical_gradient_rejects_integer_arrays():
    with pytest.raises(TypeError, match="x must be a float ndarray"):
        numerical_gradient(lambda v: 0.0, np.array([1, 2]))


def test_relative_error():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert relative_error([2.0], [1.0]) == pytest.approx(1 / 3)
    assert relative_error([1.0], [-1.0]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="same shape"):
        relative_error(np.zeros(2), np.zeros(3))


def test_verdict_thresholds():
    assert verdict(9e-8, False) == "ok"
    assert verdict(1e-6, False) == "wrong"
    assert verdict(1e-6, True) == "kink"
    assert verdict(1e-3, True) == "wrong"


# A correct reference and three classic mistakes, written for a 2-layer sigmoid/MSE net.
def backward(params, X, T, bug=None):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = 1 if bug == "no_mean" else len(X)
    a1 = sigmoid(X @ W1 + b1)
    y = sigmoid(a1 @ W2 + b2)
    delta2 = (y - T) * y * (1 - y) / N
    back = delta2 @ (W2 if bug == "no_transpose" else W2.T)
    delta1 = back if bug == "no_sigma_prime" else back * a1 * (1 - a1)
    return {"W1": X.T @ delta1, "b1": delta1.sum(0), "W2": a1.T @ delta2, "b2": delta2.sum(0)}


@pytest.mark.parametrize("bug, wrong", [
    (None, set()),
    ("no_sigma_prime", {"W1", "b1"}),
    ("no_transpose", {"W1", "b1"}),
    ("no_mean", {"W1", "b1", "W2", "b2"}),
])
def test_checker_flags_broken_backward(bug, wrong):
    net = TwoLayerNet(3, 3, 3, seed=5)  # square W2, so the missing transpose does not crash
    X = np.random.default_rng(0).standard_normal((4, 3))
    T = np.random.default_rng(1).uniform(size=(4, 3))
    report = check_gradients(lambda: net.loss(X, T), net.params, backward(net.params, X, T, bug))
    assert {r.name for r in report if r.verdict == "wrong"} == wrong
    assert report.ok == (bug is None)
    assert "wrong" in str(report) or bug is None


def kinked_net(z0):
    """A relu net whose first hidden unit sits at z = z0 for the input (1, 1); the others far from 0."""
    net = MLP([2, 3, 2], "relu", "softmax_ce", seed=0)
    net.params["W1"][...] = [[1.0, -1.0, 0.5], [-1.0 + z0, 0.7, 0.5]]
    return net, np.array([[1.0, 1.0]]), np.array([1])


def test_kink_crossed_by_h_is_detected_and_excused():
    net, X, t = kinked_net(9.999e-6)  # ±h = ±1e-5 moves z across 0 by a hair
    rows = {r.name: r for r in check_network(net, X, t, h=1e-5)}
    assert rows["W1"].kink_crossed and rows["b1"].kink_crossed
    assert 1e-7 < rows["W1"].rel_error < 1e-4 and rows["W1"].verdict == "kink"
    assert not rows["W2"].kink_crossed and rows["W2"].verdict == "ok"
    smaller_h = check_network(net, X, t, h=1e-6)  # no longer straddles the corner
    assert [r.verdict for r in smaller_h] == ["ok"] * 4 and not any(r.kink_crossed for r in smaller_h)


def test_deep_kink_crossing_is_still_wrong():
    net, X, t = kinked_net(5e-6)  # half of the ±h interval on the other side: error ~ 6 %
    rows = {r.name: r for r in check_network(net, X, t, h=1e-5)}
    assert rows["W1"].kink_crossed and rows["W1"].rel_error > 1e-4 and rows["W1"].verdict == "wrong"


def test_without_kink_a_small_error_is_wrong():
    net = TwoLayerNet(3, 3, 3, "relu", "softmax_ce", seed=5)
    X, t = np.random.default_rng(0).standard_normal((4, 3)), np.array([0, 1, 2, 1])
    grads = net.gradient(X, t)
    grads["W2"] = grads["W2"] * (1 + 1e-5)  # a tiny, systematic mistake
    rows = {r.name: r for r in check_network(net, X, t)}
    assert all(r.verdict == "ok" for r in rows.values())
    report = check_gradients(lambda: net.loss(X, t), net.params, grads)
    assert [r.verdict for r in report] == ["ok", "ok", "wrong", "ok"]


def test_check_gradients_rejects_misshapen_grads():
    net = TwoLayerNet(2, 2, 1)
    X, T = np.ones((1, 2)), np.ones((1, 1))
    with pytest.raises(ValueError, match=r"grads\['W1'\] must have shape \(2, 2\)"):
        check_gradients(lambda: net.loss(X, T), net.params, {**net.gradient(X, T), "W1": np.zeros(2)})
