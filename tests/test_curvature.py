"""bp_core.curvature: regimes of gradient descent on a quadratic, Hessian-vector products, power iteration."""

import numpy as np
import pytest

from bp_core import TwoLayerNet
from bp_core.curvature import (
    LOSS_REGIMES,
    descent_table,
    hessian_vector_product,
    loss_regime,
    lr_regime,
    network_gradient_fn,
    top_eigenvalue,
    top_hessian_eigenvalue,
    update_factor,
    worst_regime,
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


def _matrix(eigenvalues, seed=1):
    """A symmetric matrix with these eigenvalues and random eigenvectors."""
    Q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((len(eigenvalues),) * 2))
    return Q @ np.diag(eigenvalues) @ Q.T


@pytest.mark.parametrize(("eigenvalues", "top"), [
    ([-7.0, 3.0, 1.0, 0.5, 0.1], 3.0),  # the largest magnitude is negative: the bound needs the top positive
    ([5.0, -5.0, 1.0, 0.2, 0.1], 5.0),  # ±λ: the Rayleigh quotient stalls while v swings between them
    ([4.0, 3.0, 1.0, 0.5, -0.1], 4.0),
    ([-3.0, -2.0, -1.0, -0.5, -0.1], -0.1),  # no positive curvature at all
])
def test_power_iteration_finds_the_largest_eigenvalue(eigenvalues, top):
    H = _matrix(eigenvalues)
    lam, products = top_eigenvalue(lambda v: H @ v, 5, iters=3000, seed=0, tol=1e-10)
    assert lam == pytest.approx(top, rel=1e-6, abs=1e-8)
    assert 1 < products <= 6000


def test_plus_minus_lambda_is_not_declared_converged_by_the_rayleigh_quotient():
    """With eigenvalues ±5 on top, vᵀHv can stand still at a wrong value; the residual test sees it."""
    H = _matrix([5.0, -5.0, 1.0])
    lam, _ = top_eigenvalue(lambda v: H @ v, 3, iters=3000, seed=0, tol=1e-8)
    assert lam == pytest.approx(5.0, rel=1e-6)
    with pytest.raises(RuntimeError, match="did not converge in iters=3"):
        top_eigenvalue(lambda v: H @ v, 3, iters=3, seed=0, tol=1e-8)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"eps": 0.0}, "eps must be a finite number > 0, got 0"),
    ({"eps": -1e-4}, "eps must be a finite number > 0, got -0.0001"),
])
def test_hessian_vector_product_rejects_bad_eps(kwargs, message):
    with pytest.raises(ValueError, match=message):
        hessian_vector_product(lambda th: th, np.ones(2), np.ones(2), **kwargs)


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
    expected = np.linalg.eigvalsh(H).max()  # the largest (most positive) eigenvalue
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


def test_worst_regime_and_what_a_loss_curve_did():
    assert worst_regime(["monotone", "diverging", "stuck oscillating"]) == "diverging"
    assert loss_regime([1.0, 0.5, 0.2]) == "fell steadily"
    assert loss_regime([1.0, 0.999, 0.995]) == "barely moved"
    assert loss_regime([1.0, 0.5, 0.7, 0.2]) == "fell overall, rising on the way"
    assert loss_regime([1.0, 2.0, 1.5]) == "ended higher"
    assert loss_regime([1.0, 0.5], diverged=True) == "blew up" == loss_regime([1.0, np.inf])
    assert set(LOSS_REGIMES) == {"fell steadily", "barely moved", "fell overall, rising on the way",
                                 "ended higher", "blew up"}
