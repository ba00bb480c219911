"""The course layer in the learner's language. Every sentence it prints or draws reaches `tr` and has its
Chinese in zh_cn.TEXT with the same format fields; no entry is left in English or unused; in the Chinese
edition every scene and figure draws with a CJK font and shows no English words, and every exercise, the
bug hunt and the engine checks answer in Chinese. (The English outputs are checked by the other tests,
which run in English: each test here ends in English again.)"""

import ast
import importlib
import inspect
import logging
import math
import pkgutil
import re
import string
import subprocess
import sys
import unicodedata
import warnings
from collections import Counter
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from figures import neuron_value_graph
from matplotlib import font_manager
from matplotlib.text import Text
from solutions import SOLUTIONS, load_solution

from bp_core import MLP, Value, check_network, curvature, datasets, gradcheck
from bp_core.course import bugs, engine_check, exercises, experiments, feedback, scenes, viz  # noqa: F401
from bp_core.course.i18n import current_language, set_language
from bp_core.course.scenes import (
    backprop_steps,
    chain_rule,
    digits,
    gradient_check,
    gradient_cost,
    graph,
    initialisation,
    learning_rate,
    mini_batches,
    neuron_graph,
    summary,
    training,
    vanishing_gradients,
    worked_example,
)
from bp_core.course.zh_cn import TEXT
from bp_core.metrics import confusion_matrix

COURSE = Path(__file__).resolve().parents[1] / "bp_core" / "course"
HAN = re.compile(r"[\u4e00-\u9fff]")  # a Chinese character
INSTALL = ("no CJK font draws the Chinese: install one (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk), "
           "delete matplotlib's font cache (fontlist-*.json in matplotlib.get_cachedir()) and run again")
# Words a Chinese figure may show in Latin letters: names of functions and of people.
ALLOWED_WORDS = {"ReLU", "sigmoid", "tanh", "softmax", "MSE", "Xavier", "Glorot", "log", "exp", "max",
                 "data", "grad"}  # data, grad: the attributes of a Value, as code writes them
# Every verdict the engine's gradient check can give (each branch of gradcheck.verdict).
VERDICTS = {gradcheck.verdict(*args)
            for args in [(0.0, False, 0.0), (1e-9, False), (1e-5, True), (1.0, False)]}
SOLVED = {exercise_id: fn for path in sorted(SOLUTIONS.glob("[0-9][0-9]_*.py"))
          for exercise_id, fn in getattr(load_solution(path.stem), "ANSWERS", {}).items()}


@pytest.fixture(autouse=True)
def english_afterwards():
    """Every test ends with the course layer in English, whatever it switched to."""
    yield
    set_language("en")


@pytest.fixture
def chinese():
    set_language("zh-CN")


# ----------------------------------------------------------------------------- the catalog

