"""Feedback that teaches, for "predict, then check" cells and exercises.

Every question lives here under an id, with the computation of its answer, so a notebook's code never
shows the answer: a cell holds `my_answer = None` and `answer("id", my_answer)`, or a function the
learner writes and `answer("id", my_function)`. What the learner gets:

- None (or a function that still returns None): a prompt, and nothing is revealed;
- a right answer: ✓. Hand-computed answers are right to three significant figures, code answers to a
  tight tolerance, counts exactly;
- a wrong answer, the first time: the diagnosis of a common mistake the answer fits (a missing factor of
  the chain, a flipped sign, off by a factor of 2, 1/N applied twice, ...), else a nudge;
- a wrong answer again: the diagnosis where one fits, and a hint;
- the answer itself only when asked for: `reveal("id")`.

Nothing a learner types crashes the check: a string such as "1/3", a function, a ragged list, NaN, a
function that raises — each is told what is wrong with it.
"""

import math
import warnings
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .i18n import one_after_another, tr

KINDS = ("hand", "code", "count")  # three significant figures; rtol 1e-6; exactly


@dataclass(frozen=True)
class Mistake:
    """A common mistake: the answer it gives (computed when needed) and what it says, in English."""

    answer: object  # () -> number or array
    says: str


@dataclass(frozen=True)
class Exercise:
    question: str
    expected: object  # () -> number or array
    kind: str = "hand"
    mistakes: tuple = ()
    nudge: str = ""  # after a first wrong answer that fits no mistake
    hint: str = ""  # after a second wrong answer
    explain: str = ""  # with the answer, on reveal
    call: object = None  # code exercises: the learner's function -> their answer


EXERCISES = {}
_wrong = Counter()  # exercise id -> wrong answers so far in this kernel


def exercise(exercise_id, question, expected, *, kind="hand", mistakes=(), nudge="", hint="", explain="",
             call=None):
    """Register a question under `exercise_id` (see the module docstring); returns the Exercise."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if exercise_id in EXERCISES:
        raise ValueError(f"exercise {exercise_id!r} is defined twice")
    EXERCISES[exercise_id] = Exercise(question, expected, kind, tuple(mistakes), nudge, hint, explain, call)
    return EXERCISES[exercise_id]


def _exercise(exercise_id):
    from . import exercises  # noqa: F401, PLC0415  (registers every exercise on first use)

    if exercise_id not in EXERCISES:
        raise ValueError(f"exercise_id must be one of {sorted(EXERCISES)}, got {exercise_id!r}")
    return EXERCISES[exercise_id]


def read_answer(answer):
    """The learner's answer as a float array, or (None, why not) when it cannot be read as numbers."""
    try:
        array = np.asarray(answer)
    except ValueError:  # numpy: "setting an array element with a sequence"
        return None, tr("its rows have different lengths (a ragged list)")
    if array.dtype.kind not in "biuf":
        kind = type(answer).__name__ if array.dtype == object else f"{type(answer).__name__} {answer!r}"
        return None, tr("it is a {kind}, not a number or an array of numbers").format(kind=kind)
    if not np.isfinite(array.astype(float)).all():
        return None, tr("it holds NaN or inf")
    return array.astype(float), None


def close(got, want, kind):
    """Whether `got` equals `want` for this kind of answer (arrays of one shape)."""
    if got.shape != want.shape:
        return False
    if kind == "count":
        return bool(np.all(np.abs(got - want) < 0.5))
    if kind == "code":
        return bool(np.allclose(got, want, rtol=1e-6, atol=1e-12))
    scale = float(np.max(np.abs(want))) if want.size else 0.0
    if scale == 0.0:
        return bool(np.all(np.abs(got) < 1e-9))
    unit = 10.0 ** (math.floor(math.log10(scale)) - 2)  # one unit in the third significant figure
    return bool(np.all(np.abs(got - want) <= unit))


