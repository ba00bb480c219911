import numpy as np
import pytest

from bp_core import TwoLayerNet
from bp_core.datasets import half_plane
from bp_core.loops import loop_gradient


@pytest.mark.parametrize("D, H, K, N", [(2, 3, 1, 1), (2, 4, 1, 16), (4, 5, 3, 7), (3, 1, 2, 5)])
def test_loops_equal_matrices(D, H, K, N):
    rng = np.random.default_rng(D * 100 + H * 10 + K)
    net = TwoLayerNet(D, H, K, seed=N)
    net.params["b1"] += rng.standard_normal(H)
    net.params["b2"] += rng.standard_normal(K)
    X, T = rng.standard_normal((N, D)), rng.uniform(size=(N, K))
    loops, matrices = loop_gradient(net.params, X, T), net.gradient(X, T)
    assert set(loops) == set(matrices)
    for key in matrices:
        np.testing.assert_allclose(loops[key], matrices[key], rtol=1e-10, atol=1e-14)


def test_loops_on_the_half_plane_workload_and_saturated_inputs():
    X, T = half_plane(50, seed=1)
    net = TwoLayerNet(2, 3, 1, seed=0)
    for key, g in loop_gradient(net.params, X * 100, T).items():  # raw ±100 inputs: no overflow
        np.testing.assert_allclose(g, net.gradient(X * 100, T)[key], rtol=1e-10, atol=1e-14)


def test_loops_do_not_touch_params():
    net = TwoLayerNet(2, 2, 1, seed=0)
    before = {k: v.copy() for k, v in net.params.items()}
    loop_gradient(net.params, np.ones((3, 2)), np.zeros((3, 1)))
    for key in before:
        np.testing.assert_array_equal(net.params[key], before[key])