def tr_calls():
    """(file, argument node, whether inside a function) of every tr(...) call of the course layer."""
    for path in sorted(COURSE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        deferred = {id(node) for function in ast.walk(tree)
                    if isinstance(function, (ast.FunctionDef, ast.Lambda)) for node in ast.walk(function)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr":
                yield path.relative_to(COURSE).as_posix(), node.args[0], id(node) in deferred


def table_sentences():
    """The English sentences that reach tr() from a table, not as a literal."""
    sentences = set(bugs.DESCRIPTIONS.values()) | set(curvature.REGIMES) | set(curvature.LOSS_REGIMES)
    sentences |= VERDICTS | {m.says for m in feedback.generic_mistakes(1.0)}
    sentences |= {text for bug in bugs.BUGS.values() for text in (bug.name, bug.evidence)}
    for ex in feedback.EXERCISES.values():
        sentences |= {ex.question, ex.nudge, ex.hint, ex.explain, *(m.says for m in ex.mistakes)}
    return sentences - {""}


LITERALS = {node.value for _, node, _ in tr_calls() if isinstance(node, ast.Constant)}
# Every tr() of a variable, and so of a table above: a new one needs its table in table_sentences.
DYNAMIC = {("bugs.py", "DESCRIPTIONS[number]"), ("bugs.py", "bug.name"), ("bugs.py", "bug.evidence"),
           ("feedback.py", "ex.question"), ("feedback.py", "ex.nudge"), ("feedback.py", "ex.hint"),
           ("feedback.py", "ex.explain"), ("feedback.py", "mistake.says"),
           ("scenes/gradient_check.py", "r.verdict"), ("scenes/learning_rate.py", "regime"),
           ("scenes/learning_rate.py", "regimes[0]"), ("scenes/learning_rate.py", "regimes[1]"),
           ("scenes/learning_rate.py", "worst_regime(regimes)")}


def fields(text):
    """The format fields of text: (name, format spec, conversion), counted."""
    return Counter((name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)
                   if name is not None)


def latin_words(text):
    """The words of text in Latin letters: mathtext ($...$), format fields, identifiers (w1, λ_max,
    loops.py) and single letters (x, L) aside."""
    tokens = re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", re.sub(r"\$[^$]*\$|\{[^{}]*\}", "", text))
    return [word for word in (t.rstrip(".") for t in tokens) if len(word) > 1 and word.isalpha()]


def english_words(text):
    """The words of text that a Chinese picture must not show: those of three letters or more (two, as in
    dL/dw, are symbols) that are not ALLOWED_WORDS."""
    return [word for word in latin_words(text) if len(word) > 2 and word not in ALLOWED_WORDS]


def test_every_sentence_that_reaches_tr_has_its_chinese():
    missing = sorted((LITERALS | table_sentences()) - set(TEXT))
    assert not missing, "\n".join(missing)


def test_no_chinese_sentence_is_unused():
    unused = sorted(set(TEXT) - LITERALS - table_sentences())
    assert not unused, "\n".join(unused)


def test_every_tr_of_a_variable_reads_a_table_that_the_catalog_checks():
    assert {(path, ast.unparse(node)) for path, node, _ in tr_calls() if not isinstance(node, ast.Constant)} \
        == DYNAMIC


def test_tr_is_called_when_a_text_is_shown_never_at_import():
    at_import = [f"{path}: {ast.unparse(node)[:60]}" for path, node, deferred in tr_calls() if not deferred]
    assert not at_import


def test_every_chinese_sentence_keeps_the_format_fields_of_its_english():
    changed = {en: zh for en, zh in TEXT.items() if fields(en) != fields(zh)}
    assert not changed


def test_no_chinese_sentence_is_left_in_english():
    """Each holds Chinese characters, unless its English is symbols only ("∝ P", "{verdict}.")."""
    english = [en for en, zh in TEXT.items() if latin_words(en) and not HAN.search(zh)]
    assert not english, "\n".join(english)


def test_the_checks_of_words_and_fields_can_fail():
    assert english_words("割线斜率 {e:.3f}, error $10^{-3}$ w_k loops.py ReLU dL/dw") == ["error"]
    assert latin_words("η = {lr:.3f} (2/λ_max = 1): {regime}") == [] and latin_words("bug A") == ["bug"]
    assert fields("{a:.3f} and {b}") != fields("{a:.2f} 和 {b}")
    assert fields("{x!r} {x!r}") == Counter({("x", "", "r"): 2})


# ----------------------------------------------------------------------------- fonts

def test_the_cjk_font_is_installed_and_follows_dejavu_sans():
    assert viz.CJK_FONT in {font.name for font in font_manager.fontManager.ttflist}, INSTALL
    assert matplotlib.rcParams["font.family"] == ["sans-serif", viz.CJK_FONT]
    assert viz.MONOSPACE == ["monospace", viz.CJK_FONT]
    english = font_manager.FontProperties(family=["sans-serif"])  # every English glyph, as before
    assert Path(font_manager.findfont(english, fallback_to_default=False)).name == "DejaVuSans.ttf"


def test_without_a_cjk_font_the_first_switch_to_chinese_warns_how_to_install_one():
    code = ("import warnings\n"
            "from bp_core.course import viz\n"
            "viz.CJK_FONT = None\n"
            "from bp_core.course.i18n import set_language\n"
            "with warnings.catch_warnings(record=True) as caught:\n"
            "    warnings.simplefilter('always')\n"
            "    for language in ('zh-CN', 'en', 'zh-CN'):\n"
            "        set_language(language)\n"
            "print(len(caught), caught[0].category.__name__, caught[0].message)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, category, message = result.stdout.split(" ", 2)
    assert (count, category) == ("1", "UserWarning")
    assert "空白方框" in message and "sudo apt-get install fonts-noto-cjk" in message
    assert f"{matplotlib.get_cachedir()}/fontlist-*.json" in message


# ----------------------------------------------------------------------------- every picture in Chinese

def shared_expression():
    """q = a·b + a: a is used twice, so one backward step leaves a partial sum."""
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    q = a * b + a
    q.label = "q"
    return q


def digit_scene():
    net, _, (X, labels) = experiments.digits_run()
    return digits.DigitScene(net, X, labels)


def first_mistake():
    net, _, (X, labels) = experiments.digits_run()
    return int(np.flatnonzero(net.predict(X).argmax(1) != labels)[0])


def graph_steps():
    scene = graph.GraphScene(shared_expression())
    return [{"step": k} for k in range(scene.n_steps + 1)] + [{}]


def gradient_sizes():
    X, t = datasets.moons(200, noise=0.2, seed=0)
    return {f: vanishing_gradients.gradient_sizes(MLP([2] + [16] * 6 + [1], f), X, t)
            for f in ("sigmoid", "tanh", "relu")}


def digits_history():
    return experiments.digits_run()[1]


def confusion():
    net, _, (X, labels) = experiments.digits_run()
    return confusion_matrix(labels, net.predict(X).argmax(1))


# scene class → (how to make one, the values its update is called with: every kind of title and status)
SCENES = {
    "SlopeScene": (chain_rule.SlopeScene, lambda: [{"x": 0.5, "h": 1.0}, {"x": -2.0, "h": 0.1}]),
    "ChainRuleScene": (chain_rule.ChainRuleScene, lambda: [{}, {"x": -1.5, "w": 2.0, "b": 0.5, "t": 0.2}]),
    "NeuronGraphScene": (neuron_graph.NeuronGraphScene, lambda: [{}, {"x1": -0.5, "w1": -1.0, "lr": 2.0}]),
    "LearningRateScene": (learning_rate.LearningRateScene,
                          lambda: [{"lr": lr} for lr in (0.1, 0.7, 1.0, 1.2)]),  # each regime
    "BowlScene": (learning_rate.BowlScene, lambda: [{"lr": 0.1}, {"lr": 0.21}]),
    "NetworkLRScene": (learning_rate.NetworkLRScene, lambda: [{"lr": 1.0}, {"lr": 40.0}]),
    "WorkedExampleScene": (worked_example.WorkedExampleScene, lambda: [{}, {"W1_11": 0.5, "W2_2": 1.1}]),
    "MiniBatchScene": (mini_batches.MiniBatchScene, lambda: [{"batch_size": 20}, {"batch_size": 1}]),
    "HSweepScene": (gradient_check.HSweepScene, lambda: [{"log10_h": -5.0}, {"log10_h": -9.0}]),
    "TrainingScene": (lambda: training.TrainingScene("xor"), lambda: [
        {"lr": lr, "batch_size": b, "hidden": h, "epochs": e}
        for lr, b, h, e in [(0.3, 10, 32, 30), (0.3, 10, 32, 0), (30.0, 42, 2, 5), (3.0, 20, 32, 30),
                            (0.01, 10, 2, 30)]]),
    "DigitScene": (digit_scene, lambda: [{"index": 0}, {"index": first_mistake()}]),
    "BackpropStepsScene": (backprop_steps.BackpropStepsScene, lambda: [{"step": k} for k in range(10)]),
    "GraphScene": (lambda: graph.GraphScene(shared_expression()), graph_steps),
}
# figure function → a call of it
FIGURES = {
    "plot_timings": lambda: mini_batches.plot_timings(np.array([[1, 2e-4, 4e-5], [10, 2e-3, 5e-5]])),
    "plot_cost": lambda: gradient_cost.plot_cost(np.array([[10, 760, 1e-4, 0.1], [50, 3760, 2e-4, 1.0]])),
    "plot_gradient_sizes": lambda: vanishing_gradients.plot_gradient_sizes(gradient_sizes()),
    "plot_spread": lambda: initialisation.plot_spread(depth=4, width=16),
    "summary_figure": summary.summary_figure,
    "plot_history": lambda: digits.plot_history(digits_history()),
    "plot_confusion": lambda: digits.plot_confusion(confusion()),
    "plot_gallery": lambda: digits.plot_gallery(datasets.load_digits()[0][:4], ["3 → 8"] * 4),
    "graph_figure": lambda: graph.graph_figure(neuron_value_graph()),
}


def draw(fig, caplog):
    """Draw fig with every warning an error: a glyph missing from the fonts fails, saying how to install a
    CJK font; so does a message of matplotlib's fonts in the log (a family not found, mathtext without a
    glyph)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            fig.canvas.draw()
        except UserWarning as warning:
            if "missing from font" in str(warning):
                pytest.fail(f"{warning}: {INSTALL}")
            raise
    logged = [r.getMessage() for r in caplog.records if r.name.startswith("matplotlib")
              and r.levelno >= logging.WARNING]
    assert not logged, f"{logged}: {INSTALL}"


def every_text(fig):
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def worded_texts(fig):
    """The texts of fig that may hold words, in an order that does not depend on the language: per axes
    its titles, axis labels, legend and texts, then the figure's legends and texts (a suptitle)."""
    texts = []
    for ax in fig.axes:
        texts += [ax.get_title(loc) for loc in ("left", "center", "right")]
        texts += [ax.get_xlabel(), ax.get_ylabel()]
        texts += [t.get_text() for t in (ax.get_legend().get_texts() if ax.get_legend() else [])]
        texts += [t.get_text() for t in ax.texts]
    return texts + [t.get_text() for legend in fig.legends for t in legend.get_texts()] + \
        [t.get_text() for t in fig.texts]


def scene_pictures(make, settings, caplog):
    """For each update of a new scene, drawn (see `draw`): its worded texts, status line and text
    alternative, and every text it shows (ticks included), the status line and the text alternative."""
    scene = make()
    for values in settings:
        status = scene.update(**values)
        draw(scene.fig, caplog)
        said = [status, scene.describe()]
        yield [*worded_texts(scene.fig), *said], [*every_text(scene.fig), *said]


def figure_pictures(make, caplog):
    """The same for the Picture that make() returns: its figure's texts and its text alternative."""
    picture = make()
    draw(picture.fig, caplog)
    yield [*worded_texts(picture.fig), picture.alt], [*every_text(picture.fig), picture.alt]


def assert_chinese(pictures):
    """pictures() (a generator of the above) in English, then in Chinese: there no text shows an English
    word, and every text that has words in English has Chinese characters. Every warning is an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        english = [worded for worded, _ in pictures()]
        set_language("zh-CN")
        chinese = list(pictures())
    for before, (worded, every) in zip(english, chinese, strict=True):
        assert not [word for text in every for word in english_words(text)], every
        untranslated = [(en, zh) for en, zh in zip(before, worded, strict=True)
                        if english_words(en) and not HAN.search(zh)]
        assert not untranslated


def test_the_checks_below_cover_every_scene_and_figure_function_of_the_scenes():
    found = set()
    for info in pkgutil.iter_modules(scenes.__path__):
        module = importlib.import_module(f"{scenes.__name__}.{info.name}")
        for name, obj in vars(module).items():
            if getattr(obj, "__module__", None) != module.__name__:
                continue
            if (inspect.isclass(obj) and hasattr(obj, "update")) or (
                    inspect.isfunction(obj) and (name.startswith("plot_") or name.endswith("_figure"))):
                found.add(name)
    assert found == set(SCENES) | set(FIGURES)


@pytest.mark.parametrize("name", SCENES)
def test_every_scene_speaks_chinese_with_a_cjk_font(name, caplog):
    make, settings = SCENES[name]
    assert_chinese(lambda: scene_pictures(make, settings(), caplog))


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_speaks_chinese_with_a_cjk_font(name, caplog):
    assert_chinese(lambda: figure_pictures(FIGURES[name], caplog))


def test_the_graphs_numbers_in_english_are_the_engines():
    scene = graph.GraphScene(shared_expression())
    assert [scene.numbers(step) for step in scene.steps] == [step.numbers for step in scene.steps]
    set_language("zh-CN")
    via_the_product = next(s for s in scene.steps if s.child and s.child.name == "a" and s.local < 0)
    assert scene.numbers(via_the_product) == "∂q/∂a += 1 · (-3) = -3，现在 ∂q/∂a = -2"


# ----------------------------------------------------------------------------- what is printed, in Chinese

def shifted(value):
    """A wrong answer of the same kind as value: every number 1000 more."""
    if isinstance(value, dict):
        return {key: shifted(item) for key, item in value.items()}
    return np.asarray(value, dtype=float) + 1000


@pytest.mark.parametrize("exercise_id", sorted(feedback.EXERCISES))
def test_every_exercise_answers_in_chinese(exercise_id, chinese, capsys):
    ex = feedback.EXERCISES[exercise_id]
    feedback.forget_attempts()
    if ex.call is None:
        right = ex.expected()
        wrong = shifted(right)
    else:
        right = SOLVED[exercise_id]
        wrong = lambda *args: shifted(right(*args))  # noqa: E731
    first, second = feedback.answer(exercise_id, wrong), feedback.answer(exercise_id, wrong)
    verdicts = [first, second, feedback.answer(exercise_id, right), feedback.reveal(exercise_id)]
    question = TEXT[ex.question]
    assert all(message.startswith(question + "：") for message in verdicts), verdicts
    assert TEXT[ex.nudge] in first and "提示：" + TEXT[ex.hint] in second
    assert "✓ 正确" in verdicts[2] and "答案是" in verdicts[3]
    assert not ex.explain or verdicts[3].endswith(TEXT[ex.explain])
    assert capsys.readouterr().out == "\n".join(verdicts) + "\n"


def test_the_bug_hunt_speaks_chinese(chinese, capsys):
    bugs.show("A")
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["参数", "形状", "相对误差", "判定"] and table[1].endswith("错误")
    bugs.show("B", hidden=4)
    assert capsys.readouterr().out.startswith("bug B 在 3-4-3 网络上根本无法运行")
    assert bugs.check_matches(load_solution("07_gradient_check").MATCHES)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6 and all(HAN.search(line) and "✓" in line for line in lines)
    assert not bugs.check_matches({"A": 2, "B": 2, "C": None, "D": 9, "E": 6, "F": 4})
    out = capsys.readouterr().out
    assert "bug C：还没有作答" in out and "bug E：✗ 不是描述 6：检验器只标出了 W1 和 b1" in out


def test_the_columns_of_a_chinese_report_line_up_in_a_fixed_width_font(chinese):
    header, *rows = gradient_check.report_rows(check_network(*gradient_check.kink_example(3e-6))).splitlines()

    def end(line, pattern):  # the column where pattern ends, a Chinese character taking two
        before = line[:re.search(pattern, line).end()]
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in before)

    assert {end(row, r"< 1e-08|\d\.\de-\d\d") for row in rows} == {end(header, "相对误差")} == {30}
    assert [re.split(r"\s{2,}", row)[3] for row in rows] == ["错误", "错误", "通过", "通过"]
    assert rows[0].endswith("（越过了折点）")


class Mistaken(load_solution("02_computational_graphs").MyValue):
    """A learner's engine with three of the four rules wrong: tanh uses its input, * raises, ** is a stub."""

    def tanh(self):
        out = Mistaken(math.tanh(self.data), (self,))

        def backward_rule():
            self.grad += (1 - self.data ** 2) * out.grad

        out.backward_rule = backward_rule
        return out

    def __mul__(self, other):
        raise RuntimeError("boom")

    def __pow__(self, n):
        return Mistaken(self.data ** n, (self,))


def test_the_engine_checks_speak_chinese(chinese):
    ok, messages = engine_check.engine_report(Mistaken)
    assert not ok and messages[0] == "✓ 规则 +"
    assert messages[1] == "✗ 规则 *：运行时抛出了 RuntimeError: boom"
    assert messages[2].endswith("——" + TEXT["1 − a² uses the input: tanh′ is 1 − tanh(a)², one minus the "
                                            "*output* squared"] + "。")
    assert messages[3].startswith("规则 **：还没有完成") and len(messages) == 4
    ok, message = engine_check.check_against_numerical(load_solution("02_computational_graphs").MyValue)
    assert ok and "中心差分给出" in message


def test_every_test_here_ends_in_english():
    assert current_language() == "en"
