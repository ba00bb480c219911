"""GraphScene: any small Value graph drawn readably (no label over another or under an edge, every label
inside its node's box), its steps shown as the engine computes them (blank until computed, then the
engine's numbers), every step's blit equal to a full draw, and the learner's grads left alone."""

import random
import re

import pytest
from figures import assert_blit_matches_full_draw, neuron_value_graph
from matplotlib.path import Path

from bp_core.course.i18n import set_language
from bp_core.course.scenes.graph import MAX_NODES, GraphScene, graph_figure, number
from bp_core.course.viz import Renderer
from bp_core.value import Value, grads_after


def micrograd():
    """The classic expression of micrograd's README: L = (a·b + c)·f."""
    a, b, c, f = Value(2.0, "a"), Value(-3.0, "b"), Value(10.0, "c"), Value(-2.0, "f")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    return L


def shared():
    """a·a + a: one node used three times."""
    a = Value(3.0, "a")
    s = a * a
    s.label = "s"
    L = s + a
    L.label = "L"
    return L


def random_graph(seed, size):
    """An unlabelled random expression of `size` nodes: 6 inputs, random operations on them and on each
    other, and the sum of those that nothing else uses."""
    rng = random.Random(seed)
    inputs = [Value(round(rng.uniform(-2, 2), 2), f"x{i}") for i in range(6)]
    ops = [lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b, lambda a, b: a.tanh(),
           lambda a, b: a.sigmoid(), lambda a, b: a.relu()]
    nodes, unused = list(inputs), list(inputs)
    while len(nodes) + len(unused) - 1 < size:  # the final sum adds len(unused) - 1 nodes
        a = unused.pop(rng.randrange(len(unused))) if unused else rng.choice(nodes)
        nodes.append(rng.choice(ops)(a, rng.choice(nodes)))
        unused.append(nodes[-1])
    L = unused[0]
    for node in unused[1:]:
        L = L + node
    return L


def chain(size):
    """x → ×1.5 → tanh → ×1.5 → tanh …, `size` nodes in all (the constants 1.5 included)."""
    x, n = Value(0.5, "x"), 1
    while n < size:
        x, n = (x.tanh(), n + 1) if x.op == "*" or n + 1 == size else (x * 1.5, n + 2)
    return x


GRAPHS = {"neuron": neuron_value_graph, "micrograd": micrograd, "shared": shared,
          "random20": lambda: random_graph(1, 20), "random34": lambda: random_graph(0, 34),
          "random40": lambda: random_graph(3, 40), "chain": lambda: chain(39)}


