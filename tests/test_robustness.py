"""Bad input: a ValueError/TypeError naming the argument, the expected and the received value."""

from fractions import Fraction

import numpy as np
import pytest

from bp_core import MLP, TwoLayerNet, gradient_descent, neuron, train

X4 = np.zeros((4, 2))


@pytest.fixture
def mse_net():
    return TwoLayerNet(2, 3, 2)


@pytest.fixture
def ce_net():
    return TwoLayerNet(2, 3, 3, "relu", "softmax_ce")


@pytest.mark.parametrize("method", ["predict", "loss", "gradient", "accuracy", "numerical_gradient"])
def test_wrong_feature_count(mse_net, method):
    args = (np.zeros((4, 5)),) if method == "predict" else (np.zeros((4, 5)), np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"X must have shape \(N, 2\) or \(2,\), got shape \(4, 5\)"):
        getattr(mse_net, method)(*args)


def test_mismatched_number_of_samples(mse_net, ce_net):
    with pytest.raises(ValueError, match=r"T must have one row per sample of X \(4\), got shape \(3, 2\)"):
        mse_net.loss(X4, np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"one row per sample of X \(4\), got shape \(5,\)"):
        ce_net.gradient(X4, np.zeros(5, dtype=int))


def test_wrong_target_width(mse_net, ce_net):
    with pytest.raises(ValueError, match=r"T must have shape \(4, 2\), got shape \(4, 3\)"):
        mse_net.loss(X4, np.zeros((4, 3)))
    expected = r"T must have shape \(4,\) integer labels or \(4, 3\), got shape \(4, 2\)"
    with pytest.raises(ValueError, match=expected):
        ce_net.loss(X4, np.zeros((4, 2)))
    with pytest.raises(ValueError, match="rows must be one-hot"):
        ce_net.loss(X4, np.full((4, 3), 0.5))


@pytest.mark.parametrize("labels, message", [
    ([0, 1, 2, 3], r"T must be integers in \[0, 3\), got 3 at index 3"),
    ([0, -1, 2, 1], r"T must be integers in \[0, 3\), got -1 at index 1"),
    ([0, 1.5, 2, 1], r"T must be integers in \[0, 3\), got 1.5 at index 1"),
    ([0, np.nan, 2, 1], r"T must be integers in \[0, 3\), got nan at index 1"),
])
def test_bad_labels(ce_net, labels, message):
    with pytest.raises(ValueError, match=message):
        ce_net.loss(X4, np.array(labels))


def test_nan_and_inf_inputs(mse_net):
    X = np.zeros((4, 2))
    X[2, 1] = np.nan
    with pytest.raises(ValueError, match=r"X must be finite, got nan at index \(2, 1\)"):
        train(mse_net, X, np.zeros((4, 2)), lr=0.1, batch_size=2, epochs=1)
    with pytest.raises(ValueError, match="T must be finite"):
        train(mse_net, X4, np.full((4, 2), np.inf), lr=0.1, batch_size=2, epochs=1)
    with pytest.raises(ValueError, match="X_val must be finite"):
        train(mse_net, X4, np.zeros((4, 2)), lr=0.1, batch_size=2, epochs=1, X_val=X, T_val=np.zeros((4, 2)))


def test_three_d_and_non_numeric_input(mse_net):
    with pytest.raises(ValueError, match=r"X must have shape \(N, 2\) or \(2,\), got shape \(2, 3, 2\)"):
        mse_net.predict(np.zeros((2, 3, 2)))
    with pytest.raises(TypeError, match="X must be an array of real numbers, got dtype <U1"):
        mse_net.predict(np.array([["a", "b"]]))
    with pytest.raises(TypeError, match="X must be an array of real numbers, got dtype object"):
        mse_net.predict([[1.0, None]])
    with pytest.raises(TypeError, match="T must be an array of real numbers, got dtype bool"):
        mse_net.loss(X4, np.zeros((4, 2), dtype=bool))
    with pytest.raises(ValueError, match=r"X must hold at least one sample, got shape \(0, 2\)"):
        mse_net.predict(np.zeros((0, 2)))


@pytest.mark.parametrize("sizes, message", [
    ([2, 0, 1], r"sizes\[1\] must be an integer ≥ 1, got 0"),
    ([0, 3, 1], r"sizes\[0\] must be an integer ≥ 1, got 0"),
    ([2.5, 3, 1], r"sizes\[0\] must be an integer ≥ 1, got float 2.5"),
    ([3], r"sizes must be a list \[D, h1, ..., K\] of at least 2 layer sizes, got \[3\]"),
])
def test_bad_layer_sizes(sizes, message):
    with pytest.raises((ValueError, TypeError), match=message):
        MLP(sizes)


def test_zero_size_hidden_layer_in_two_layer_net():
    with pytest.raises(ValueError, match=r"sizes\[1\] must be an integer ≥ 1, got 0"):
        TwoLayerNet(2, 0, 1)


