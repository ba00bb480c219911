"""Stepper: Back / Next / Play / Reset and a step slider over a stepping scene, in both languages, with
Play stepping on an event loop (or by tick() without one), the slider and the status line always on the
same step, and its redraw timed; and BackpropStepsScene, whose numbers are net.trace's at every step."""

import asyncio
import re
import threading
import time

import numpy as np
import pytest
from figures import assert_blit_matches_full_draw, neuron_value_graph
from test_graph_scene import micrograd, random_graph, shared

from bp_core import datasets
from bp_core.course.i18n import set_language
from bp_core.course.scenes.backprop_steps import BackpropStepsScene
from bp_core.course.scenes.graph import GraphScene
from bp_core.course.scenes.worked_example import worked_example_net
from bp_core.course.widgets import Stepper, View


def labels(stepper):
    return [button.description for button in stepper.buttons.values()]


def assert_at(stepper, k):
    """The slider, the status line and the scene's picture all at step k."""
    n = stepper.scene.n_steps
    assert stepper.step.value == k and stepper.error is None
    assert stepper.status.value.startswith(f"<code>step {k} / {n}</code><br>")


def test_buttons_are_labelled_with_words_and_tooltips_in_both_languages():
    stepper = Stepper(GraphScene(micrograd()))
    assert labels(stepper) == ["Back", "Next", "Play", "Reset"]
    assert all(button.tooltip for button in stepper.buttons.values())
    assert all("bp-step-button" in button.get_state()["_dom_classes"] for button in stepper.buttons.values())
    assert "bp-stepper" in stepper.get_state()["_dom_classes"]
    assert "bp-status" in stepper.status.get_state()["_dom_classes"]
    assert (stepper.step.min, stepper.step.max) == (0, 14) and stepper in View.open_views()
    assert repr(stepper) == "Stepper(GraphScene; 14 steps)"
    try:
        set_language("zh-CN")
        chinese = Stepper(GraphScene(micrograd()))
        assert labels(chinese) == ["上一步", "下一步", "播放", "重置"]
        assert chinese.status.value.startswith("<code>步骤 0 / 14</code><br>")
        chinese.play()
        assert chinese.buttons["Play"].description == "暂停"
        chinese.play()
        assert chinese.buttons["Play"].description == "播放"
        assert chinese.step.description == "步骤"
    finally:
        set_language("en")


def test_back_next_reset_and_the_slider_stay_in_step():
    stepper = Stepper(GraphScene(micrograd()))
    n = stepper.scene.n_steps
    assert_at(stepper, 0)
    stepper.buttons["Back"].click()  # at step 0: nothing happens
    assert_at(stepper, 0) and len(stepper.timings) == 1
    for k in range(1, n + 1):
        stepper.buttons["Next"].click()
        assert_at(stepper, k)
    frames = len(stepper.timings)
    stepper.buttons["Next"].click()  # at the last step: nothing happens
    assert_at(stepper, n) and len(stepper.timings) == frames
    assert "backward pass, step 7 of 7" in stepper.status.value
    stepper.buttons["Back"].click()
    assert_at(stepper, n - 1)
    stepper.step.value = 3  # the slider itself (what the arrow keys move)
    assert_at(stepper, 3) and "e = a × b = 2 × (-3) = -6" in stepper.status.value
    stepper.buttons["Reset"].click()
    assert_at(stepper, 0)


def test_play_steps_by_tick_to_the_end_and_stops():
    stepper = Stepper(GraphScene(micrograd()))
    n = stepper.scene.n_steps
    stepper.buttons["Play"].click()  # no event loop runs here: each tick() is one step of Play
    assert stepper.playing and stepper.buttons["Play"].description == "Pause"
    ticks = 0
    while stepper.playing:
        stepper.tick()
        ticks += 1
        assert_at(stepper, ticks)
    assert ticks == n and stepper.buttons["Play"].description == "Play"
    stepper.tick()  # not playing: nothing
    assert_at(stepper, n)
    stepper.buttons["Play"].click()  # at the end, Play starts again from step 0
    assert_at(stepper, 0) and stepper.playing
    stepper.tick()
    stepper.buttons["Play"].click()  # a second press pauses
    assert not stepper.playing
    stepper.tick()
    assert_at(stepper, 1)
    stepper.play()
    stepper.buttons["Next"].click()  # Back, Next and Reset pause Play
    assert_at(stepper, 2) and not stepper.playing


