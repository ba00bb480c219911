"""The cached experiments and the scenes of mini-batches, gradient checking, loss curves and digits, and
the solutions of those notebooks' exercises."""


import numpy as np
import pytest
from figures import assert_plots_finite

from bp_core import TwoLayerNet, check_network, loops, metrics, train
from bp_core.course import experiments
from bp_core.course.scenes import digits, gradient_check, mini_batches, training


# ---- 05 ----
def test_loops_equal_matrices_on_the_half_plane():
    net, X, T = experiments.half_plane_problem(30)
    by_loops, by_net = loops.loop_gradient(net.params, X, T), net.gradient(X, T)
    for key in net.params:
        np.testing.assert_allclose(by_loops[key], by_net[key], rtol=1e-10, atol=1e-14)


def test_time_loop_vs_matrix_table():
    table = mini_batches.time_loop_vs_matrix([1, 20], repeats=1)
    assert table.shape == (2, 3) and (table[:, 1:] > 0).all()
    assert table[1, 1] > table[0, 1]  # loops grow with N
    assert mini_batches.best_time(lambda: None, 2) >= 0
    assert len(mini_batches.plot_timings(table).fig.axes) == 1


def test_sgd_run_counts_steps_and_learns():
    seen, curve = experiments.sgd_run(20, epochs=2, N=100)
    assert len(seen) == len(curve) == 1 + 2 * 5 and seen[-1] == 200
    assert curve[-1] < curve[0]
    seen1, _ = experiments.sgd_run(1, epochs=1, N=40)
    assert len(seen1) == 41


def test_minibatch_scene_updates_its_line():
    scene = mini_batches.MiniBatchScene(epochs=1, N=40)
    text = scene.update(batch_size=10)
    seen, curve = experiments.sgd_run(10, 1, 40)
    np.testing.assert_array_equal(scene.line.get_ydata(), curve)
    assert text == f"batch size 10: 4 steps, final loss {curve[-1]:.4f}"
    assert scene.label.get_text() == "batch size 10"
    assert_plots_finite(scene.fig)


# ---- 06 ----
def test_h_sweep_is_a_v():
    hs = np.logspace(-12, 0, 61)
    e64, e32 = gradient_check.h_sweep(hs), gradient_check.h_sweep(hs, np.float32)
    assert e64.min() < 1e-9 and e32.min() > 1e-7  # float32 can never reach 1e-7
    best64, best32 = hs[np.argmin(e64)], hs[np.argmin(e32)]
    assert 1e-7 < best64 < 1e-3 and best32 > best64
    assert e64[0] > 100 * e64.min() and e64[-1] > 100 * e64.min()  # both arms rise
    with pytest.raises(ValueError, match="hs"):
        gradient_check.h_sweep([0.0, 1e-3])


def test_hsweep_scene_moves_markers():
    scene = gradient_check.HSweepScene()
    text = scene.update(log10_h=-3)
    i = int(np.argmin(np.abs(np.log10(scene.HS) + 3)))
    assert scene.dots["float64"].get_xdata()[0] == pytest.approx(1e-3)
    assert scene.dots["float32"].get_ydata()[0] == scene.err["float32"][i]
    assert text.startswith("h = 1.0e-03")
    assert_plots_finite(scene.fig)


def test_kink_example_false_alarm_and_kink_verdict():
    net, X, T = gradient_check.kink_example(3e-6)
    z = X @ net.params["W1"] + net.params["b1"]
    assert z[0, 0] == pytest.approx(3e-6, abs=1e-12)
    report = check_network(net, X, T)
    assert report[1].verdict == "wrong" and report[1].kink_crossed
    assert check_network(net, X, T, h=1e-7).ok
    assert check_network(*gradient_check.kink_example(9.99e-6, N=100))[1].verdict == "kink"


def test_report_rows_hides_round_off():
    text = gradient_check.report_rows(check_network(*gradient_check.kink_example(3e-6)))
    assert "< 1e-08" in text and "(kink crossed)" in text and "wrong" in text


