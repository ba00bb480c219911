import math

import numpy as np
import pytest

from bp_core import neuron, numerical_gradient


def test_one_one_one_network_every_factor():
    x, w, b, t = 1.5, -0.8, 0.3, 1.0
    tr = neuron(x, w, b, t)
    z = w * x + b
    a = 1 / (1 + math.exp(-z))
    assert tr.z == pytest.approx(z) and tr.a == pytest.approx(a)
    assert tr.loss == pytest.approx(0.5 * (a - t) ** 2)
    assert tr.dL_da == pytest.approx(a - t)
    assert tr.da_dz == pytest.approx(a * (1 - a))
    assert tr.dz_dw.tolist() == [x] and tr.dz_db == 1.0
    assert tr.dL_dz == pytest.approx((a - t) * a * (1 - a))
    assert tr.dL_dw[0] == pytest.approx(tr.dL_da * tr.da_dz * x)  # the chain rule, factor by factor
    assert tr.dL_db == pytest.approx(tr.dL_dz)
    assert tr.dL_dx[0] == pytest.approx(tr.dL_dz * w)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "identity"])
def test_neuron_gradients_match_central_differences(activation):
    x, w, b, t = np.array([0.4, -1.2, 2.0]), np.array([0.3, 0.5, -0.25]), 0.1, 0.7
    tr = neuron(x, w, b, t, activation)
    num_w = numerical_gradient(lambda v: neuron(x, v, b, t, activation).loss, w.copy())
    num_b = numerical_gradient(lambda v: neuron(x, w, v[0], t, activation).loss, np.array([b]))
    num_x = numerical_gradient(lambda v: neuron(v, w, b, t, activation).loss, x.copy())
    np.testing.assert_allclose(tr.dL_dw, num_w, rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(tr.dL_db, num_b[0], rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(tr.dL_dx, num_x, rtol=1e-7, atol=1e-12)


def test_neuron_is_stable_for_huge_inputs():
    tr = neuron(1e4, 1.0, 0.0, 0.0)
    assert tr.a == 1.0 and tr.da_dz == 0.0 and tr.dL_dw[0] == 0.0
