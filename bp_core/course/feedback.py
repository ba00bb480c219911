"""Feedback for "predict, then check" cells and exercises: values, not just True/False.

An answer left as None gets a prompt and reveals nothing, so a stored notebook never gives it away.
"""

import numpy as np


def check(name, answer, expected, rtol=1e-3, atol=1e-6):
    """Compare a learner's `answer` (number or array, or None) with `expected`; return the message.

    The message is also printed. Right within rtol/atol → "✓", wrong → "✗" with both values.
    """
    if answer is None:
        message = f"{name}: not yet — replace None with your answer and run the cell again."
    else:
        got, want = np.asarray(answer, dtype=float), np.asarray(expected, dtype=float)
        if got.shape != want.shape:
            message = f"{name}: ✗ expected shape {want.shape}, your answer has shape {got.shape}."
        elif np.allclose(got, want, rtol=rtol, atol=atol):
            message = f"{name}: ✓ right — {_fmt(want)}."
        else:
            message = f"{name}: ✗ you gave {_fmt(got)}, expected {_fmt(want)}."
    print(message)
    return message


def _fmt(x):
    return np.array2string(x, precision=4, suppress_small=True) if x.ndim else f"{float(x):.4g}"
