"""The scenes of the chain rule, one neuron, the learning rate and the worked example, and the
solutions of those notebooks' exercises."""

import re

import numpy as np
import pytest
from figures import assert_plots_finite

from bp_core import TwoLayerNet, gradcheck, neuron
from bp_core.course.scenes import chain_rule, learning_rate, neuron_graph, worked_example
from bp_core.functions import sigmoid


def test_slopes():
    assert gradcheck.forward_slope(lambda x: x**2, 1.0, 0.1) == pytest.approx(2.1)
    assert gradcheck.central_slope(lambda x: x**2, 1.0, 0.1) == pytest.approx(2.0)
    with pytest.raises(ValueError, match="h"):
        gradcheck.forward_slope(np.sin, 0.0, 0)


def test_tangent_passes_through_the_point_with_the_slope():
    xs, ys = chain_rule.tangent(1.0, 2.0, 3.0, 0.5)
    assert np.allclose(xs, [0.5, 1.5]) and np.allclose(ys, [0.5, 3.5])


def test_slope_scene():
    scene = chain_rule.SlopeScene()
    text = scene.update(x=0.5, h=0.1)
    assert f"{gradcheck.forward_slope(sigmoid, 0.5, 0.1):.4f}" in text
    assert np.allclose(scene.points.get_xdata(), [0.5, 0.6])
    assert_plots_finite(scene.fig)


def test_chain_rule_scene_shows_the_product():
    scene = chain_rule.ChainRuleScene()
    text = scene.update(x=2.0, w=0.0, b=0.0, t=1.0)
    assert "-0.2500" in text  # (0.5 − 1) · 0.25 · 2
    xs, ys = scene.tangents[2].get_data()
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(-0.25)
    assert_plots_finite(scene.fig)


def test_neuron_graph_scene_numbers_follow():
    scene = neuron_graph.NeuronGraphScene()
    scene.update(x1=1.0, x2=-1.0, w1=0.5, w2=1.0, b=0.0, t=1.0, lr=5.0)
    n = neuron([1.0, -1.0], [0.5, 1.0], 0.0, 1.0)
    assert scene.grads["w1", "×1"].get_text() == f"{n.dL_dw[0]:.3f}"
    assert scene.values["+", "σ"].get_text() == f"{n.z:.3f}"
    assert np.allclose(scene.arrow.xy, np.array([0.5, 1.0]) - 5.0 * n.dL_dw)
    scene.update(x1=0.0, x2=-1.0, w1=0.5, w2=1.0, b=0.0, t=1.0, lr=5.0)
    assert scene.grads["w1", "×1"].get_text() == "0.000"  # never "-0.000"
    assert np.isfinite(scene.image.get_array()).all()
    with pytest.raises(ValueError, match="lr"):
        scene.update(lr=0.0)


def test_loss_grid_matches_neuron():
    w1, w2 = np.array([0.5, 1.0]), np.array([-1.0, 2.0, 3.0])
    grid = neuron_graph.neuron_loss_grid(w1, w2, np.array([1.0, 2.0]), 0.1, 0.3)
    assert grid.shape == (3, 2)
    assert grid[2, 1] == pytest.approx(neuron([1.0, 2.0], [1.0, 3.0], 0.1, 0.3).loss)


@pytest.mark.parametrize(("lr", "word"), [(0.3, "monotone"), (0.8, "oscillating, converging"),
                                          (1.0, "stuck oscillating"), (1.4, "diverging")])
def test_learning_rate_scene_names_the_regime(lr, word):
    scene = learning_rate.LearningRateScene()
    text = scene.update(lr=lr)
    assert word in text and word in scene.title.get_text()
    assert_plots_finite(scene.fig)


def test_learning_rate_scene_stuck_path_is_5_minus5():
    scene = learning_rate.LearningRateScene()
    scene.update(lr=1.0)
    assert np.allclose(scene.path.get_xdata()[:3], [5, -5, 5])


def test_bowl_scene_zigzags_in_the_steep_direction():
    scene = learning_rate.BowlScene()
    text = scene.update(lr=0.15)
    assert "along w₁ monotone" in text and "along w₂ oscillating, converging" in text
    w2 = scene.path.get_ydata()
    assert np.all(np.sign(w2[1:6]) != np.sign(w2[:5]))  # the sign of w₂ flips every step
    assert "diverging" in scene.update(lr=0.21)
    assert_plots_finite(scene.fig)


@pytest.fixture(scope="module")
def network_scene():
    return learning_rate.NetworkLRScene()


def test_network_scene_bound_is_local(network_scene):
    scene = network_scene
    assert scene.lam > 0 and scene.bound == pytest.approx(2 / scene.lam)
    below = scene.update(lr=0.5 * scene.bound)
    assert "fell steadily" in below and "below" in scene.title.get_text()
    losses, diverged = scene.run(2.0 * scene.bound)
    assert not diverged and losses.max() > losses[0]  # the loss rises on the way: the bound is exceeded
    assert_plots_finite(scene.fig)


def test_worked_example_scene_matches_two_layer_net():
    scene = worked_example.WorkedExampleScene()
    text = scene.update()
    assert "y = 0.6903" in text
    tr = scene.trace(np.array([[0.1, 0.4], [0.8, 0.6]]), np.array([[0.3], [0.9]]))
    assert tr["y"][0, 0] == pytest.approx(0.69028349, abs=5e-9)
    assert scene.edge_text["W2", (0, 0)].get_text().startswith("0.300\n∂ 0.02767")
    net = worked_example.worked_example_net(np.array([[0.1, 0.4], [0.8, 0.6]]), np.array([[0.3], [0.9]]))
    assert isinstance(net, TwoLayerNet) and net.loss([0.35, 0.9], [[0.5]]) == pytest.approx(tr["loss"])
    scene.update(W1_11=-2.0, W2_2=-2.0)
    assert re.search(r"y = 0\.\d{4}", scene.update(W1_11=-2.0, W2_2=-2.0))