# ---- 07 ----
def test_toy_split_and_errors():
    (X, t), (Xv, tv), extent = experiments.toy_split("xor")
    assert X.shape == (84, 2) and Xv.shape == (36, 2) and extent[0] < X[:, 0].min()
    with pytest.raises(ValueError, match="name"):
        experiments.toy_split("circles")


def test_training_run_records_every_epoch_and_matches_train():
    run = experiments.training_run("xor", 1.0, 10, 8, 5)
    assert run["epochs_done"] == 5 and not run["diverged"]
    assert run["train_loss"].shape == (6,) and len(run["params"]) == 6
    prob = training.decision_map("xor", run, 3)
    assert prob.shape == (training.GRID, training.GRID) and np.isfinite(prob).all()
    assert (0 <= prob).all() and (prob <= 1).all()
    assert not np.allclose(prob, training.decision_map("xor", run, 0))
    (X, t), _, _ = experiments.toy_split("xor")
    net = TwoLayerNet(2, 8, 2, "tanh", "softmax_ce", seed=0)
    for epoch in range(1, 6):
        train(net, X, t, lr=1.0, batch_size=10, epochs=1, seed=epoch)
    assert run["train_loss"][-1] == pytest.approx(net.loss(X, t))


def test_every_run_is_described_so_that_text_and_numbers_agree():
    run = experiments.training_run
    describe = training.describe_run
    assert describe(run("xor", 0.3, 10, 32, 30)) == ("overfitting: validation loss lowest at epoch 15, then "
                                                     "rising while training loss falls")
    assert describe(run("xor", 1.0, 84, 32, 30)).startswith("training and validation")
    assert describe(run("xor", 0.01, 10, 32, 30)).startswith("barely learning")
    confident = run("xor", 30.0, 10, 32, 30)  # 98 % right, yet the loss ends above its start
    assert confident["train_acc"][-1] >= 0.9 and confident["train_loss"][-1] > confident["train_loss"][0]
    assert describe(confident).startswith("unstable: the training loss ends above where it started although "
                                          "98% of the training points are right — over-confident")
    never = run("xor", 3.0, 20, 32, 30)  # the validation loss is lowest before training, accuracy 81 %
    assert int(np.argmin(never["val_loss"])) == 0 and never["val_acc"][-1] > 0.8
    assert describe(never).startswith("the validation loss never falls below its start, though 81% of the "
                                      "validation points are right")
    fake = {"diverged": False, "train_acc": np.array([0.5, 0.5]), "val_acc": np.array([0.5, 0.5])}
    assert describe({**fake, "train_loss": np.ones(1), "val_loss": np.ones(1)}) == "before training"
    assert describe({**fake, "diverged": True, "epochs_done": 3, "train_loss": np.ones(4),
                     "val_loss": np.ones(4)}).startswith("diverged after 3 epochs")
    assert describe({**fake, "train_loss": np.array([1.0, 2.0]), "val_loss": np.array([1.0, 2.0])}) == (
        "unstable: η is too large, the training loss ends above where it started")


def test_training_scene_updates_in_place_and_never_plots_nan():
    scene = training.TrainingScene("xor")
    image = scene.image
    text = scene.update(lr=1.0, batch_size=10, hidden=8, epochs=30)
    run = experiments.training_run("xor", 1.0, 10, 8, 30)
    np.testing.assert_allclose(scene.train_line.get_ydata(), run["train_loss"][:31])
    np.testing.assert_allclose(scene.image.get_array(), training.decision_map("xor", run, 30))
    assert scene.image is image and f"train loss {run['train_loss'][30]:.3f}" in text
    scene.update(lr=31.6, batch_size=5, hidden=32, epochs=30)
    assert_plots_finite(scene.fig)
    assert "UNSTABLE" in scene.ax_loss.get_title() or "DIVERGED" in scene.ax_loss.get_title()
    high = training.LOSS_RANGE[1]
    above = np.flatnonzero(scene.val_line.get_ydata() > high)  # off the axis, and marked on its top edge
    assert len(above) and (scene.over["validation"].get_xdata() == above).all()
    assert scene.ax_loss.get_ylim() == training.LOSS_RANGE  # fixed: a slider move redraws only the curves