def every_step_forwards_backwards_and_jumps(scene):
    n = scene.n_steps
    return [*range(n + 1), *range(n - 1, -1, -1), n, 0, n // 2, 1, None]


@pytest.mark.parametrize("name", ["neuron", "micrograd", "shared", "random20"])
def test_every_step_blits_like_a_full_draw(name):
    scene = GraphScene(GRAPHS[name]())
    render = Renderer(scene)
    for step in every_step_forwards_backwards_and_jumps(scene):
        scene.update(step=step)
        assert_blit_matches_full_draw(scene, render)


def text_boxes(scene):
    """(text artist, window extent) of every visible non-empty text after a draw."""
    scene.fig.canvas.draw()
    renderer = scene.fig.canvas.get_renderer()
    return [(t, t.get_window_extent(renderer)) for t in scene.ax.texts if t.get_visible() and t.get_text()]


def overlap(a, b):
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def assert_readable(scene):
    """No two labels overlap, no edge runs through a label, every node's labels lie inside its box, every
    text is ≥ 10 pt and the figure fits the notebook's width."""
    boxes = text_boxes(scene)
    for i, (s, a) in enumerate(boxes):
        assert s.get_fontsize() >= 10, s.get_text()
        for t, b in boxes[i + 1:]:
            assert not overlap(a, b), f"{s.get_text()!r} overlaps {t.get_text()!r}"
    lines = list(scene.edges.values()) + [p for p in scene.paths if p.get_visible()]
    for line in lines:
        path = Path(line.get_transform().transform(line.get_xydata()))
        for t, box in boxes:
            assert not path.intersects_bbox(box, filled=False), f"an edge runs through {t.get_text()!r}"
    renderer = scene.fig.canvas.get_renderer()
    node_boxes = [box.get_window_extent(renderer) for box in scene.boxes]
    for i, texts in enumerate(scene.node_texts):
        for t in texts.values():
            if t.get_text():
                extent = t.get_window_extent(renderer)
                inside = node_boxes[i].x0 <= extent.x0 and extent.x1 <= node_boxes[i].x1 and \
                    node_boxes[i].y0 <= extent.y0 and extent.y1 <= node_boxes[i].y1
                assert inside, f"{t.get_text()!r} leaves the box of node {scene.order[i].name!r}"
    for i, a in enumerate(node_boxes):
        assert not any(overlap(a, b) for b in node_boxes[i + 1:])
    assert scene.fig.get_size_inches()[0] * scene.fig.dpi <= 900


@pytest.mark.parametrize("name", GRAPHS)
def test_labels_never_overlap_or_sit_under_an_edge(name):
    scene = GraphScene(GRAPHS[name]())
    steps = range(scene.n_steps + 1) if scene.n_steps < 40 else range(0, scene.n_steps + 1, 7)
    for step in [*steps, scene.n_steps, None]:
        scene.update(step=step)
        assert_readable(scene)


def test_a_graph_beyond_the_limit_is_a_clear_error():
    big = chain(MAX_NODES + 1)
    with pytest.raises(ValueError, match=r"graph has 41 nodes, more than the 40 .* a smaller expression"):
        GraphScene(big)
    GraphScene(chain(MAX_NODES))  # 40 is fine
    with pytest.raises(TypeError, match="draws a Value's graph"):
        GraphScene(3.0)


def test_forward_steps_fill_values_node_by_node_and_no_grad():
    L = micrograd()
    scene = GraphScene(L)
    order = L.graph()
    assert [v.name for v in order] == ["a", "b", "e", "c", "d", "f", "L"]
    assert scene.n_steps == 7 + 7  # 7 nodes; 1 + 6 edges
    status = scene.update(step=0)
    assert status.startswith("Nothing is computed yet")
    assert all(t.get_text() == "" for t in scene.value_texts + scene.grad_texts)
    for k in range(1, 8):
        status = scene.update(step=k)
        assert [t.get_text() for t in scene.value_texts] == [number(v.data) if i < k else ""
                                                             for i, v in enumerate(order)]
        assert all(t.get_text() == "" for t in scene.grad_texts), "no grad before the backward pass"
        assert status.startswith(f"forward pass, node {k} of 7: ")
    assert scene.update(step=3) == "forward pass, node 3 of 7: e = a × b = 2 × (-3) = -6"
    assert [t.get_text() for t in scene.top_texts] == ["e = a × b", "= 2 × (-3) = -6"]


def test_backward_steps_show_the_engines_grads_and_blank_the_rest():
    L = micrograd()
    scene = GraphScene(L)
    steps = L.backward_steps()
    for j, step in enumerate(steps):
        status = scene.update(step=7 + j + 1)
        known = grads_after(steps, j)
        assert [t.get_text() for t in scene.grad_texts] == [number(known[v]) if v in known else ""
                                                            for v in scene.order]
        assert all(t.get_text() for t in scene.value_texts)
        assert step.rule in status and step.numbers in status
        assert status.startswith(f"backward pass, step {j + 1} of 7: ")
    grads = dict(zip([v.name for v in scene.order], [t.get_text() for t in scene.grad_texts], strict=True))
    assert grads == {"a": "6", "b": "-4", "e": "-2", "c": "-2", "d": "-2", "f": "4", "L": "1"}
    scene.update(step=7 + 5)
    assert [t.get_text() for t in scene.top_texts] == [steps[4].rule, steps[4].numbers]


def test_the_highlight_follows_the_edge_being_processed():
    L = shared()
    scene = GraphScene(L)
    a, s = L.children[1], L.children[0]
    n = len(scene.order)
    expected = {n + 2: (L, 0), n + 3: (L, 1), n + 4: (s, 0), n + 5: (s, 1)}
    for step, (node, k) in expected.items():
        scene.update(step=step)
        (path,) = [p for p in scene.paths if p.get_visible()]
        assert list(map(tuple, path.get_xydata())) == scene.layout.paths[scene.index[node], k]
        assert [m.get_visible() for m in scene.marks] == [True, True]
    scene.update(step=n + 1)  # ∂L/∂L = 1: L alone
    assert [m.get_visible() for m in scene.marks] == [True, False]
    assert not any(p.get_visible() for p in scene.paths)
    scene.update(step=3)  # the forward step of L: both its input edges
    assert sum(p.get_visible() for p in scene.paths) == 2
    assert a is s.children[0] is s.children[1]


def test_a_node_used_three_times_shows_its_partial_sums():
    L = shared()
    scene = GraphScene(L)
    n, a = len(scene.order), scene.index[L.children[1]]
    seen = []
    for step in range(n + 1, scene.n_steps + 1):
        status = scene.update(step=step)
        seen.append(scene.grad_texts[a].get_text())
        if seen[-1].endswith("+ …"):
            assert "a is used again: its grad is a partial sum so far." in status
    assert seen == ["", "", "1 + …", "4 + …", "7"]  # ∂L/∂a = 2a + 1 = 7, in three contributions


def test_drawing_changes_no_grad_of_the_learners_values():
    L = micrograd()
    GraphScene(L)
    assert all(v.grad is None for v in L.graph())
    L.backward()
    before = [v.grad for v in L.graph()]
    L.children[0].grad = before[4] = 123.0  # d: whatever the learner left there stays
    GraphScene(L)
    assert [v.grad for v in L.graph()] == before


def test_zero_is_a_number_and_blank_is_not():
    x = Value(-2.0, "x")
    r = x.relu()
    r.label = "r"
    L = r * 3
    L.label = "L"
    before = GraphScene(L)
    before.update()
    assert [t.get_text() for t in before.grad_texts] == ["", "", "", ""]  # no backward pass yet: blank
    L.backward()
    scene = GraphScene(L)
    scene.update()
    texts = {v.name: (scene.value_texts[i].get_text(), scene.grad_texts[i].get_text())
             for i, v in enumerate(scene.order)}
    assert texts["x"] == ("-2", "0") and texts["r"] == ("0", "3")  # relu'(−2) = 0: a computed 0, shown as 0
    assert number(-0.0) == "0" and number(-1e-12) == "-1e-12" and number(2 / 3) == "0.6667"
    scene.update(step=0)
    assert scene.grad_texts[0].get_text() == ""


def test_ops_are_written_as_a_learner_reads_them():
    x = Value(0.5, "x")
    L = ((-(x.exp() / 2)).tanh() - x.log() ** 2).sigmoid() + x ** 0.5
    L.label = "L"
    scene = GraphScene(L)
    symbols = {t["op"].get_text() for t in scene.node_texts if "op" in t}
    assert symbols == {"exp", "÷", "neg", "tanh", "log", "x²", "−", "σ", "x^0.5", "+"}
    lines = {scene.order[k - 1].op: scene.lines[k - 1][0] for k in range(1, len(scene.order) + 1)}
    assert lines["**2"].endswith("²") and lines["**0.5"].endswith("^0.5")
    assert_readable(scene)


def test_the_english_figure_needs_no_cjk_font_and_the_status_follows_the_language():
    scene = GraphScene(neuron_value_graph())
    for step in range(scene.n_steps + 1):
        scene.update(step=step)
        assert not any(re.search(r"[\u3000-\u9fff\uff00-\uffef]", t.get_text()) for t in scene.ax.texts)
    try:
        set_language("zh-CN")
        assert scene.update(step=2).startswith("前向传播，第 2 个节点（共 15 个）：")
        assert scene.update(step=16).startswith("反向传播，第 1 步（共 15 步）：")
    finally:
        set_language("en")


def test_the_static_figure_shows_the_graph_as_it_is():
    L = neuron_value_graph()
    before = [t.get_text() for t in graph_figure(L).fig.axes[0].texts]
    assert all(v.grad is None for v in L.graph())  # drawing computed nothing behind the learner's back
    L.backward()
    texts = [t.get_text() for t in graph_figure(L).fig.axes[0].texts]
    for v in L.graph():
        assert number(v.grad) in texts and number(v.data) in texts and number(v.data) in before
    assert len([t for t in before if t]) < len([t for t in texts if t])  # the grads were blank before
