"""What backprop costs against central differences, vanishing gradients in a deep net, symmetric starts
and the spread of the pre-activations under three initialisations: the numbers the notebooks state."""

import numpy as np
import pytest
from figures import assert_plots_finite

from bp_core import MLP, TwoLayerNet, datasets, train
from bp_core.course.experiments import digits_run, toy_split
from bp_core.course.scenes import gradient_cost, initialisation, vanishing_gradients


@pytest.fixture(scope="module")
def digits():
    X, labels = datasets.load_digits()
    return X[:20], labels[:20]


@pytest.fixture(scope="module")
def moons():
    return datasets.moons(200, noise=0.2, seed=0)


# ---- what a gradient costs ----
def test_central_differences_make_two_forward_passes_per_parameter(digits):
    net = digits_run()[0]
    P = gradient_cost.parameter_count(net)
    assert P == 64 * 50 + 50 + 50 * 10 + 10 == 3760
    assert gradient_cost.forward_passes(net, "numerical_gradient", *digits) == 2 * P
    assert gradient_cost.forward_passes(net, "gradient", *digits) == 1


def test_counting_leaves_the_network_as_it_was(digits):
    net = digits_run()[0]
    before = {key: p.copy() for key, p in net.params.items()}
    gradient_cost.forward_passes(net, "numerical_gradient", *digits)
    assert net.forward.__func__ is TwoLayerNet.forward
    for key, p in net.params.items():
        np.testing.assert_array_equal(p, before[key])


def test_backprop_is_far_faster_than_central_differences(digits):
    times = gradient_cost.gradient_times(digits_run()[0], *digits, repeats=5, numerical_repeats=1)
    assert set(times) == {"forward", "backprop", "numerical"} and min(times.values()) > 0
    assert times["numerical"] > 100 * times["backprop"]  # 7,520 forward passes against about 3


def test_the_slowdown_grows_with_the_number_of_parameters(digits):
    table = gradient_cost.cost_table([5, 40], *digits, repeats=5, numerical_repeats=1)
    assert table.shape == (2, 4)
    np.testing.assert_array_equal(table[:, :2], [[5, 75 * 5 + 10], [40, 75 * 40 + 10]])
    ratio = table[:, 3] / table[:, 2]
    assert ratio[1] > 2 * ratio[0]  # P grows 7.8×
    fig = gradient_cost.plot_cost(table).fig
    assert len(fig.axes) == 2
    assert_plots_finite(fig)


# ---- vanishing gradients ----
def test_sigmoid_layers_shrink_the_error_signal_and_relu_layers_do_not(moons):
    sizes = {f: vanishing_gradients.gradient_sizes(MLP([2] + [16] * 6 + [1], f), *moons)
             for f in ("sigmoid", "tanh", "relu")}
    for size in sizes.values():
        assert size["delta"].shape == size["dW"].shape == (7,)
    sigmoid = sizes["sigmoid"]
    assert (np.diff(sigmoid["delta"]) > 0).all()  # smaller at every step back
    assert sigmoid["delta"][5] / sigmoid["delta"][0] > 500  # five sigmoid layers, σ′ ≤ 1/4 each
    assert sigmoid["dW"][5] / sigmoid["dW"][0] > 100
    for f in ("tanh", "relu"):
        assert 1 / 3 < sizes[f]["delta"][5] / sizes[f]["delta"][0] < 3
    fig = vanishing_gradients.plot_gradient_sizes(sizes).fig
    assert len(fig.axes) == 2
    assert_plots_finite(fig)


def test_rms_is_the_size_of_an_entry():
    assert vanishing_gradients.rms(np.full((3, 4), -2.0)) == 2.0


# ---- symmetry and initialisation ----
def test_equal_weights_stay_equal_and_the_net_stalls():
    (X, t), _, _ = toy_split("xor")
    same, varied = (TwoLayerNet(2, 8, 2, "tanh", "softmax_ce", seed=0) for _ in range(2))
    for key in ("W1", "W2"):
        same.params[key][:] = 0.5
    history_same = train(same, X, t, lr=0.3, batch_size=10, epochs=30)
    history_varied = train(varied, X, t, lr=0.3, batch_size=10, epochs=30)
    W1, b1, W2 = same.params["W1"], same.params["b1"], same.params["W2"]
    assert np.ptp(W1, axis=1).max() < 1e-12 and np.ptp(b1) < 1e-12 and np.ptp(W2, axis=0).max() < 1e-12
    assert np.ptp(W1[:, 0]) > 0.01  # the weights did move, all hidden units alike
    assert max(history_same.train_acc) < 0.7 < 0.9 < history_varied.train_acc[-1]


def test_the_spread_of_z_saturates_explodes_vanishes_or_stays_of_order_one():
    spread = {(f, s): initialisation.preactivation_spread(f, s) for f in initialisation.ACTIVATIONS
              for s in initialisation.STDS}
    assert all(z.shape == (10,) for z in spread.values())
    assert (spread["sigmoid", 1.0] > 3).all() and (spread["tanh", 1.0] > 3).all()  # saturated
    assert spread["relu", 1.0][-1] > 1e6  # exploding: × √(64/2) per layer
    assert spread["tanh", 0.01][-1] < 1e-9 and spread["relu", 0.01][-1] < 1e-9  # vanishing
    assert (spread["sigmoid", 0.01] < 0.1).all()  # every unit near σ(0) = 1/2
    low, high = initialisation.ORDER_ONE
    for f in initialisation.ACTIVATIONS:
        assert (low < spread[f, None]).all() and (spread[f, None] < high).all()


def test_the_spread_figure():
    fig = initialisation.plot_spread(depth=4, width=16).fig
    assert len(fig.axes) == 3 and len(fig.legends) == 1
    assert_plots_finite(fig)
    assert initialisation.init_name(0.01) == "N(0, 0.01²)"
