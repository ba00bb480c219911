"""Pictures a learner can read, at every slider extreme the notebooks use: no legend covers a curve, the
labels of a graph's edges sit by their own edge and are crossed by no other, no number shows as −0, and
what the colours of a picture mean is said in more than colour."""

import itertools
import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.collections import Collection, PathCollection
from matplotlib.colors import rgb_to_hsv, to_hex, to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from test_panels import extremes, run_cells

from bp_core.course import experiments
from bp_core.course.i18n import set_language
from bp_core.course.scenes import digits, neuron_graph, training, worked_example
from bp_core.course.viz import (
    BLUE,
    CLASS_CMAP,
    GRAD_COLOR,
    OPERAND_FILL,
    ORANGE,
    RESULT_FILL,
    RIGHT_COLOR,
    VALUE_COLOR,
    WRONG_COLOR,
    Picture,
    contrast,
    factor,
    fmt,
    legend_outside,
    new_figure,
    text_color_on,
)
from bp_core.course.widgets import Panel

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


# ---------------------------------------------------------------------------------------- geometry


def _drawn_lines(ax):
    """(artist, display points, whether consecutive points are joined by a drawn segment, marker radius in
    pixels) for every visible line and collection of ax."""
    dpi = ax.figure.dpi
    for line in ax.lines:
        if line.get_visible() and len(line.get_xydata()):
            points = line.get_transform().transform(line.get_xydata())
            joined = line.get_linestyle() not in ("None", "none", "", " ")
            radius = line.get_markersize() / 2 * dpi / 72 if line.get_marker() not in ("None", "", " ") else 0
            yield line, points, joined, radius
    for collection in ax.collections:
        if not collection.get_visible():
            continue
        if isinstance(collection, PathCollection):  # scatter: markers at the offsets
            sizes = collection.get_sizes()
            radius = np.sqrt(sizes.max()) / 2 * dpi / 72 if len(sizes) else 0
            offsets = collection.get_offset_transform().transform(collection.get_offsets())
            yield collection, offsets, False, radius
        else:
            for path in collection.get_paths():
                yield collection, collection.get_transform().transform(path.vertices), True, 0


def _segments_hit(points, box):
    """Whether the polyline through `points` (display) crosses or enters the box."""
    lo, hi = np.array([box.x0, box.y0]), np.array([box.x1, box.y1])
    for p, q in zip(points[:-1], points[1:], strict=True):
        if segment_box_distance(p, q, lo, hi) == 0:
            return True
    return False


def segment_box_distance(p, q, lo, hi):
    """Distance (display pixels) from the segment p–q to the axis-aligned box [lo, hi]; 0 when they meet."""
    p, q = np.asarray(p, float), np.asarray(q, float)
    d, t0, t1 = q - p, 0.0, 1.0  # the part p + t·d, t0 ≤ t ≤ t1, of the segment inside the box's slabs
    for k in range(2):
        if d[k] == 0:
            t0, t1 = (t0, t1) if lo[k] <= p[k] <= hi[k] else (1.0, 0.0)
        else:
            a, b = (lo[k] - p[k]) / d[k], (hi[k] - p[k]) / d[k]
            t0, t1 = max(t0, min(a, b)), min(t1, max(a, b))
    if t0 <= t1:
        return 0.0
    # apart: the nearest points are an end of the segment and the box, or a corner and the segment
    ends = [np.linalg.norm(np.maximum(np.maximum(lo - e, 0), e - hi)) for e in (p, q)]
    corners = [np.array(c) for c in ((lo[0], lo[1]), (lo[0], hi[1]), (hi[0], lo[1]), (hi[0], hi[1]))]
    along = [np.clip((c - p) @ d / (d @ d), 0, 1) if d @ d else 0.0 for c in corners]
    return float(min(ends + [np.linalg.norm(c - (p + t * d)) for c, t in zip(corners, along, strict=True)]))


