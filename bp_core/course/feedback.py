"""Feedback for "predict, then check" cells and exercises: values, not just True/False.

An answer left as None gets a prompt and reveals nothing, so a stored notebook never gives it away.
Feedback never crashes: an answer that is not a number or an array of numbers (a string such as "1/3",
a function, a ragged list) is told so.
"""

import numpy as np


def read_answer(answer):
    """The learner's answer as a float array, or (None, why not) when it cannot be read as numbers."""
    try:
        array = np.asarray(answer)
    except ValueError:  # numpy: "setting an array element with a sequence"
        return None, "its rows have different lengths (a ragged list)"
    if array.dtype.kind not in "biuf":
        kind = type(answer).__name__ if array.dtype == object else f"{type(answer).__name__} {answer!r}"
        return None, f"it is a {kind}, not a number or an array of numbers"
    if not np.isfinite(array.astype(float)).all():
        return None, "it holds NaN or inf"
    return array.astype(float), None


def check(name, answer, expected, rtol=1e-3, atol=1e-6):
    """Compare a learner's `answer` (number or array, or None) with `expected`; return the message.

    The message is also printed. Right within rtol/atol → "✓", wrong → "✗" with both values.
    """
    got, why = (None, None) if answer is None else read_answer(answer)
    want = np.asarray(expected, dtype=float)
    if answer is None:
        message = f"{name}: not yet — replace None with your answer and run the cell again."
    elif got is None:
        message = f"{name}: ✗ could not read your answer as a number/array: {why}."
    elif got.shape != want.shape:
        message = f"{name}: ✗ expected shape {want.shape}, your answer has shape {got.shape}."
    elif np.allclose(got, want, rtol=rtol, atol=atol):
        message = f"{name}: ✓ right — {_fmt(want)}."
    else:
        message = f"{name}: ✗ you gave {_fmt(got)}, expected {_fmt(want)}."
    print(message)
    return message


def _fmt(x):
    return np.array2string(x, precision=4, suppress_small=True) if x.ndim else f"{float(x):.4g}"
