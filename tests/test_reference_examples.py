"""The numbers the source posts print, reproduced exactly: the 2-2-1 worked example of
反向传播算法的理解 and the learning-rate table of 前向传播与反向传播意义."""

import math

import numpy as np
import pytest

from bp_core import TwoLayerNet, datasets, gradient_descent


def sig(z):
    return 1 / (1 + math.exp(-z))


def worked_example_by_hand():
    """The 2-2-1 worked example with plain floats (column convention, as the post writes it)."""
    x1, x2, t = 0.35, 0.9, 0.5
    W0 = [[0.1, 0.8], [0.4, 0.6]]  # row j: the weights into hidden unit j
    W1 = [0.3, 0.9]
    a = [sig(W0[j][0] * x1 + W0[j][1] * x2) for j in range(2)]
    y = sig(W1[0] * a[0] + W1[1] * a[1])
    d_out = (y - t) * y * (1 - y)
    d_hid = [W1[j] * d_out * a[j] * (1 - a[j]) for j in range(2)]
    dW1 = [a[j] * d_out for j in range(2)]
    dW0 = [[d_hid[j] * x1, d_hid[j] * x2] for j in range(2)]
    return y, d_out, d_hid, dW0, dW1


@pytest.fixture
def net():
    net = TwoLayerNet(2, 2, 1)  # sigmoid, MSE: the post's network
    net.params["W1"][...] = np.array([[0.1, 0.8], [0.4, 0.6]]).T  # rows are inputs here: W1 = W0ᵀ
    net.params["W2"][...] = [[0.3], [0.9]]
    return net


X, T, _ = datasets.worked_example()


def test_worked_example_forward(net):
    assert net.predict(X)[0, 0] == pytest.approx(0.69028349, abs=1e-8)  # the post's printed output
    assert net.loss(X, T) == pytest.approx(0.5 * (0.5 - 0.69028349) ** 2, abs=1e-9)


def test_worked_example_gradients_and_update(net):
    y, d_out, d_hid, dW0, dW1 = worked_example_by_hand()
    tr = net.trace(X, T)
    assert tr["y"][0, 0] == pytest.approx(y, abs=1e-12)
    assert tr["delta2"][0, 0] == pytest.approx(d_out, abs=1e-12)
    np.testing.assert_allclose(tr["delta1"][0], d_hid, atol=1e-12)
    np.testing.assert_allclose(tr["dW2"][:, 0], dW1, atol=1e-12)
    np.testing.assert_allclose(tr["dW1"], np.array(dW0).T, atol=1e-12)
    eta = 1.0
    new_W1 = net.params["W1"] - eta * tr["dW1"]
    new_W2 = net.params["W2"] - eta * tr["dW2"]
    np.testing.assert_allclose(new_W1, np.array([[0.1, 0.4], [0.8, 0.6]]) - np.array(dW0).T, atol=1e-8)
    np.testing.assert_allclose(new_W2[:, 0], [0.3 - dW1[0], 0.9 - dW1[1]], atol=1e-8)
    # the numbers themselves, to 1e-8
    np.testing.assert_allclose(tr["dW2"][:, 0], [0.02767403, 0.02700164], atol=1e-8)
    np.testing.assert_allclose(new_W1, [[0.09907093, 0.39713992], [0.79761096, 0.59264552]], atol=1e-8)
    np.testing.assert_allclose(new_W2[:, 0], [0.27232597, 0.87299836], atol=1e-8)


def test_learning_rate_table():
    """Gradient descent on L(w) = w² from w = 5 with η = 1: 5 → −5 → 5 → −5, for ever."""
    path = gradient_descent(lambda w: 2 * w, 5.0, lr=1.0, steps=3)
    assert path.tolist() == [5.0, -5.0, 5.0, -5.0]
    assert gradient_descent(lambda w: 2 * w, 5.0, lr=0.25, steps=2).tolist() == [5.0, 2.5, 1.25]


def test_worked_example_data_are_the_posts_numbers_transposed():
    x, t, params = datasets.worked_example()
    assert x.tolist() == [[0.35, 0.9]] and t.tolist() == [[0.5]]
    assert params["W1"].tolist() == [[0.1, 0.4], [0.8, 0.6]]  # the post's W0 = [[0.1, 0.8], [0.4, 0.6]], ᵀ
    assert params["W2"].tolist() == [[0.3], [0.9]]
    params["W1"][0, 0] = 99.0  # every call hands out fresh arrays
    assert datasets.worked_example()[2]["W1"][0, 0] == 0.1
