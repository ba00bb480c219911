import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bp_core import MLP, TwoLayerNet, check_network, relative_error, train

ACTIVATIONS = ["sigmoid", "relu", "tanh"]
LOSSES = ["mse", "softmax_ce"]


def data(N, D, K, loss, seed=0):
    rng = np.random.default_rng([seed, 1])  # a stream of its own, not the network's
    X = rng.standard_normal((N, D))
    labels = rng.integers(0, K, N)
    return X, (labels if loss == "softmax_ce" else rng.uniform(size=(N, K)))


@pytest.mark.parametrize("sizes", [[3, 2], [4, 5, 3], [3, 4, 4, 2], [2, 3, 5, 3, 4]])
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("loss", LOSSES)
def test_backprop_matches_numerical_gradient(sizes, activation, loss):
    net = MLP(sizes, activation, loss, seed=3)
    for p in net.params.values():  # non-zero biases, so that b matters too
        p += 0.1 * np.random.default_rng(1).standard_normal(p.shape)
    X, T = data(7, sizes[0], sizes[-1], loss)
    grads, numeric = net.gradient(X, T), net.numerical_gradient(X, T)
    assert set(grads) == set(net.params)
    for key in net.params:
        assert grads[key].shape == net.params[key].shape
        assert relative_error(grads[key], numeric[key]) < 1e-7, key


@settings(max_examples=40, deadline=None, derandomize=True)
@given(sizes=st.lists(st.integers(1, 5), min_size=2, max_size=4), N=st.integers(1, 6),
       activation=st.sampled_from(ACTIVATIONS), loss=st.sampled_from(LOSSES), seed=st.integers(0, 10**6))
def test_property_gradients_and_shapes(sizes, N, activation, loss, seed):
    if loss == "softmax_ce":
        sizes = [*sizes[:-1], max(sizes[-1], 2)]  # softmax needs two outputs or more
    net = MLP(sizes, activation, loss, seed=seed)
    for key in net.params:
        if key.startswith("b"):  # zero biases put dead ReLUs' successors exactly on the kink z = 0
            net.params[key] += np.random.default_rng([seed, 2]).uniform(0.05, 0.5, net.params[key].shape)
    X, T = data(N, sizes[0], sizes[-1], loss, seed)
    y = net.predict(X)
    assert y.shape == (N, sizes[-1]) and np.all(np.isfinite(y))
    if loss == "softmax_ce":
        np.testing.assert_allclose(y.sum(axis=1), 1.0)
    # Central differences carry a round-off error of about ε·|L|/h per entry: where a gradient is that
    # small the checker must say "inconclusive", never call a correct backprop "wrong".
    report = check_network(net, X, T)
    verdicts = {r.verdict for r in report}
    assert "wrong" not in verdicts, str(report)
    assert verdicts <= {"ok", "inconclusive"} or activation == "relu", str(report)


def test_trace_holds_every_number_and_the_gradients():
    net = TwoLayerNet(3, 4, 2, "tanh", "softmax_ce", seed=1)
    X, T = data(5, 3, 2, "softmax_ce")
    tr = net.trace(X, T)
    np.testing.assert_allclose(tr["z1"], X @ net.params["W1"] + net.params["b1"])
    np.testing.assert_allclose(tr["a1"], np.tanh(tr["z1"]))
    np.testing.assert_allclose(tr["y"], net.predict(X))
    assert tr["loss"] == pytest.approx(net.loss(X, T))
    onehot = np.eye(2)[T]
    np.testing.assert_allclose(tr["delta2"], (tr["y"] - onehot) / 5)  # BP1 for softmax + CE
    np.testing.assert_allclose(tr["delta1"], tr["delta2"] @ net.params["W2"].T * (1 - tr["a1"] ** 2))  # BP2
    np.testing.assert_allclose(tr["dW1"], X.T @ tr["delta1"])  # BP4
    np.testing.assert_allclose(tr["db2"], tr["delta2"].sum(axis=0))  # BP3


def test_params_changes_reach_the_layers():
    net = TwoLayerNet(2, 3, 1, seed=0)
    x = np.array([0.5, -1.0])
    before = net.predict(x)
    net.params["W2"] = np.zeros((3, 1))  # assign a new array
    assert net.predict(x)[0] == pytest.approx(0.5)  # σ(0 + b2 = 0)
    net.params["b2"] += 1.0  # in place
    assert net.predict(x)[0] == pytest.approx(1 / (1 + np.exp(-1.0)))
    assert before.shape == (1,)


def test_single_sample_and_batch_agree():
    net = MLP([4, 6, 3], "relu", "softmax_ce", seed=2)
    X = np.random.default_rng(0).standard_normal((3, 4))
    np.testing.assert_allclose(net.predict(X[1]), net.predict(X)[1])


def test_seeded_initialisation():
    a, b, c = (TwoLayerNet(784, 50, 10, "relu", seed=s) for s in (7, 7, 8))
    np.testing.assert_array_equal(a.params["W1"], b.params["W1"])
    assert not np.array_equal(a.params["W1"], c.params["W1"])
    assert np.all(a.params["b1"] == 0)
    he = TwoLayerNet(784, 50, 10, "relu").params["W1"].std()
    xavier = TwoLayerNet(784, 50, 10, "sigmoid").params["W1"].std()
    fixed = TwoLayerNet(784, 50, 10, weight_init_std=0.01).params["W1"].std()
    assert he == pytest.approx(np.sqrt(2 / 784), rel=0.02)
    assert xavier == pytest.approx(np.sqrt(2 / (784 + 50)), rel=0.02)
    assert fixed == pytest.approx(0.01, rel=0.02)


