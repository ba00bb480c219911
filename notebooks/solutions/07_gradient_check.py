"""Solutions to the exercises of 07_gradient_check.ipynb."""


def central_difference(f, x, h=1e-5):
    """Slope of f at the number x by central differences: (f(x + h) − f(x − h)) / 2h."""
    return (f(x + h) - f(x - h)) / (2 * h)


def gradient_used(before, after, lr):
    """The gradient an update before → after with learning rate lr used: (after − before) / (−lr)."""
    return {key: (after[key] - before[key]) / -lr for key in before}


MATCHES = {"A": 3, "B": 6, "C": 1, "D": 5, "E": 2, "F": 4}  # the bug hunt: bug → description
ANSWERS = {"gradient_check.central_difference": central_difference,
           "gradient_check.gradient_used": gradient_used}
