"""Every slider scene of the notebooks: blitting lists every artist its update changes (the picture a
slider shows equals a full draw), and no update puts NaN or inf into a plot."""

import pytest
from figures import assert_blit_matches_full_draw, assert_plots_finite

from bp_core.course import experiments
from bp_core.course.scenes import (
    chain_rule,
    digits,
    gradient_check,
    learning_rate,
    mini_batches,
    neuron_graph,
    training,
    worked_example,
)
from bp_core.course.viz import Renderer


def digit_scene():
    net, _, (X, labels) = experiments.digits_run()
    return digits.DigitScene(net, X, labels)


# scene factory, then two settings of its sliders (the second changes every slider)
SCENES = {
    "slope": (chain_rule.SlopeScene, {"x": 0.5, "h": 1.0}, {"x": -2.0, "h": 0.1}),
    "chain_rule": (chain_rule.ChainRuleScene, {}, {"x": -1.5, "w": 2.0, "b": 0.5, "t": 0.2}),
    "neuron_graph": (neuron_graph.NeuronGraphScene, {}, {"x1": -0.5, "x2": 2.0, "w1": -1.0, "w2": 0.3,
                                                         "b": 1.0,
                                                 "t": 0.0, "lr": 2.0}),
    "learning_rate": (learning_rate.LearningRateScene, {"lr": 0.1}, {"lr": 1.2}),
    "bowl": (learning_rate.BowlScene, {"lr": 0.1}, {"lr": 0.21}),
    "network_lr": (learning_rate.NetworkLRScene, {"lr": 1.0}, {"lr": 40.0}),
    "worked_example": (worked_example.WorkedExampleScene, {}, {"W1_11": 0.5, "W1_12": -0.2, "W1_21": 0.1,
                                                     "W1_22": 0.9, "W2_1": -0.4, "W2_2": 1.1}),
    "mini_batch": (mini_batches.MiniBatchScene, {"batch_size": 20}, {"batch_size": 1}),
    "h_sweep": (gradient_check.HSweepScene, {"log10_h": -5.0}, {"log10_h": -9.0}),
    "training": (lambda: training.TrainingScene("xor"),
                 {"lr": 1.0, "batch_size": 10, "hidden": 8, "epochs": 30},
                 {"lr": 30.0, "batch_size": 42, "hidden": 2, "epochs": 5}),
    "digits": (digit_scene, {"index": 0}, {"index": 7}),
}


@pytest.mark.parametrize("name", SCENES)
def test_scene_blit_matches_full_draw(name):
    make, first, second = SCENES[name]
    scene = make()
    assert scene.animated, "a slider scene lists the artists it changes"
    render = Renderer(scene)
    scene.update(**first)
    before = render()
    text = scene.update(**second)
    assert isinstance(text, str) and text
    assert render() != before
    assert_blit_matches_full_draw(scene, render)
    assert_plots_finite(scene.fig)