def test_unknown_names():
    with pytest.raises(ValueError, match=r"one of \['relu', 'sigmoid', 'tanh'\], got 'gelu'"):
        MLP([2, 2], activation="gelu")
    with pytest.raises(ValueError, match=r"loss must be one of \['mse', 'softmax_ce'\], got 'hinge'"):
        MLP([2, 2], loss="hinge")
    with pytest.raises(ValueError, match="activation must be one of"):
        neuron(1.0, 1.0, 0.0, 0.0, activation="swish")
    with pytest.raises(ValueError, match="weight_init_std must be a finite number > 0, got -1"):
        MLP([2, 2], weight_init_std=-1)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"lr": 0}, ValueError, "lr must be a finite number > 0, got 0"),
    ({"lr": -0.1}, ValueError, r"lr must be a finite number > 0, got -0.1"),
    ({"lr": float("nan")}, ValueError, "lr must be a finite number > 0, got nan"),
    ({"lr": "0.1"}, TypeError, "lr must be a number, got str '0.1'"),
    ({"batch_size": 0}, ValueError, "batch_size must be an integer ≥ 1, got 0"),
    ({"batch_size": 2.0}, TypeError, "batch_size must be an integer ≥ 1, got float 2.0"),
    ({"epochs": 0}, ValueError, "epochs must be an integer ≥ 1, got 0"),
])
def test_bad_training_arguments(mse_net, kwargs, error, message):
    args = {"lr": 0.1, "batch_size": 2, "epochs": 1, **kwargs}
    with pytest.raises(error, match=message):
        train(mse_net, X4, np.zeros((4, 2)), **args)


def test_validation_set_must_come_in_pairs(mse_net):
    with pytest.raises(ValueError, match="X_val and T_val must be given together"):
        train(mse_net, X4, np.zeros((4, 2)), lr=0.1, batch_size=2, epochs=1, X_val=X4)


def test_gradient_descent_and_neuron_arguments():
    with pytest.raises(ValueError, match="lr must be a finite number > 0, got 0"):
        gradient_descent(lambda w: w, 1.0, lr=0, steps=3)
    with pytest.raises(ValueError, match=r"x and w must be scalars or vectors of one length, got \(2,\) and"):
        neuron([1.0, 2.0], [1.0, 2.0, 3.0], 0.0, 1.0)


def test_diverging_gradient_descent_stops_before_inf():
    path = gradient_descent(lambda w: 2 * w, 5.0, lr=10.0, steps=1000)
    assert len(path) < 1001 and np.all(np.isfinite(path))
    assert abs(path[-1]) > 1e300


# ---- inputs that used to pass a check and then fail deep inside numpy ----
def test_complex_inputs_and_targets_are_refused(mse_net):
    with pytest.raises(TypeError, match="X must be an array of real numbers, got dtype complex"):
        mse_net.predict(np.zeros((2, 2)) + 1j)
    with pytest.raises(TypeError, match="T must be an array of real numbers, got dtype complex"):
        mse_net.loss(X4, np.zeros((4, 2), dtype=complex))


def test_a_fraction_is_a_learning_rate_like_any_other_number():
    X, T = np.random.default_rng(0).standard_normal((8, 2)), np.random.default_rng(1).uniform(size=(8, 2))
    a, b = TwoLayerNet(2, 3, 2), TwoLayerNet(2, 3, 2)
    train(a, X, T, lr=Fraction(1, 10), batch_size=4, epochs=2)
    train(b, X, T, lr=0.1, batch_size=4, epochs=2)
    np.testing.assert_array_equal(a.params["W1"], b.params["W1"])


@pytest.mark.parametrize(("seed", "error", "message"), [
    (-1, ValueError, "seed must be an integer ≥ 0, got -1"),
    ("a", TypeError, "seed must be an integer ≥ 0, got str 'a'"),
    (1.5, TypeError, "seed must be an integer ≥ 0, got float 1.5"),
])
def test_bad_seeds_are_named(mse_net, seed, error, message):
    with pytest.raises(error, match=message):
        TwoLayerNet(2, 3, 2, seed=seed)
    with pytest.raises(error, match=message):
        train(mse_net, X4, np.zeros((4, 2)), lr=0.1, batch_size=2, epochs=1, seed=seed)


def test_train_needs_a_network():
    with pytest.raises(TypeError, match="net must be a bp_core network .*, got str"):
        train("net", X4, np.zeros((4, 2)), lr=0.1, batch_size=2, epochs=1)


def test_a_one_feature_net_given_a_vector_says_what_came_and_what_to_do():
    with pytest.raises(ValueError, match=r"X must have shape \(N, 1\) or \(1,\), got shape \(5,\); for 5 "
                                         r"samples of one feature use X.reshape\(-1, 1\)"):
        TwoLayerNet(1, 4, 1).predict(np.linspace(-1, 1, 5))
    assert TwoLayerNet(1, 4, 1).predict(np.linspace(-1, 1, 5).reshape(-1, 1)).shape == (5, 1)
    assert TwoLayerNet(1, 4, 1).predict(np.array([0.3])).shape == (1,)


def test_gradient_descent_start_must_be_numbers():
    with pytest.raises(TypeError, match="w0 must be an array of real numbers"):
        gradient_descent(lambda w: w, "5", lr=0.1, steps=3)
