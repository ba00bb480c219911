"""Feedback that teaches: for every exercise of every notebook, the solution passes, the stub (None) gets
"not yet", each common mistake gets its diagnosis, a second wrong answer a hint, and the answer shows only
on reveal; answers that are not numbers never crash the check; the notebooks never show an answer in code.
"""

import ast
import json
import re
from pathlib import Path

import numpy as np
import pytest
from solutions import SOLUTIONS, load_solution

from bp_core.course import bugs, exercises  # noqa: F401  (importing exercises registers every exercise)
from bp_core.course.feedback import (
    EXERCISES,
    answer,
    forget_attempts,
    judge,
    judge_value,
    read_answer,
    reveal,
)

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SOLVED = {exercise_id: fn for path in sorted(SOLUTIONS.glob("[0-9][0-9]_*.py"))
          for exercise_id, fn in getattr(load_solution(path.stem), "ANSWERS", {}).items()}
VALUES = [i for i, ex in EXERCISES.items() if ex.call is None]  # answered with a number or an array
FUNCTIONS = [i for i, ex in EXERCISES.items() if ex.call is not None]  # answered with a function


@pytest.fixture(autouse=True)
def fresh_attempts():
    forget_attempts()


def code_of_notebooks():
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                yield path.stem, "".join(cell["source"])


def test_every_exercise_is_asked_in_a_notebook_and_every_asked_exercise_exists():
    asked = {m for _, src in code_of_notebooks() for m in re.findall(r'answer\("([\w.]+)"', src)}
    assert asked == set(EXERCISES)


def test_no_notebook_cell_computes_the_answer_it_checks():
    """A checking cell holds `my_answer = None` or a stub `def`, and the answer() call: nothing else."""
    for name, src in code_of_notebooks():
        if "answer(" not in src:
            continue
        for node in ast.parse(src).body:
            allowed = (isinstance(node, ast.FunctionDef)
                       or (isinstance(node, ast.Assign) and ast.unparse(node) in ("my_answer = None",))
                       or (isinstance(node, (ast.Assign, ast.Expr)) and "answer(" in ast.unparse(node)))
            assert allowed, f"{name}: a checking cell computes {ast.unparse(node)!r}"


def test_every_function_exercise_has_a_solution():
    assert set(SOLVED) == set(FUNCTIONS)


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_the_answer_passes_and_none_is_not_yet(exercise_id):
    ex = EXERCISES[exercise_id]
    right = SOLVED[exercise_id] if ex.call else ex.expected()
    ok, message = judge(exercise_id, right)
    assert ok and "✓" in message, message
    stub = (lambda *args, **kwargs: None) if ex.call else None
    ok, message = judge(exercise_id, stub)
    assert not ok and message.endswith(": not yet — replace None with your answer and run the cell again.")


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_every_mistake_gets_its_diagnosis_and_never_the_answer(exercise_id):
    ex = EXERCISES[exercise_id]
    for mistake in ex.mistakes:  # a code exercise's mistake: what the wrong function gives once called
        ok, message = judge_value(exercise_id, mistake.answer())
        assert not ok and mistake.says[:30] in message, (mistake.says, message)
        assert "✓" not in message and "right —" not in message


def test_the_generic_mistakes_a_flipped_sign_and_a_factor_of_two():
    assert "the sign is flipped" in judge("chain_rule.dL_dw", 0.25)[1]
    assert "off by a factor of 2" in judge("two_layers.delta2", 2 * 0.040681)[1]


def test_first_a_nudge_then_a_hint_then_the_answer_only_on_reveal(capsys):
    first = answer("learning_rate.bound", 0.9)
    second = answer("learning_rate.bound", 0.9)
    assert "Write L = 3w² as ½λw²" in first and "Hint" not in first
    assert "Hint: 3w² = ½ · 6 · w², so λ = 6." in second
    assert "0.3333" not in first + second
    shown = reveal("learning_rate.bound")
    assert "the answer is 0.3333" in shown and "λ = 6 and the bound is 2/λ = 1/3" in shown
    assert capsys.readouterr().out.count("\n") == 3


def test_hand_answers_count_to_three_significant_figures():
    assert judge("two_layers.delta2", 0.0407)[0] and judge("two_layers.delta2", 0.04068)[0]
    ok, message = judge("two_layers.delta2", 0.041)
    assert not ok and "close, but not right to three significant figures" in message
    assert judge("learning_rate.bound", 0.333)[0] and not judge("learning_rate.bound", 0.33)[0]
    assert judge("digits.misclassified", 11)[0] and not judge("digits.misclassified", 12)[0]


