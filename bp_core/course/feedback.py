"""Feedback for "predict, then check" cells and exercises: values, not just True/False.

An answer left as None gets a prompt and reveals nothing, so a stored notebook never gives it away.
Feedback never crashes: an answer that is not a number or an array of numbers (a string such as "1/3",
a function, a ragged list) is told so.
"""

from dataclasses import dataclass

import numpy as np

from .i18n import tr


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


def check(name, answer, expected, rtol=1e-3, atol=1e-6):
    """Compare a learner's `answer` (number or array, or None) with `expected`; return the message.

    The message is also printed. Right within rtol/atol → "✓", wrong → "✗" with both values.
    """
    got, why = (None, None) if answer is None else read_answer(answer)
    want = np.asarray(expected, dtype=float)
    if answer is None:
        message = tr("{name}: not yet — replace None with your answer and run the cell again.")
    elif got is None:
        message = tr("{name}: ✗ could not read your answer as a number/array: {why}.")
    elif got.shape != want.shape:
        message = tr("{name}: ✗ expected shape {want}, your answer has shape {got}.")
    elif np.allclose(got, want, rtol=rtol, atol=atol):
        message = tr("{name}: ✓ right — {want}.")
    else:
        message = tr("{name}: ✗ you gave {got}, expected {want}.")
    shapes = got is not None and got.shape != want.shape
    got_text = "" if got is None else str(got.shape) if shapes else _fmt(got)
    message = message.format(name=name, why=why, got=got_text, want=str(want.shape) if shapes else _fmt(want))
    print(message)
    return message


def _fmt(x):
    return np.array2string(x, precision=4, suppress_small=True) if x.ndim else f"{float(x):.4g}"


@dataclass(frozen=True)
class Exercise:
    """A question whose expected answer is computed here, by `expected()`, never written in a notebook."""

    question: str
    expected: object  # () -> number or array
    rtol: float = 1e-3
    atol: float = 1e-6


EXERCISES = {}


def exercise(exercise_id, question, rtol=1e-3, atol=1e-6):
    """Decorator: register the function that computes the expected answer of `exercise_id`."""

    def register(expected):
        if exercise_id in EXERCISES:
            raise ValueError(f"exercise {exercise_id!r} is defined twice")
        EXERCISES[exercise_id] = Exercise(question, expected, rtol, atol)
        return expected

    return register


def answer(exercise_id, my_answer):
    """Check the learner's answer to a registered exercise (see `exercise`); return the message."""
    from . import exercises  # noqa: F401, PLC0415  (registers every exercise on first use)

    if exercise_id not in EXERCISES:
        raise ValueError(f"exercise_id must be one of {sorted(EXERCISES)}, got {exercise_id!r}")
    ex = EXERCISES[exercise_id]
    return check(tr(ex.question), my_answer, ex.expected(), ex.rtol, ex.atol)