def run_loop(coroutine):
    """asyncio.run(coroutine) on a fresh loop of its own thread: the test run's main thread may already
    hold a running loop (Playwright's), where asyncio.run refuses to start. The Stepper itself only ever
    uses the loop that runs where it is called."""
    errors = []

    def target():
        try:
            asyncio.run(coroutine)
        except BaseException as error:  # re-raised in the test's thread
            errors.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=30)
    if errors:
        raise errors[0]


def test_play_runs_on_the_event_loop_without_threads():
    stepper = Stepper(GraphScene(micrograd()), speed=10)
    n = stepper.scene.n_steps

    async def play():
        stepper.buttons["Play"].click()
        for _ in range(100):  # n steps at 10 per second
            await asyncio.sleep(0.05)
            if not stepper.playing:
                return

    run_loop(play())
    assert_at(stepper, n)
    assert not stepper.playing and stepper.buttons["Play"].description == "Play"


def test_closing_a_playing_stepper_stops_it():
    stepper = Stepper(GraphScene(micrograd()), speed=10)

    async def play_then_close():
        stepper.play()
        await asyncio.sleep(0.25)
        stepper.close()
        await asyncio.sleep(0.3)

    run_loop(play_then_close())
    assert not stepper.playing and stepper.scene is None and stepper not in View.open_views()


