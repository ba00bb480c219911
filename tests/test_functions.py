import warnings

import numpy as np
import pytest

from bp_core import functions as F
from bp_core.gradcheck import numerical_gradient

Z = np.array([-1e4, -750.0, -30.0, -1.0, 0.0, 0.5, 30.0, 750.0, 1e4])


def test_sigmoid_values_and_stability():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = F.sigmoid(Z)
    assert np.all(np.isfinite(s)) and np.all((s >= 0) & (s <= 1))
    assert s[4] == 0.5
    np.testing.assert_allclose(F.sigmoid(np.array([-1.0, 0.5])), 1 / (1 + np.exp([1.0, -0.5])), rtol=1e-15)
    assert s[0] == 0.0 and s[-1] == 1.0
    np.testing.assert_allclose(F.sigmoid(-Z) + F.sigmoid(Z), 1.0, atol=1e-15)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "identity"])
def test_derivatives_match_central_differences(name):
    f, f_prime = F.ACTIVATIONS[name]
    z = np.array([-2.3, -0.7, 0.31, 1.9])  # away from relu's kink
    numeric = np.array([numerical_gradient(lambda v, i=i: float(f(v)[i]), z.copy())[i] for i in range(4)])
    np.testing.assert_allclose(f_prime(z), numeric, rtol=1e-7, atol=1e-10)


def test_derivatives_stay_finite_for_huge_inputs():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for f, f_prime in F.ACTIVATIONS.values():
            assert np.all(np.isfinite(f(Z))) and np.all(np.isfinite(f_prime(Z)))
    assert F.relu_prime(np.array([0.0]))[0] == 0.0


def test_softmax_and_log_softmax_are_stable():
    z = np.array([[1e4, -1e4, 0.0], [1.0, 2.0, 3.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p, logp = F.softmax(z), F.log_softmax(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p[0], [1.0, 0.0, 0.0])
    e = np.exp([1.0, 2.0, 3.0])
    np.testing.assert_allclose(p[1], e / e.sum(), rtol=1e-14)
    np.testing.assert_allclose(logp[0], [0.0, -2e4, -1e4])
    np.testing.assert_allclose(np.exp(logp[1]), p[1], rtol=1e-14)


def test_losses():
    y, t = np.array([[0.2, 0.8], [0.6, 0.4]]), np.array([[0.0, 1.0], [1.0, 0.0]])
    assert F.mse_loss(y, t) == pytest.approx((0.04 + 0.04 + 0.16 + 0.16) / 4)
    assert F.mse_loss(np.array([0.69028349]), np.array([0.5])) == pytest.approx(0.5 * 0.19028349**2)
    z = np.array([[2.0, 1.0, 0.1]])
    p = np.exp(z) / np.exp(z).sum()
    assert F.cross_entropy_loss(z, np.array([[1.0, 0, 0]])) == pytest.approx(-np.log(p[0, 0]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert F.cross_entropy_loss(np.array([[1e4, -1e4]]), np.array([[0.0, 1.0]])) == pytest.approx(2e4)


def test_one_hot_values():
    np.testing.assert_array_equal(F.one_hot([2, 0, 1, 2], 3), [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    T = F.one_hot(np.array([1.0, 0.0]), 2)  # whole-number floats are labels too
    assert T.dtype == np.float64 and T.shape == (2, 2)
    np.testing.assert_array_equal(T, [[0, 1], [1, 0]])


@pytest.mark.parametrize(
    ("labels", "num_classes", "error", "match"),
    [
        ([0, -1], 3, ValueError, r"labels must be integers in \[0, 3\), got -1 at index 1"),
        ([0, 3], 3, ValueError, r"\[0, 3\), got 3 at index 1"),
        ([1.5], 3, ValueError, "got 1.5 at index 0"),
        ([np.nan], 3, ValueError, "got nan"),
        ([[0, 1]], 3, ValueError, r"labels must have shape \(N,\), got shape \(1, 2\)"),
        (["a"], 3, TypeError, "labels must be integers, got dtype <U1"),
        ([True], 3, TypeError, "labels must be integers, got dtype bool"),
        ([0], 0, ValueError, "num_classes must be an integer ≥ 1, got 0"),
        ([0], 2.0, TypeError, "num_classes must be an integer"),
    ],
)
def test_one_hot_rejects_bad_labels(labels, num_classes, error, match):
    with pytest.raises(error, match=match):
        F.one_hot(labels, num_classes)


@pytest.mark.parametrize(("y", "t"), [(np.ones((2, 1)), np.ones(2)), (np.ones((3, 2)), np.ones((3, 1))),
                                      (np.ones((2, 2)), np.ones((2, 2, 1)))])
def test_losses_refuse_shapes_that_would_broadcast(y, t):
    """(2, 1) against (2,) broadcasts to (2, 2): every output against every target (0.5 for a perfect fit)."""
    with pytest.raises(ValueError, match=r"y and t must have the same shape \(N, K\), got"):
        F.mse_loss(y, t)
    with pytest.raises(ValueError, match=r"z and t must have the same shape \(N, K\), got"):
        F.cross_entropy_loss(y, t)


def test_losses_of_matching_shapes():
    assert F.mse_loss(np.ones((2, 1)), np.ones((2, 1))) == 0.0
    assert F.mse_loss(np.ones(2), np.zeros(2)) == pytest.approx(0.5)  # (N,): one output per sample