# ---- 08 ----
def test_digits_run_reaches_95_percent():
    net, history, (X, t) = experiments.digits_run()
    assert len(X) == 449 and history.val_acc[-1] > 0.95 and not history.diverged
    assert net.accuracy(X, t) == pytest.approx(history.val_acc[-1])


def test_confusion_matrix():
    C = metrics.confusion_matrix([0, 1, 1, 2], [0, 2, 1, 2], K=3)
    np.testing.assert_array_equal(C, [[1, 0, 0], [0, 1, 1], [0, 0, 1]])
    with pytest.raises(ValueError, match="labels and predicted"):
        metrics.confusion_matrix([0, 1], [0])


def test_digit_plots_and_scene():
    net, history, (X, t) = experiments.digits_run()
    assert len(digits.plot_history(history).fig.axes) == 2
    assert len(digits.plot_confusion(metrics.confusion_matrix(t, net.predict(X).argmax(1))).fig.axes) == 1
    assert len(digits.plot_gallery(X[:3], ["a", "b", "c"]).fig.axes) == 16
    scene = digits.DigitScene(net, X, t)
    text = scene.update(index=5)
    p = net.predict(X[5])
    assert [b.get_height() for b in scene.bars] == pytest.approx(list(p))
    assert text == f"digit 5: true {t[5]}, predicted {p.argmax()} with p = {p.max():.3f}"
    np.testing.assert_array_equal(scene.img.get_array(), X[5].reshape(8, 8))


# ---- solutions ----






# ---- the cache of experiments hands out results nobody can corrupt ----
def test_cached_arrays_are_read_only_and_the_cache_survives_edits():
    seen, curve = experiments.sgd_run(50, epochs=1, N=100)
    with pytest.raises(ValueError, match="read-only"):
        curve[0] = 99.0
    (X, t), _, _ = experiments.toy_split("moons")
    with pytest.raises(ValueError, match="read-only"):
        X[0, 0] = 99.0
    run = experiments.training_run("xor", 0.3, 10, 8, 5)
    with pytest.raises(ValueError, match="read-only"):
        run["params"][2]["W1"][0, 0] = 99.0
    run["train_loss"] = None  # replacing an entry changes this copy of the dict only
    assert experiments.training_run("xor", 0.3, 10, 8, 5)["train_loss"] is not None


def test_a_scene_moving_a_cached_network_does_not_change_the_cache():
    run = experiments.training_run("xor", 0.3, 10, 8, 5)
    final = {k: v.copy() for k, v in run["net"].params.items()}
    training.decision_map("xor", run, 0)  # sets the (handed-out) network to the weights of epoch 0
    again = experiments.training_run("xor", 0.3, 10, 8, 5)
    for key, value in final.items():
        np.testing.assert_array_equal(again["net"].params[key], value)
    net, history, _ = experiments.digits_run()
    net.params["W1"] += 1.0
    history.val_acc.clear()
    net2, history2, _ = experiments.digits_run()
    assert history2.val_acc and not np.array_equal(net2.params["W1"], net.params["W1"])


def test_keyword_and_positional_calls_share_one_cache_entry():
    before = experiments.training_run.cache_info()
    experiments.training_run("moons", 1.0, 20, 4, 3)
    experiments.training_run(name="moons", lr=1.0, batch_size=20, hidden=4, epochs=3, seed=0)
    experiments.training_run("moons", 1.0, 20, hidden=4, epochs=3)
    after = experiments.training_run.cache_info()
    assert after.misses - before.misses == 1 and after.hits - before.hits == 2
