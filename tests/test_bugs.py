"""The planted bugs of notebook 07 are caught by bp_core's checker, and only where they are planted."""

from functools import partial

import numpy as np
import pytest

from bp_core import TwoLayerNet, check_gradients, datasets
from bp_core.course import bugs
from bp_core.loops import loop_gradient


def test_reference_gradient_matches_loops_and_network():
    params, X, T = bugs.hunt_problem()
    net = TwoLayerNet(3, 3, 3, seed=0)
    for key in params:
        net.params[key][...] = params[key]
    mine, loops, nets = bugs.gradient(params, X, T), loop_gradient(params, X, T), net.gradient(X, T)
    for key in params:
        np.testing.assert_allclose(mine[key], loops[key], rtol=1e-10)
        np.testing.assert_allclose(mine[key], nets[key], rtol=1e-10)
    assert bugs.loss(params, X, T) == pytest.approx(net.loss(X, T))


def test_reference_passes_the_checkers():
    params, X, T = bugs.hunt_problem()
    assert check_gradients(lambda: bugs.loss(params, X, T), params, bugs.gradient(params, X, T)).ok
    correct = bugs.check_update(lambda p, X, T, lr: bugs.sgd_step(bugs.gradient, p, X, T, lr), bugs.loss,
                                params, X, T, 0.5)
    assert [r.verdict for r in correct] == ["ok"] * 4
    x, t, params = datasets.worked_example()
    worked = bugs.check_update(bugs.worked_example_step, bugs.worked_example_loss, params, x, t, 1.0)
    assert [r.verdict for r in worked] == ["ok", "ok"]


@pytest.mark.parametrize("letter", sorted(bugs.BUGS))
def test_every_bug_is_caught_exactly_where_planted(letter):
    bug = bugs.BUGS[letter]
    report = bugs.hunt(letter)
    assert not report.ok
    assert {r.name for r in report if r.verdict == "wrong"} == set(bug.wrong)
    assert all(r.verdict == "ok" for r in report if r.name not in bug.wrong)


def test_six_distinct_bugs_with_names_and_hints():
    assert len(bugs.BUGS) >= 6
    assert len({b.name for b in bugs.BUGS.values()}) == len(bugs.BUGS)
    assert all(b.hint and b.wrong for b in bugs.BUGS.values())


def test_update_then_propagate_error_grows_with_lr():
    params, X, T = bugs.hunt_problem()
    errors = [bugs.check_update(bugs.update_then_propagate_step, bugs.loss, params, X, T, lr)[0].rel_error
              for lr in (1e-4, 1e-2, 1.0)]
    assert errors[0] < errors[1] < errors[2]
    assert errors[1] / errors[0] == pytest.approx(100, rel=0.2)
    step = bugs.update_then_propagate_step
    assert bugs.check_update(step, bugs.loss, params, X, T, 1e-7)[0].verdict == "ok"
    assert bugs.check_update(step, bugs.loss, params, X, T, 0.1)[0].verdict == "wrong"


def test_worked_example_broadcast_shapes_values_and_falling_loss():
    X, T, P = datasets.worked_example()
    change = (bugs.worked_example_broadcast_step(P, X, T)["W1"] - P["W1"]).T  # columns: rows = hidden units
    assert change.shape == (2, 2)
    np.testing.assert_allclose(change[0], change[1])  # one (1, 2) row broadcast onto both rows
    np.testing.assert_allclose(change, [[-0.00338, -0.01014]] * 2, atol=1e-5)
    right = (bugs.worked_example_step(P, X, T)["W1"] - P["W1"]).T
    assert not np.allclose(change, right)
    buggy = bugs.losses(bugs.worked_example_broadcast_step, bugs.worked_example_loss, P, X, T, 1.0, 100)
    assert np.all(np.diff(buggy) < 0) and buggy[-1] < 1e-5  # the loss falls all the same
    assert bugs.worked_example_loss(P, X, T) == pytest.approx(0.5 * (0.5 - 0.690283) ** 2, rel=1e-4)
    assert P["W1"][0, 0] == 0.1 and P["W1"][1, 0] == 0.8  # nothing modified the post's numbers


def test_missing_transpose_runs_only_on_square_weights():
    params = TwoLayerNet(3, 4, 3, seed=0).params
    X, T = np.ones((2, 3)), np.full((2, 3), 0.5)
    with pytest.raises(ValueError):
        bugs.gradient(params, X, T, transpose=False)


def test_stale_forward_is_right_first_then_stale():
    params, X, T = bugs.hunt_problem()
    stale = bugs.StaleForward()
    first = stale(params, X, T)
    for key in params:
        np.testing.assert_allclose(first[key], bugs.gradient(params, X, T)[key])
    moved = {k: v + 0.1 for k, v in params.items()}
    assert not np.allclose(stale(moved, X, T)["W2"], bugs.gradient(moved, X, T)["W2"])






def test_inplace_relu_backward_overwrites_its_input():
    dout = np.array([0.5, 0.5, 0.5])
    out = bugs.inplace_relu_backward(np.array([True, False, True]), dout)
    assert out is dout
    np.testing.assert_array_equal(dout, [0.0, 0.5, 0.0])


def test_implied_gradient_of_plain_sgd_is_the_gradient():
    params, X, T = bugs.hunt_problem()
    step = partial(bugs.sgd_step, bugs.gradient)
    implied = bugs.implied_gradient(step, params, X, T, 0.3)
    for key, g in bugs.gradient(params, X, T).items():
        np.testing.assert_allclose(implied[key], g, rtol=1e-9, atol=1e-12)


def test_at_a_huge_learning_rate_the_hunt_is_inconclusive_not_ok():
    """Everything saturates after one step of η = 10⁶: gradients are 0 or round-off, so no verdict is
    "ok" (which would clear every planted bug) and none is "wrong"."""
    for letter in bugs.BUGS:
        assert {r.verdict for r in bugs.hunt(letter, lr=1e6)} == {"inconclusive"}, letter