def test_code_answers_keep_a_tight_tolerance():
    exact = EXERCISES["chain_rule.central_slope"].expected()
    assert judge("chain_rule.central_slope", lambda f, x, h: exact * (1 + 1e-8))[0]
    assert not judge("chain_rule.central_slope", lambda f, x, h: round(exact, 3))[0]


@pytest.mark.parametrize(("answer_given", "why"), [
    ("1/3", "it is a str '1/3', not a number or an array of numbers"),
    (len, "it is a builtin_function_or_method, not a number"),
    ([[1, 2], [3]], "its rows have different lengths (a ragged list)"),
    (float("nan"), "it holds NaN or inf"),
    ({"a": 1}, "it is a dict, not a number"),
])
def test_an_answer_that_is_not_numbers_is_told_so(answer_given, why):
    ok, message = judge("learning_rate.bound", answer_given)
    assert not ok and "could not read your answer as a number/array" in message and why in message
    assert read_answer(answer_given)[0] is None


def test_a_function_that_raises_or_a_value_where_a_function_is_asked_never_crash():
    def broken(f, x, h):
        return 1 / 0

    ok, message = judge("chain_rule.central_slope", broken)
    assert not ok and "your function raised ZeroDivisionError: division by zero" in message
    ok, message = judge("chain_rule.central_slope", lambda f, x, h: f(x) / np.float64(0))  # inf, no warning
    assert not ok and "it holds NaN or inf" in message
    ok, message = judge("chain_rule.central_slope", 0.235)
    assert not ok and "give your function itself" in message
    with pytest.raises(ValueError, match="exercise_id must be one of"):
        judge("no.such", 1)


def test_shapes_are_compared_and_the_broadcast_bug_is_named():
    ok, message = judge("two_layers.hidden_delta", lambda delta2, W2, z1: np.zeros((2, 2)))
    assert not ok and "expected shape (1, 2), your answer has shape (2, 2)" in message
    from bp_core.functions import sigmoid_prime

    ok, message = judge("two_layers.hidden_delta", lambda delta2, W2, z1: (delta2 * W2) * sigmoid_prime(z1))
    assert "numpy broadcast the (2, 1) column" in message


def test_dout_changed_in_place_is_diagnosed():
    def in_place(mask, dout):
        dout[mask] = 0
        return dout

    ok, message = judge("digits.relu_backward", in_place)
    assert not ok and "dout was modified in place" in message


# ---- the bug hunt: matching bugs to descriptions ----
def test_the_hunts_answer_key_passes(capsys):
    assert bugs.check_matches(load_solution("07_gradient_check").MATCHES)
    assert capsys.readouterr().out.count("✓") == 6


def test_the_descriptions_are_a_permutation_in_an_order_that_gives_nothing_away():
    key = {letter: bug.description for letter, bug in bugs.BUGS.items()}
    assert sorted(key.values()) == sorted(bugs.DESCRIPTIONS) == list(range(1, 7))
    assert [key[letter] for letter in "ABCDEF"] != list(range(1, 7))


def test_a_wrong_match_is_told_the_evidence_and_nothing_crashes(capsys):
    assert not bugs.check_matches({"A": 2, "B": 2, "C": None, "D": 9, "E": 6, "F": 4})
    out = capsys.readouterr().out
    assert "bug A: ✗ description 2 is given to more than one bug" in out
    assert "bug C: not yet" in out and "bug D: ✗ pick a description number from 1 to 6" in out
    assert "bug E: ✗ not description 6: the checker flags W1 and b1 only" in out
    assert "bug F: ✓" in out
    assert not bugs.check_matches(["A", 3])
    assert "give a dict" in capsys.readouterr().out


def test_the_evidence_the_hunt_points_to_is_real(capsys):
    """The hints send the learner to lr=1e-4 and hidden=4: there bug E's error fades and bug B crashes."""
    assert bugs.hunt("E", lr=1e-4)[0].rel_error < bugs.hunt("E")[0].rel_error / 100
    assert bugs.hunt("A", lr=1e-4)[0].rel_error == pytest.approx(bugs.hunt("A")[0].rel_error, rel=0.2)
    bugs.show("B", hidden=4)
    assert "does not even run on a 3-4-3 net" in capsys.readouterr().out
    bugs.show("A", hidden=4)
    assert "wrong" in capsys.readouterr().out