def step_through(stepper):
    """Every step forwards, then back to 0, then a jump to the end and one to the middle."""
    n = stepper.scene.n_steps
    for k in [*range(1, n + 1), *range(n - 1, -1, -1), n, n // 2]:
        stepper.step.value = k
        assert_at(stepper, k)
        yield k


@pytest.mark.parametrize("make", [lambda: GraphScene(neuron_value_graph()), BackpropStepsScene])
def test_every_step_of_a_stepper_blits_like_a_full_draw(make):
    stepper = Stepper(make())
    assert_blit_matches_full_draw(stepper.scene, stepper.render)
    for _ in step_through(stepper):
        assert_blit_matches_full_draw(stepper.scene, stepper.render)


def test_every_step_is_timed():
    """The Stepper records every redraw (benchmarks/sliders.py reports them as p50/p95 per stepper)."""
    stepper = Stepper(GraphScene(random_graph(1, 20)))
    stepper.timings.clear()
    for _ in step_through(stepper):
        pass
    assert len(stepper.timings) == 2 * stepper.scene.n_steps + 2 and all(t > 0 for t in stepper.timings)


def test_the_matrix_steps_compute_net_traces_numbers():
    x, t, _ = datasets.worked_example()
    trace = worked_example_net().trace(x, t)
    stepper = Stepper(BackpropStepsScene())
    scene = stepper.scene
    assert scene.n_steps == 9  # BP1, BP2 × 2 hidden units, BP4 × (2 entries of W² + 4 of W¹)
    order = [("delta2", (0, 0)), ("delta1", (0, 0)), ("delta1", (0, 1)), ("dW2", (0, 0)), ("dW2", (1, 0)),
             ("dW1", (0, 0)), ("dW1", (0, 1)), ("dW1", (1, 0)), ("dW1", (1, 1))]
    assert [s.target for s in scene.steps] == order
    for k in step_through(stepper):
        for j, (key, index) in enumerate(order):
            value = scene.known[key][index]
            if j < k:
                assert abs(value - trace[key][index]) <= 1e-12, (k, key, index)
                assert scene.entries[key, index].get_text() != ""
            else:
                assert np.isnan(value) and scene.entries[key, index].get_text() == ""
    stepper.step.value = 2
    assert "δ¹₁ = W²₁ · δ² · σ′(z¹₁) = 0.3 · 0.04068 · 0.2175 = 0.002654" in stepper.status.value
    assert "BP2, the error of hidden unit 1" in stepper.status.value
    assert scene.edges["h1", "y"].get_linewidth() == 3 and scene.edges["h2", "y"].get_linewidth() == 1.5
    assert scene.entries["delta1", (0, 0)].get_bbox_patch().get_facecolor() != \
        scene.entries["delta1", (0, 1)].get_bbox_patch().get_facecolor()


def test_the_matrix_steps_follow_other_weights_too():
    W1, W2 = np.array([[0.5, -0.2], [0.1, 0.9]]), np.array([[-0.4], [1.1]])
    x, t, _ = datasets.worked_example()
    trace = worked_example_net(W1, W2).trace(x, t)
    scene = BackpropStepsScene(W1, W2)
    scene.update(step=scene.n_steps)
    for key in ("delta2", "delta1", "dW2", "dW1"):
        np.testing.assert_allclose(scene.known[key], trace[key], rtol=0, atol=1e-12)
    with pytest.raises(ValueError, match="at most n_steps = 9"):
        scene.update(step=10)


def test_play_steps_in_a_real_kernel_after_a_click_from_the_front_end():
    """The click arrives as a comm message, as JupyterLab sends it; Play then steps on the kernel's own
    event loop while the kernel is idle, and stops at the last step."""
    jupyter_client = pytest.importorskip("jupyter_client")
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="python3")

    def send(msg_type, content):
        msg = kc.session.msg(msg_type, content)
        kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def run(code, expressions):
        msg_id = send("execute_request", {"code": code, "silent": False, "store_history": False,
                                          "allow_stdin": False, "user_expressions": expressions,
                                          "stop_on_error": True})
        while True:
            reply = kc.get_shell_msg(timeout=120)
            if reply["parent_header"].get("msg_id") == msg_id:
                assert reply["content"]["status"] == "ok", reply["content"]
                return {k: v["data"]["text/plain"] for k, v in reply["content"]["user_expressions"].items()}

    try:
        setup = run("from bp_core.value import Value\n"
                    "from bp_core.course.scenes.graph import GraphScene\n"
                    "from bp_core.course.widgets import Stepper\n"
                    "a, b = Value(2.0, 'a'), Value(-3.0, 'b')\n"
                    "stepper = Stepper(GraphScene((a * b + 10).tanh()), speed=10)",
                    {"play": "stepper.buttons['Play'].model_id", "n": "stepper.step.max"})
        send("comm_msg", {"comm_id": setup["play"].strip("'"),
                          "data": {"method": "custom", "content": {"event": "click"}}})
        deadline = time.monotonic() + int(setup["n"]) / 10 + 10
        while time.monotonic() < deadline:
            time.sleep(0.25)  # the kernel is idle in between: Play steps
            state = run("", {"step": "stepper.step.value", "playing": "stepper.playing",
                             "label": "stepper.buttons['Play'].description"})
            if state["playing"] == "False":
                break
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert state == {"step": setup["n"], "playing": "False", "label": "'Play'"}


def test_every_sentence_of_the_steppers_has_its_chinese():
    """tr() is a KeyError for a sentence missing from zh_cn.TEXT: show every step of each kind in Chinese."""
    try:
        set_language("zh-CN")
        for scene in (GraphScene(shared()), BackpropStepsScene()):
            stepper = Stepper(scene)
            statuses = [scene.update(step=k) for k in range(scene.n_steps + 1)]
            assert all(re.search("[\u4e00-\u9fff]", s) for s in statuses) and stepper.error is None
            stepper.play()
            assert labels(stepper)[2] == "暂停" and all(b.tooltip for b in stepper.buttons.values())
        assert GraphScene(shared()).update() == "计算图当前的样子：所有的值，以及到目前为止已算出的梯度"
    finally:
        set_language("en")