def generic_mistakes(want):
    """The mistakes that fit any numeric question: a flipped sign, a factor of 2."""
    return (Mistake(lambda: -want, "the sign is flipped: check which way round the difference goes"),
            Mistake(lambda: 2 * want, "off by a factor of 2: look for a ½ (or a 2) you left out"),
            Mistake(lambda: want / 2, "off by a factor of 2: look for a 2 (or a ½) too many"))


def _diagnosis(ex, got, want):
    """What the first mistake that `got` fits says, or None."""
    generic = generic_mistakes(want) if np.any(want != 0) else ()
    for mistake in (*ex.mistakes, *generic):
        value, _ = read_answer(mistake.answer())
        if value is not None and close(got, value, ex.kind):
            return tr(mistake.says)
    return None


def _fmt(x):
    return np.array2string(x, precision=4, suppress_small=True) if x.ndim else f"{float(x):.4g}"


def judge(exercise_id, my_answer):
    """(right, message) for the learner's answer (a number, an array, or for a code exercise their
    function), counting a wrong answer as an attempt."""
    ex = _exercise(exercise_id)
    if ex.call is not None and my_answer is not None:
        if not callable(my_answer):
            return False, tr("{q}: ✗ give your function itself (its name, without calling it)").format(
                q=tr(ex.question))
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                my_answer = ex.call(my_answer)
        except Exception as error:  # the learner's code: say what happened
            return False, tr("{q}: ✗ your function raised {error}").format(
                q=tr(ex.question), error=f"{type(error).__name__}: {error}")
    return judge_value(exercise_id, my_answer)


def judge_value(exercise_id, value):
    """(right, message) for an answer to `exercise_id` as it is compared: for a code exercise, what the
    learner's function gave once called."""
    ex = EXERCISES[exercise_id]
    question = tr(ex.question)
    if value is None:
        return False, tr("{q}: not yet — replace None with your answer and run the cell again.").format(
            q=question)
    got, why = read_answer(value)
    if got is None:
        return False, tr("{q}: ✗ could not read your answer as a number/array: {why}.").format(
            q=question, why=why)
    want = np.asarray(ex.expected(), dtype=float)
    if close(got, want, ex.kind):
        _wrong[exercise_id] = 0
        return True, tr("{q}: ✓ right — {want}.").format(q=question, want=_fmt(want))
    _wrong[exercise_id] += 1
    diagnosis = _diagnosis(ex, got, want)
    if got.shape != want.shape:
        verdict = tr("{q}: ✗ expected shape {want}, your answer has shape {got}").format(
            q=question, want=want.shape, got=got.shape)
    elif diagnosis is None and ex.kind == "hand" and np.allclose(got, want, rtol=0.05):
        verdict = tr("{q}: ✗ {got} is close, but not right to three significant figures").format(
            q=question, got=_fmt(got))
    else:
        verdict = tr("{q}: ✗ {got} is not it").format(q=question, got=_fmt(got))
    if diagnosis:
        message = tr("{verdict} — {diagnosis}.").format(verdict=verdict, diagnosis=diagnosis)
    else:
        message = tr("{verdict}.").format(verdict=verdict)
    if diagnosis is None and _wrong[exercise_id] == 1 and ex.nudge:
        message = one_after_another(message, tr(ex.nudge))
    if _wrong[exercise_id] >= 2 and ex.hint:
        message = one_after_another(message, tr("Hint: {hint}").format(hint=tr(ex.hint)))
    return False, message


def forget_attempts():
    """Count every exercise's wrong answers from zero again (a teacher demonstrating, a fresh start)."""
    _wrong.clear()


def answer(exercise_id, my_answer):
    """Check the learner's answer (or function) for `exercise_id`, print the feedback and return it."""
    message = judge(exercise_id, my_answer)[1]
    print(message)
    return message


def reveal(exercise_id):
    """Print the expected answer of `exercise_id`, with its explanation, and return the message."""
    ex = _exercise(exercise_id)
    want = np.asarray(ex.expected(), dtype=float)
    message = tr("{q}: the answer is {want}.").format(q=tr(ex.question), want=_fmt(want))
    if ex.explain:
        message = one_after_another(message, tr(ex.explain))
    print(message)
    return message
