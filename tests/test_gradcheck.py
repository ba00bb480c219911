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


# ---- the step actually taken, h itself, and nets whose gradients are round-off ----
@pytest.mark.parametrize(("dtype", "h"), [(np.float32, 1e-3), (np.float16, 1e-2)])
def test_numerical_gradient_divides_by_the_step_actually_taken(dtype, h):
    """x ± h rounds in float32/float16, so the step is not 2h; f computed in float64 from x is a
    quadratic, whose central difference over the points really used is exact."""
    x = np.array([0.7, -1.3, 2.1], dtype=dtype)
    g = numerical_gradient(lambda v: float(np.sum(v.astype(float) ** 2)), x, h)
    exact = 2 * x.astype(float)
    assert g.dtype == dtype
    np.testing.assert_allclose(g.astype(float), exact, rtol=2 * np.finfo(dtype).eps)  # = 2x, to x's precision
    naive = [(float(dtype(v + h)) ** 2 - float(dtype(v - h)) ** 2) / (2 * h) for v in x]
    assert np.max(np.abs(np.array(naive) - exact) / np.abs(exact)) > 10 * np.finfo(dtype).eps  # 2h is off


def test_a_step_that_rounds_away_is_an_error():
    with pytest.raises(ValueError, match=r"h = 1e-05 is too small for float16 at index \(0,\) .* to x"):
        numerical_gradient(lambda v: float(v[0]), np.array([0.7], dtype=np.float16), 1e-5)


@pytest.mark.parametrize("h", [0, -1e-5, float("nan"), float("inf")])
def test_h_must_be_a_positive_number(h):
    with pytest.raises(ValueError, match="h must be a finite number > 0"):
        numerical_gradient(lambda v: 0.0, np.zeros(2), h)
    with pytest.raises(ValueError, match="h must be a finite number > 0"):
        check_network(TwoLayerNet(2, 2, 1), np.zeros((1, 2)), np.zeros((1, 1)), h=h)


def test_numerical_gradient_refuses_read_only_arrays():
    x = np.zeros(3)
    x.flags.writeable = False
    with pytest.raises(ValueError, match="x must be writeable"):
        numerical_gradient(lambda v: 0.0, x)


def saturated_net():
    """A sigmoid net pushed far into saturation: correct gradients of ~1e-9 and below."""
    net = TwoLayerNet(3, 4, 2, seed=0)
    net.params["W1"] *= 40.0
    net.params["b2"][...] = 18.0
    X = np.random.default_rng(0).standard_normal((6, 3))
    return net, X, np.ones((6, 2))


def test_a_saturated_net_is_inconclusive_not_wrong():
    net, X, T = saturated_net()
    grads = net.gradient(X, T)
    assert max(np.abs(g).max() for g in grads.values()) < 1e-7
    report = check_network(net, X, T)
    assert "wrong" not in {r.verdict for r in report}, str(report)
    assert {r.verdict for r in report} >= {"inconclusive"} and not report.ok


def test_the_floor_does_not_hide_a_wrong_gradient_of_a_normal_net():
    net = TwoLayerNet(3, 3, 3, seed=5)
    X, T = np.random.default_rng(0).standard_normal((4, 3)), np.random.default_rng(1).uniform(size=(4, 3))
    for bug, wrong in [("no_sigma_prime", {"W1", "b1"}), ("no_mean", {"W1", "b1", "W2", "b2"})]:
        report = check_gradients(lambda: net.loss(X, T), net.params, backward(net.params, X, T, bug))
        assert {r.name for r in report if r.verdict == "wrong"} == wrong
        assert "inconclusive" not in {r.verdict for r in report}


def test_verdict_rules_for_what_cannot_be_resolved():
    assert verdict(0.0, False, largest=0.0, difference=0.0) == "inconclusive"  # both gradients are 0
    assert verdict(0.3, False, largest=1e-9, difference=5e-10, uncertainty=4e-10) == "inconclusive"
    assert verdict(0.3, False, largest=1e-3, difference=1e-4, uncertainty=1e-10) == "wrong"
    assert verdict(1e-9, False, largest=1e-3, difference=1e-12, uncertainty=1e-10) == "ok"
    assert verdict(1e-5, True, largest=1e-3, difference=1e-8, uncertainty=1.0) == "kink"  # a kink decides