def test_accuracy_conventions():
    net = TwoLayerNet(1, 2, 1, seed=0)
    net.params["W2"][...] = 0.0
    net.params["b2"][...] = 1.0  # y = σ(1) ≈ 0.73 > 0.5 for every sample
    X = np.zeros((4, 1))
    assert net.accuracy(X, np.array([[1.0], [1.0], [0.0], [0.2]])) == 0.5
    soft = TwoLayerNet(1, 2, 3, loss="softmax_ce", seed=0)
    soft.params["W2"][...] = 0.0
    soft.params["b2"][...] = [0.0, 2.0, 1.0]  # always predicts class 1
    assert soft.accuracy(X, np.array([1, 1, 0, 2])) == 0.5
    assert soft.accuracy(X, np.eye(3)[[1, 1, 1, 2]]) == 0.75
    multi = TwoLayerNet(1, 2, 3, loss="mse", seed=0)
    multi.params["W2"][...] = 0.0
    multi.params["b2"][...] = [0.0, 2.0, 1.0]
    assert multi.accuracy(X, np.eye(3)[[1, 0, 1, 2]]) == 0.5


def test_softmax_ce_accepts_labels_or_one_hot_alike():
    net = TwoLayerNet(3, 4, 3, "relu", "softmax_ce", seed=0)
    X, labels = data(6, 3, 3, "softmax_ce")
    assert net.loss(X, labels) == net.loss(X, np.eye(3)[labels]) == net.loss(X, labels.astype(float))


# ---- params: reassignable, and checked once per call (dtype, shape, finite, writeable) ----
def test_assigning_a_new_params_dict_changes_the_network_and_training_updates_it():
    X, T = data(20, 2, 1, "mse")
    net = TwoLayerNet(2, 3, 1, seed=0)
    new = {key: np.zeros_like(p) for key, p in net.params.items()}
    net.params = new
    assert net.params is new
    np.testing.assert_allclose(net.predict(X), 0.5)  # σ(0): the layers read the new dict
    before = net.loss(X, T)
    train(net, X, T, lr=1.0, batch_size=5, epochs=3)
    assert net.loss(X, T) < before  # train updated the dict the forward pass reads
    assert not np.all(new["W2"] == 0)


@pytest.mark.parametrize(("make", "error", "message"), [
    (lambda p: {**p, "W1": p["W1"].astype(int)}, TypeError,
     r"params\['W1'\] must be a float64 array of shape \(2, 3\), got int64 array of shape \(2, 3\)"),
    (lambda p: {**p, "b2": np.zeros(2)}, TypeError, r"params\['b2'\] must be a float64 array of shape \(1,"),
    (lambda p: {**p, "W2": [[0.0], [0.0], [0.0]]}, TypeError, r"params\['W2'\] must be a float64 .* list"),
    (lambda p: {k: v for k, v in p.items() if k != "b1"}, ValueError, r"params must have the keys"),
    (lambda p: {**p, "W1": np.full((2, 3), np.nan)}, ValueError, r"params\['W1'\] must be finite"),
])
def test_bad_parameters_are_named(make, error, message):
    net = TwoLayerNet(2, 3, 1, seed=0)
    with pytest.raises(error, match=message):
        net.params = make(net.params)


def test_an_array_assigned_to_a_key_is_checked_at_the_next_call():
    net = TwoLayerNet(2, 3, 1, seed=0)
    net.params["W1"] = np.ones((2, 3), dtype=int)
    X, T = data(4, 2, 1, "mse")
    message = r"params\['W1'\] must be a float64 array of shape \(2, 3\), got int64 array"
    for call in (lambda: net.predict(X), lambda: net.loss(X, T), lambda: net.gradient(X, T),
                 lambda: train(net, X, T, lr=0.1, batch_size=2, epochs=1)):
        with pytest.raises(TypeError, match=message):
            call()
    net.params["W1"] = np.ones((2, 3))  # a float array of the right shape is used as it is
    assert net.params["W1"] is net.affine[1].params["W1"]


def test_read_only_parameters_are_refused_before_training_starts():
    net = TwoLayerNet(2, 3, 1, seed=0)
    net.params["W2"].flags.writeable = False
    X, T = data(4, 2, 1, "mse")
    with pytest.raises(ValueError, match=r"params\['W2'\] is read-only, but training updates it in place"):
        train(net, X, T, lr=0.1, batch_size=2, epochs=1)


def test_softmax_with_one_output_is_refused():
    with pytest.raises(ValueError, match=r"softmax_ce needs at least 2 outputs .* got sizes\[-1\] = 1"):
        TwoLayerNet(3, 4, 1, loss="softmax_ce")


def test_backprop_takes_only_checked_batches():
    net = TwoLayerNet(2, 3, 2, seed=0)
    X, T = data(4, 2, 2, "mse")
    batch = net.batch(X, T)
    values, grads = net.backprop(batch)
    assert values["loss"] == pytest.approx(net.loss(X, T)) and set(grads) == set(net.params)
    assert len(batch[1:3]) == 2 and np.array_equal(batch[1:3].X, X[1:3])  # a slice: a Batch of those rows
    with pytest.raises(TypeError, match=r"batch must be the checks.Batch of net.batch\(X, T\), got ndarray"):
        net.backprop(X)
    with pytest.raises(ValueError, match=r"takes 3 inputs"):
        TwoLayerNet(3, 3, 2).forward(batch)