def legend_overlaps(fig):
    """What runs under a legend of the figure (its axes' legends and figure legends), after a full draw:
    [(legend label texts, artist)] for every line or collection of any of the figure's axes with a vertex
    (or a marker) inside the legend's window extent, or a drawn segment crossing it. Only the part of
    the legend where an artist can be drawn counts (an artist clipped to its axes is not drawn outside)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None] + list(fig.legends)
    found = []
    for legend in legends:
        extent = legend.get_window_extent(renderer)
        for ax in fig.axes:
            for artist, points, joined, radius in _drawn_lines(ax):
                box = Bbox.intersection(extent, ax.bbox) if artist.get_clip_on() else extent
                if box is None:
                    continue
                padded = box.padded(radius)
                inside = (padded.contains(x, y) for x, y in points)
                if any(inside) or (joined and _segments_hit(points, box)):
                    found.append(([t.get_text() for t in legend.get_texts()], artist))
    return found


def edge_label_problems(fig, edges):
    """Labels of a graph's edges that a learner could misread, after a full draw: a label crossed by an
    edge other than its own, or nearer to another edge than to its own, or crossed by its own edge
    without an opaque box (a label on a box over its edge interrupts that edge: it reads as the edge's).
    edges: {key: (Line2D, labels)}. A label's extent is that of its box, if it has one."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    segments = {key: line.get_transform().transform(line.get_xydata()) for key, (line, _) in edges.items()}
    problems = []
    for key, (_, labels) in edges.items():
        for label in labels:
            if not label.get_text():
                continue
            patch = label.get_bbox_patch()
            opaque = patch is not None and patch.get_facecolor()[3] >= 0.8
            box = (patch if patch is not None else label).get_window_extent(renderer)
            lo, hi = np.array([box.x0, box.y0]), np.array([box.x1, box.y1])
            distance = {k: segment_box_distance(*seg, lo, hi) for k, seg in segments.items()}
            if distance[key] == 0 and not opaque:
                problems.append(f"{label.get_text()!r} of {key} is crossed by its own edge")
            for other, d in distance.items():
                if other != key and d == 0:
                    problems.append(f"{label.get_text()!r} of {key} is crossed by the edge {other}")
                elif other != key and d <= distance[key]:
                    problems.append(f"{label.get_text()!r} of {key} is as near to {other} as to its own edge")
    return problems


def texts_crossed_by_edges(fig, texts, edges):
    """The non-empty texts that an edge of `edges` ({key: (Line2D, labels)}) crosses, after a full draw."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    segments = [line.get_transform().transform(line.get_xydata()) for line, _ in edges.values()]
    crossed = []
    for text in texts:
        box = text.get_window_extent(renderer)
        lo, hi = np.array([box.x0, box.y0]), np.array([box.x1, box.y1])
        if text.get_text() and any(segment_box_distance(*seg, lo, hi) == 0 for seg in segments):
            crossed.append(text.get_text())
    return crossed


def overlapping_texts(fig, texts):
    """Pairs of the given non-empty texts whose window extents overlap, after a full draw."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_text()]
    return [(a, b) for i, (a, box) in enumerate(boxes) for b, other in boxes[i + 1:] if box.overlaps(other)]


# ---------------------------------------------------------------------------- the checks, checked


def test_segment_box_distance():
    lo, hi = np.array([0.0, 0.0]), np.array([2.0, 1.0])
    assert segment_box_distance((-1, 0.5), (3, 0.5), lo, hi) == 0  # straight through
    assert segment_box_distance((1, 0.5), (1, 0.6), lo, hi) == 0  # inside
    assert segment_box_distance((-1, 2), (3, 2), lo, hi) == pytest.approx(1)  # above, parallel
    assert segment_box_distance((3, 3), (4, 4), lo, hi) == pytest.approx(np.hypot(1, 2))  # off a corner
    assert segment_box_distance((-1, 1.5), (1, -0.5), lo, hi) == 0  # cuts off the corner (0, 0)
    assert segment_box_distance((-1, 1.5), (0.5, -1), lo, hi) > 0  # passes just outside it
    assert segment_box_distance((-2, 0.5), (-1, 0.5), lo, hi) == pytest.approx(1)


def test_a_legend_over_a_curve_is_found_and_one_beside_the_axes_is_not():
    fig, ax = new_figure(figsize=(6, 3))
    ax.plot([0, 1], [0, 1], label="a curve through the middle")
    ax.legend(loc="center")
    assert legend_overlaps(fig)
    fig, ax = new_figure(figsize=(6, 3))
    ax.axvline(0.5, label="a vertical line")  # no vertex inside the legend: only its segment crosses it
    ax.plot([0, 1], [0, 0], "o", label="dots")
    ax.set_xlim(0, 1)
    ax.legend(loc="center")
    assert [artist for _, artist in legend_overlaps(fig)] == [ax.lines[0]]
    fig, ax = new_figure(figsize=(6, 3))
    ax.plot([0.5], [0.5], "o", ms=20, label="a big dot")  # its centre outside the legend, its marker not
    ax.legend(loc="center", borderpad=0.1, handlelength=0.5, fontsize=6)
    fig.canvas.draw()
    assert legend_overlaps(fig)
    fig, ax = new_figure(figsize=(6, 3))
    ax.plot([0, 1], [0, 1], label="a curve")
    ax.scatter([0.5], [0.5], label="a point")
    legend_outside(ax)
    assert legend_overlaps(fig) == []


def test_a_label_crossed_by_another_edge_or_nearer_to_it_is_found():
    fig, ax = new_figure(figsize=(4, 4))
    ax.set(xlim=(0, 4), ylim=(0, 4))
    (own,) = ax.plot([0, 4], [1, 1])
    (other,) = ax.plot([2, 2], [0, 4])
    good = ax.text(0.5, 1.05, "0.500", va="bottom")
    assert edge_label_problems(fig, {"own": (own, (good,)), "other": (other, ())}) == []
    crossed = ax.text(2, 1.05, "0.500", ha="center", va="bottom")
    near = ax.text(2.05, 3, "0.500", ha="left")
    problems = edge_label_problems(fig, {"own": (own, (crossed, near)), "other": (other, ())})
    assert len(problems) == 2 and "crossed by the edge other" in problems[0] and "as near" in problems[1]
    on_own = ax.text(0.5, 1, "0.500", va="center")
    boxed = ax.text(0.5, 1, "0.500", va="center", bbox={"fc": "white", "ec": "none"})
    problems = edge_label_problems(fig, {"own": (own, (on_own, boxed))})
    assert len(problems) == 1 and "crossed by its own edge" in problems[0]


def test_overlapping_texts_are_found():
    fig, ax = new_figure(figsize=(4, 4))
    texts = [ax.text(0.5, 0.5, "one"), ax.text(0.52, 0.5, "two"), ax.text(0.1, 0.1, "three"),
             ax.text(0.5, 0.5, "")]
    assert overlapping_texts(fig, texts) == [("one", "two")]


# ------------------------------------------------------------------------- the notebooks' pictures


def _pictures(stem):
    """The figures and panels a notebook shows (its static figures, and each panel at its first frame and
    with every slider at each of its extremes, the others where the notebook leaves them): yields
    (a description, the figure, the scene or None) with the figure in that state."""
    for shown in run_cells(next(NOTEBOOKS.glob(f"{stem}*.ipynb"))):
        if isinstance(shown, Picture):
            yield f"static figure {shown.alt[:60]!r}", shown.fig, None
        elif isinstance(shown, Panel):
            yield f"{shown!r} first frame", shown.scene.fig, shown.scene
            for name, slider in shown.sliders.items():
                start = ("index", slider.index) if hasattr(slider, "options") else ("value", slider.value)
                for attribute, value in extremes(slider):
                    setattr(slider, attribute, value)
                    assert shown.error is None, f"{shown!r} at {name} = {value}: {shown.error!r}"
                    yield f"{shown!r} at {name} = {slider.value}", shown.scene.fig, shown.scene
                setattr(slider, *start)


WITH_LEGENDS = ["01", "04", "06", "07", "08", "09"]


@pytest.mark.parametrize("stem", WITH_LEGENDS)
def test_no_legend_covers_a_curve_at_any_slider_extreme(stem):
    seen = 0
    for where, fig, _ in _pictures(stem):
        seen += bool(fig.legends or any(ax.get_legend() for ax in fig.axes))
        assert legend_overlaps(fig) == [], where
    assert seen, f"notebook {stem} shows no legend"


@pytest.mark.parametrize("stem", ["03", "05"])
def test_edge_labels_sit_by_their_own_edge_at_every_slider_extreme(stem):
    panels = 0
    for where, fig, scene in _pictures(stem):
        if scene is None or not hasattr(scene, "edges"):
            continue
        panels += 1
        assert edge_label_problems(fig, scene.edges) == [], where
        labels = [label for _, texts in scene.edges.values() for label in texts]
        assert overlapping_texts(fig, labels + list(scene.nodes.values())) == [], where
        others = [t for t in fig.axes[0].texts if t not in labels and t not in scene.nodes.values()]
        assert texts_crossed_by_edges(fig, others, scene.edges) == [], where
        texts = [t.get_text() for t in fig.axes[0].texts]
        assert not [t for t in texts if re.search(r"-0\.0+(?![0-9])", t)], where
    assert panels


def test_fmt_never_shows_minus_zero():
    assert fmt(-0.0001) == "0.000" and fmt(-0.0) == "0.000" and fmt(-0.0006) == "-0.001"
    assert fmt(-1e-9, "+.2f") == "+0.00" and fmt(-0.2, ".1f") == "-0.2" and fmt(-3e-5, ".1e") == "-3.0e-05"
    assert fmt(0.25) == "0.250" and fmt(-0.004, ".0%") == "0%"
    assert factor(-2.0, ".2f") == "(-2.00)" and factor(-1e-9) == "0.000" and factor(0.5) == "0.500"


# ------------------------------------------------------------------------ colours, keys and marks


def test_the_decision_map_has_a_colour_key_and_the_loss_axis_marks_what_it_cannot_show():
    scene = training.TrainingScene("xor")
    assert len(scene.fig.axes) == 3  # loss, map, and the colour key of the map
    key = scene.fig.axes[2]
    assert "probability of class 1" in key.get_ylabel()
    assert [t.get_text() for t in key.get_yticklabels()][0].endswith("class 0")
    low, high = training.LOSS_RANGE
    scene.update(lr=3.0, batch_size=20, hidden=32, epochs=30)  # an unstable run: losses up to 25
    run = experiments.training_run("xor", 3.0, 20, 32, 30)
    over = scene.over["validation"].get_xydata()
    np.testing.assert_array_equal(over[:, 0], np.flatnonzero(run["val_loss"] > high))
    assert len(over) and (over[:, 1] == high).all()
    assert scene.ax_loss.get_ylim() == (low, high)
    scene.update(lr=0.3, batch_size=10, hidden=32, epochs=30)
    assert all(len(line.get_xydata()) == 0 for line in scene.over.values())


def test_every_loss_of_notebook_08_is_inside_the_loss_axis_or_marked_above_it():
    (panel,) = [shown for shown in run_cells(next(NOTEBOOKS.glob("08*.ipynb"))) if isinstance(shown, Panel)]
    options = [panel.sliders[name].options for name in ("lr", "batch_size", "hidden")]
    runs = [experiments.training_run("xor", lr, b, h, panel.sliders["epochs"].max)
            for lr, b, h in itertools.product(*options)]
    assert min(min(run["train_loss"].min(), run["val_loss"].min()) for run in runs) > training.LOSS_RANGE[0]


def test_right_and_wrong_bars_say_so_in_words_and_pattern():
    net, _, (X, labels) = experiments.digits_run()
    scene = digits.DigitScene(net, X, labels)
    wrong, right = scene.mistakes[0], int(np.flatnonzero(net.predict(X).argmax(1) == labels)[0])
    scene.update(index=wrong)
    predicted = int(net.predict(X[wrong]).argmax())
    assert scene.bars[predicted].get_hatch() and not scene.bars[labels[wrong]].get_hatch()
    assert [t.get_text() for t in scene.marks] == ["true", "✗"]
    scene.update(index=right)
    assert not any(bar.get_hatch() for bar in scene.bars)
    assert [t.get_text() for t in scene.marks] == ["✓ true", ""]
    for index in scene.mistakes:  # over every mistake, the two marks stay apart
        scene.update(index=index)
        assert overlapping_texts(scene.fig, scene.marks) == [], index


def test_next_and_previous_mistake_wrap_around():
    mistakes = np.array([3, 8, 20])
    assert [digits.next_mistake(mistakes, i) for i in (0, 3, 5, 8, 20, 30)] == [3, 8, 8, 20, 3, 3]
    assert [digits.next_mistake(mistakes, i, -1) for i in (0, 3, 5, 8, 20, 30)] == [20, 20, 3, 3, 8, 20]
    assert digits.next_mistake(np.array([], int), 4) is None
    with pytest.raises(ValueError, match="step"):
        digits.next_mistake(mistakes, 4, 2)
    net, _, (X, labels) = experiments.digits_run()
    scene = digits.DigitScene(net, X, labels)
    np.testing.assert_array_equal(scene.mistakes, np.flatnonzero(net.predict(X).argmax(1) != labels))


def test_the_new_words_of_the_pictures_are_in_chinese_too():
    try:
        set_language("zh-CN")
        net, _, (X, labels) = experiments.digits_run()
        scenes = [(training.TrainingScene("xor"), {"lr": 0.3, "batch_size": 10, "hidden": 32, "epochs": 30}),
                  (digits.DigitScene(net, X, labels), {"index": 0}),
                  (neuron_graph.NeuronGraphScene(), {}), (worked_example.WorkedExampleScene(), {})]
        for scene, values in scenes:
            assert scene.update(**values)
    finally:
        set_language("en")


def _pictures_of_the_scenes():
    """(name, figure) of every scene after each of its updates and of every figure function (the settings
    of tests/test_i18n.py, which cover every kind of title and status)."""
    from test_i18n import FIGURES, SCENES

    for name, (make, settings) in SCENES.items():
        scene = make()
        for values in settings():
            scene.update(**values)
            yield f"{name} {values}", scene.fig
    for name, make in FIGURES.items():
        yield name, make().fig


def _background(text, renderer):
    """The colour behind a text: its own box where that is opaque, else the cell of an image it sits on
    (the counts of a confusion matrix), else its axes' (or figure's) face colour."""
    patch = text.get_bbox_patch()
    if patch is not None and patch.get_facecolor()[3] >= 0.8:
        return patch.get_facecolor()
    ax = text.axes
    if ax is not None:
        x, y = text.get_window_extent(renderer).get_points().mean(axis=0)
        for image in ax.images:
            inside, _ = image.contains(type("Event", (), {"x": x, "y": y, "canvas": ax.figure.canvas})())
            if inside:
                column, row = (int(round(v)) for v in ax.transData.inverted().transform((x, y)))
                return image.cmap(image.norm(image.get_array()[row, column]))
        return ax.get_facecolor()
    return text.figure.get_facecolor()


def test_every_text_of_every_picture_has_aa_contrast_on_its_background():
    low = []
    for where, fig in _pictures_of_the_scenes():
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        for text in fig.findobj(Text):
            if text.get_visible() and text.get_text().strip():
                ratio = contrast(text.get_color(), _background(text, renderer))
                if ratio < 4.5:
                    low.append(f"{where}: {text.get_text()[:30]!r} {ratio:.2f} : 1")
    assert not low, "\n".join(low)


def test_no_picture_tells_red_from_green():
    """No line, patch, marker or text of any picture is green (matplotlib's colour maps of images aside:
    viridis and the blue–white–orange class map), so no picture sets red against green."""
    greens = []
    for where, fig in _pictures_of_the_scenes():
        colors = [t.get_color() for t in fig.findobj(Text)]
        colors += [c for line in fig.findobj(Line2D) for c in (line.get_color(), line.get_markerfacecolor())]
        colors += [c for patch in fig.findobj(Patch) for c in (patch.get_facecolor(), patch.get_edgecolor())]
        colors += [c for coll in fig.findobj(Collection) if coll.get_array() is None
                   for c in [*coll.get_facecolors(), *coll.get_edgecolors()]]
        for color in colors:
            if isinstance(color, str) and color in ("none", "None", "auto"):
                continue
            hue, saturation, value = rgb_to_hsv(to_rgb(color))
            if 75 / 360 < hue < 165 / 360 and saturation > 0.3 and value > 0.2:
                greens.append(f"{where}: {to_hex(color)}")
    assert not greens, "\n".join(sorted(set(greens)))


def test_the_palette_reads_as_text_and_tells_right_from_wrong_in_blue_and_orange():
    for color in (BLUE, ORANGE, GRAD_COLOR, VALUE_COLOR, RIGHT_COLOR, WRONG_COLOR):
        assert contrast(color) >= 4.5 and min(contrast(color, fill) for fill in (OPERAND_FILL, RESULT_FILL)) \
            >= 3.8, color
    assert contrast(GRAD_COLOR, RESULT_FILL) >= 4.5 and contrast(GRAD_COLOR, OPERAND_FILL) >= 4.5
    assert (RIGHT_COLOR, WRONG_COLOR) == (BLUE, ORANGE)
    assert to_hex(CLASS_CMAP(0.0)) == ORANGE and to_hex(CLASS_CMAP(1.0)) == BLUE
    assert contrast(CLASS_CMAP(0.5)) < 1.02  # white where the probability is ½
    assert contrast("white", "black") == pytest.approx(21)
    assert contrast("#777777") == pytest.approx(4.48, abs=0.01)  # the grey that just fails AA
    assert text_color_on("#08306b") == "white" and text_color_on("#deebf7") == "black"
