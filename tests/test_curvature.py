"""bp_core.curvature: regimes of gradient descent on a quadratic, Hessian-vector products, power iteration."""

import numpy as np
import pytest

from bp_core import TwoLayerNet
from bp_core.curvature import (
    descent_table,
    hessian_vector_product,
    lr_regime,
    network_gradient_fn,
    top_eigenvalue,
    top_hessian_eigenvalue,
    update_factor,
)


@pytest.mark.parametrize(("lr", "regime"), [(0.1, "monotone"), (0.5, "monotone"),
                                            (0.8, "oscillating, converging"), (1.0, "stuck oscillating"),
                                            (1.2, "diverging")])
def test_lr_regime_on_w_squared(lr, regime):
    assert lr_regime(lr, 2.0) == regime  # L = w² is ½ λ w² with λ = 2: bound η < 1


def test_update_factor_matches_one_step():
    assert update_factor(0.3, 4.0) == pytest.approx(1 - 1.2)


@pytest.mark.parametrize(("lr", "curvature"), [(0, 1.0), (-1, 1.0), (0.1, 0.0), (0.1, float("nan"))])
def test_bad_arguments_are_named(lr, curvature):
    with pytest.raises(ValueError, match="lr|curvature"):
        lr_regime(lr, curvature)


def test_seed_001_table():
    rows = descent_table(5.0, 1.0, 2.0, 3)
    assert rows == [(1, 5.0, 10.0, -5.0), (2, -5.0, -10.0, 5.0), (3, 5.0, 10.0, -5.0)]


def test_hvp_of_a_quadratic_is_exact():
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    v = np.array([0.3, -0.7])
    assert np.allclose(hessian_vector_product(lambda th: A @ th, np.ones(2), v), A @ v, atol=1e-9)


def test_power_iteration_on_known_eigenvalues():
    rng = np.random.default_rng(1)
    Q, _ = np.linalg.qr(rng.standard_normal((5, 5)))
    eig = np.array([-7.0, 3.0, 1.0, 0.5, 0.1])  # largest magnitude is negative: the sign is kept
    H = Q @ np.diag(eig) @ Q.T
    lam, iters = top_eigenvalue(lambda v: H @ v, 5, iters=500, seed=0, tol=1e-12)
    assert lam == pytest.approx(-7.0, rel=1e-6)
    assert 1 < iters <= 500


def _fd_hessian(net, X, T):
    theta, grad_fn = network_gradient_fn(net, X, T)
    eye = np.eye(theta.size)
    H = np.array([hessian_vector_product(grad_fn, theta, e) for e in eye])
    return 0.5 * (H + H.T), theta


def test_top_hessian_eigenvalue_against_the_full_hessian_of_a_tiny_net():
    rng = np.random.default_rng(0)
    X, T = rng.standard_normal((6, 2)), rng.random((6, 1))
    net = TwoLayerNet(2, 2, 1, seed=3)
    H, theta = _fd_hessian(net, X, T)
    assert np.allclose(H, H.T, atol=1e-6)
    eig = np.linalg.eigvalsh(H)
    expected = eig[np.argmax(np.abs(eig))]
    lam, iters = top_hessian_eigenvalue(net, X, T, iters=1000, seed=0, tol=1e-10)
    assert lam == pytest.approx(expected, rel=1e-4)
    assert iters <= 1000
    # the network is left as it was
    assert np.allclose(np.concatenate([p.ravel() for p in net.params.values()]), theta)


def test_hessian_by_second_differences_of_the_loss():
    """Cross-check one entry of the gradient-difference Hessian with second differences of the loss."""
    rng = np.random.default_rng(2)
    X, T = rng.standard_normal((4, 2)), rng.random((4, 1))
    net = TwoLayerNet(2, 2, 1, seed=1)
    H, _ = _fd_hessian(net, X, T)
    W, h = net.params["W1"], 1e-3
    base = net.loss(X, T)
    W[0, 0] += h
    plus = net.loss(X, T)
    W[0, 0] -= 2 * h
    minus = net.loss(X, T)
    W[0, 0] += h
    assert H[0, 0] == pytest.approx((plus - 2 * base + minus) / h**2, rel=1e-4, abs=1e-7)
