"""Every "predict, then check" question and exercise of the notebooks, under its id, with the computation
of its answer, the common mistakes it diagnoses, a nudge and a hint (see feedback.py). The sentences are
English and are translated (`i18n.tr`) when they are said.

A notebook cell holds `answer("id", my_answer)` (a number worked out by hand: three significant figures
are enough) or `answer("id", my_function)` (code: the check calls the function on its own inputs). The
inputs are the notebook's own, recomputed here, so the answer never stands in the notebook's code.
"""

from functools import cache

import numpy as np

from bp_core import datasets
from bp_core.functions import sigmoid, sigmoid_prime
from bp_core.gradcheck import central_slope, forward_slope, relative_error
from bp_core.metrics import confusion_matrix
from bp_core.neuron import neuron
from bp_core.value import Value

from . import bugs, experiments
from .feedback import Mistake, exercise
from .scenes.worked_example import worked_example_net

# ----------------------------------------------------------------------------- 01 · the chain rule

exercise(
    "chain_rule.dL_dw", "∂L/∂w at x = 2, w = 0, b = 0, t = 1",
    lambda: neuron(2.0, 0.0, 0.0, 1.0).dL_dw[0],
    mistakes=[Mistake(lambda: -0.125, "a factor of the chain is missing: ∂z/∂w = x = 2"),
              Mistake(lambda: -1.0, "a factor of the chain is missing: ∂a/∂z = σ′(z) = 0.25")],
    nudge="Multiply the three local slopes: ∂L/∂a = a − t, ∂a/∂z = σ′(z), ∂z/∂w = x.",
    hint="a = σ(0) = 0.5 and σ′(0) = 0.25, so ∂L/∂w = (0.5 − 1) · 0.25 · 2.",
    explain="(a − t) · σ′(z) · x = (0.5 − 1) · 0.25 · 2 = −0.25.")

exercise(
    "chain_rule.central_slope", "central slope of σ at 0.5, h = 0.001",
    lambda: central_slope(sigmoid, 0.5, 1e-3), kind="code", call=lambda fn: fn(sigmoid, 0.5, 1e-3),
    mistakes=[Mistake(lambda: forward_slope(sigmoid, 0.5, 1e-3),
                      "that is the one-sided slope (f(x + h) − f(x))/h: the central one steps both ways")],
    nudge="Step both ways from x: f(x + h) and f(x − h), 2h apart.",
    hint="return (f(x + h) - f(x - h)) / (2 * h)",
    explain="(f(x + h) − f(x − h)) / 2h.")

exercise(
    "chain_rule.dL_db", "∂L/∂b at x = 1.5, w = −0.4, b = 0.2, t = 0",
    lambda: neuron(1.5, -0.4, 0.2, 0.0).dL_db, kind="code", call=lambda fn: fn(1.5, -0.4, 0.2, 0.0),
    mistakes=[Mistake(lambda: 1.5 * neuron(1.5, -0.4, 0.2, 0.0).dL_db,
                      "∂z/∂b is 1, not x: the bias is added, not multiplied"),
              Mistake(lambda: neuron(1.5, -0.4, 0.2, 0.0).dL_da,
                      "a factor of the chain is missing: ∂a/∂z = σ′(z)")],
    nudge="The chain is the one of ∂L/∂w with its last factor ∂z/∂b instead of ∂z/∂w.",
    hint="z = wx + b, so ∂z/∂b = 1: ∂L/∂b = (σ(z) − t) · σ′(z) · 1.")

# ----------------------------------------------------------------------------- 02 · computational graphs


def _micrograd():
    """L = (a·b + c)·f with a = 2, b = −3, c = 10, f = −2, after backward(): returns a."""
    a, b, c, f = Value(2.0, "a"), Value(-3.0, "b"), Value(10.0, "c"), Value(-2.0, "f")
    ((a * b + c) * f).backward()
    return a


exercise(
    "graphs.dL_da", "∂L/∂a for L = (a·b + c)·f",
    lambda: _micrograd().grad,
    mistakes=[Mistake(lambda: -3.0, "a factor of the chain is missing: ∂L/∂d = f = −2"),
              Mistake(lambda: -2.0, "a factor of the chain is missing: ∂e/∂a = b, the other factor")],
    nudge="Go back edge by edge: ∂L/∂d = f, ∂d/∂e = 1, ∂e/∂a = b; multiply them.",
    hint="∂L/∂a = f · 1 · b with f = −2 and b = −3.",
    explain="∂L/∂a = ∂L/∂d · ∂d/∂e · ∂e/∂a = f · 1 · b = (−2)(−3) = 6.")


def _shared():
    a, b = Value(2.0), Value(-3.0)
    (a * b + a).backward()
    return a.grad


exercise(
    "graphs.shared", "∂q/∂a for q = a·b + a at a = 2, b = −3",
    _shared,
    mistakes=[Mistake(lambda: -3.0, "a is used twice: add what comes back along the + edge too (1)"),
              Mistake(lambda: 1.0, "a is used twice: add what comes back through a·b too (b)")],
    nudge="a reaches q along two edges: one through the product, one straight into the sum.",
    hint="the product sends back b = −3, the sum sends back 1; a's grad is their sum.",
    explain="b + 1 = −3 + 1 = −2: the contributions of the two paths add up.")

# ----------------------------------------------------------------------------- 03 · one neuron

NEURON = ([1.0, -1.0], [0.5, 1.0], 0.0, 1.0)  # x, w, b, t of the notebook

exercise(
    "neuron.dL_db", "∂L/∂b for x = (1, 2), w = (0.5, 1), b = 0, t = 1",
    lambda: neuron([1.0, 2.0], [0.5, 1.0], 0.0, 1.0).dL_db,
    mistakes=[Mistake(lambda: neuron(*NEURON).dL_db,
                      "that is δ for the old input x₂ = −1: with x₂ = 2, z, a and δ change")],
    nudge="∂z/∂b = 1, so ∂L/∂b = δ; compute z, a and δ = (a − t) a(1 − a) for the new input.",
    hint="z = 0.5·1 + 1·2 + 0 = 2.5, a = σ(2.5).",
    explain="z = 2.5, a = σ(2.5) = 0.9241, δ = (a − 1) · a(1 − a) = −0.005318.")

exercise(
    "neuron.grad_w", "∇_w L at x = (0.3, −2), w = (1, 0.2), b = 0.5, t = 0",
    lambda: neuron([0.3, -2.0], [1.0, 0.2], 0.5, 0.0).dL_dw, kind="code",
    call=lambda fn: fn(np.array([0.3, -2.0]), np.array([1.0, 0.2]), 0.5, 0.0),
    mistakes=[Mistake(lambda: neuron([0.3, -2.0], [1.0, 0.2], 0.5, 0.0).dL_dz * np.ones(2),
                      "a factor of the chain is missing: ∂z/∂w = x"),
              Mistake(lambda: neuron([0.3, -2.0], [1.0, 0.2], 0.5, 0.0).dL_da * np.array([0.3, -2.0]),
                      "a factor of the chain is missing: ∂a/∂z = σ′(z)")],
    nudge="∂L/∂w = δ · x with δ = (a − t) · σ′(z) and z = w·x + b.",
    hint="z = w @ x + b; delta = (sigmoid(z) - t) * sigmoid_prime(z); return delta * x")

exercise(
    "neuron.step", "w after one step, η = 2",
    lambda: np.array(NEURON[1]) - 2.0 * neuron(*NEURON).dL_dw, kind="code",
    call=lambda fn: fn(np.array(NEURON[0]), np.array(NEURON[1]), NEURON[2], NEURON[3], 2.0),
    mistakes=[Mistake(lambda: np.array(NEURON[1]) + 2.0 * neuron(*NEURON).dL_dw,
                      "the step goes against the gradient: w − η ∇_w L"),
              Mistake(lambda: np.array(NEURON[1]) - neuron(*NEURON).dL_dw,
                      "the gradient is scaled by the learning rate: w − η ∇_w L")],
    nudge="One step of gradient descent: w ← w − η ∇_w L.",
    hint="return w - lr * neuron(x, w, b, t).dL_dw")

# ----------------------------------------------------------------------------- 04 · the learning rate

exercise(
    "learning_rate.bound", "the bound on η below which gradient descent converges on L = 3w²",
    lambda: 2 / 6,
    mistakes=[Mistake(lambda: 2 / 3, "that is 2/λ with λ = 3, but L = 3w² is ½λw² with λ = 6: the ½ matters"),
              Mistake(lambda: 1 / 6, "1/λ is where the steps start to change sign; they still converge up "
                                     "to 2/λ")],
    nudge="Write L = 3w² as ½λw²: what is λ? The bound is 2/λ.",
    hint="3w² = ½ · 6 · w², so λ = 6.",
    explain="L = 3w² = ½ · 6 · w²: λ = 6 and the bound is 2/λ = 1/3.")

exercise(
    "learning_rate.factor", "r for η = 0.3, λ = 5",
    lambda: 1 - 0.3 * 5.0, kind="code", call=lambda fn: fn(0.3, 5.0),
    mistakes=[Mistake(lambda: 1 + 0.3 * 5.0, "the step subtracts: w − η λ w = (1 − ηλ) w"),
              Mistake(lambda: 0.3 * 5.0, "that is ηλ, the size of the step; the factor is what is left, "
                                         "1 − ηλ")],
    nudge="One step on L = ½λw² takes w to w − η λ w.",
    hint="return 1 - lr * lam")

A_POWER = np.array([[4.0, 1.0], [1.0, -2.0]])
exercise(
    "learning_rate.power_iteration", "λ_max of A = [[4, 1], [1, −2]]",
    lambda: np.linalg.eigvalsh(A_POWER).max(), kind="code", call=lambda fn: fn(A_POWER.copy()),
    mistakes=[Mistake(lambda: np.linalg.eigvalsh(A_POWER).min(), "that is the other eigenvalue, the smaller "
                                                                 "one")],
    nudge="Repeat v ← A v / ‖A v‖ from any v, then return vᵀ A v (a number, not v).",
    hint="v = np.ones(2); 100 times: v = A @ v; v /= np.linalg.norm(v); then return v @ A @ v")

# ----------------------------------------------------------------------------- 05 · two layers by hand


@cache
def _worked():
    """The worked example's trace, and the two-sample batch and its trace."""
    x, t, _ = datasets.worked_example()
    net = worked_example_net()
    X2, T2 = np.array([[0.35, 0.9], [1.0, -0.5]]), np.array([[0.5], [0.1]])
    return net.trace(x, t), X2, net.trace(X2, T2), net.params["W2"].copy()


exercise(
    "two_layers.delta2", "δ2 by BP1",
    lambda: _worked()[0]["delta2"].item(),
    mistakes=[Mistake(lambda: (_worked()[0]["y"] - 0.5).item(),
                      "BP1 has a second factor, σ′(z²) = y(1 − y): δ² = (y − t)·y(1 − y)"),
              Mistake(lambda: ((_worked()[0]["y"] - 0.5) * (1 - _worked()[0]["y"])).item(),
                      "σ′(z²) is y(1 − y), both factors")],
    nudge="BP1: δ² = (y − t) · σ′(z²), and σ′(z²) = y(1 − y) for the sigmoid.",
    hint="(0.69028349 − 0.5) · 0.69028349 · (1 − 0.69028349).",
    explain="δ² = (y − t)·y(1 − y) = 0.19028 · 0.21379 = 0.040681.")

exercise(
    "two_layers.hidden_delta", "δ1 by BP2",
    lambda: _worked()[0]["delta1"], kind="code",
    call=lambda fn: fn(_worked()[0]["delta2"], _worked()[3], _worked()[0]["z1"]),
    mistakes=[Mistake(lambda: (_worked()[0]["delta2"] * _worked()[3]) * sigmoid_prime(_worked()[0]["z1"]),
                      "a (2, 2) result: numpy broadcast the (2, 1) column δ²·W² against the (1, 2) row "
                      "σ′(z¹) — the bug of the post 反向传播算法的理解; write δ² W²ᵀ, a (1, 1) by (1, 2) "
                      "product"),
              Mistake(lambda: _worked()[0]["delta2"] @ _worked()[3].T,
                      "BP2 ends with ⊙ σ′(z¹): the slope of the hidden sigmoid is missing"),
              Mistake(lambda: (_worked()[0]["delta1"]).T,
                      "a (2, 1) column: samples are rows here, so δ¹ is a row (1, 2)")],
    nudge="BP2: δ¹ = (δ² W²ᵀ) ⊙ σ′(z¹); check the shapes: (1, 1) @ (1, 2) → (1, 2).",
    hint="return (delta2 @ W2.T) * sigmoid_prime(z1)")

exercise(
    "two_layers.weight_grad", "dW1 for two samples",
    lambda: _worked()[2]["dW1"], kind="code", call=lambda fn: fn(_worked()[1], _worked()[2]["delta1"]),
    mistakes=[Mistake(lambda: _worked()[2]["delta1"].T @ _worked()[1],
                      "that is δᵀ a_prev, ∂L/∂W transposed (Nielsen's column convention); with samples in "
                      "rows, ∂L/∂W = a_prevᵀ δ"),
              Mistake(lambda: _worked()[2]["dW1"] / 2,
                      "1/N applied twice: δ already carries the 1/N of the mean loss, so do not divide by N "
                      "again")],
    nudge="BP4: ∂L/∂W = a_prevᵀ δ; the product sums over the samples (the rows).",
    hint="return a_prev.T @ delta")

# ----------------------------------------------------------------------------- 06 · mini-batches


@cache
def _mini_batch():
    """The notebook's 2-4-1 half-plane net on 50 samples: the per-sample and the batch gradients."""
    net, X, T = experiments.half_plane_problem(N=50)
    per_sample = [net.gradient(X[n:n + 1], T[n:n + 1]) for n in range(len(X))]
    return net, X, T, per_sample, net.gradient(X, T)


def _stacked_twice():
    """dL/dW1 on the batch stacked on itself, divided entry by entry by dL/dW1 on the batch: the mean."""
    net, X, T, _, batch = _mini_batch()
    return np.mean(net.gradient(np.vstack([X, X]), np.vstack([T, T]))["W1"] / batch["W1"])


exercise(
    "mini_batches.factor", "factor by which dL/dW1 changes",
    _stacked_twice,
    mistakes=[Mistake(lambda: 2.0, "a sum would double; the loss is a mean over the samples, and so is its "
                                   "gradient")],
    nudge="Is L = 1/(2N) Σ ||y − t||² a sum or a mean over the samples?",
    hint="Every sample twice: the sum doubles, and so does N.",
    explain="The mean of the same numbers, each twice, is the same mean: the factor is 1.")


def _average_of(fn):
    mine = fn(_mini_batch()[3])
    return None if mine is None else mine["W2"]


exercise(
    "mini_batches.average_gradient", "average of the per-sample dL/dW2",
    lambda: _mini_batch()[4]["W2"], kind="code", call=_average_of,
    mistakes=[Mistake(lambda: 50 * _mini_batch()[4]["W2"],
                      "that is the sum of the 50 per-sample gradients: divide by N"),
              Mistake(lambda: _mini_batch()[4]["W2"] / 50,
                      "1/N applied twice: the mean already divides the sum by N once")],
    nudge="For each key, the mean over the list of per-sample gradient dicts.",
    hint="return {key: np.mean([g[key] for g in grads], axis=0) for key in grads[0]}")

exercise(
    "mini_batches.speedup", "speed-ups",
    lambda: [0.5, 50.0], kind="code", call=lambda fn: fn(np.array([[1, 2e-5, 4e-5], [100, 2e-3, 4e-5]])),
    mistakes=[Mistake(lambda: [2.0, 0.02], "matrix time over loop time: the speed-up is loop / matrix")],
    nudge="Columns: N, loop seconds, matrix seconds; the speed-up is how many times faster the matrices are.",
    hint="return table[:, 1] / table[:, 2]")

# ----------------------------------------------------------------------------- 07 · gradient checking

exercise(
    "gradient_check.factor_two", "relative error of a gradient off by a factor 2",
    lambda: relative_error(2 * np.ones(3), np.ones(3)),
    mistakes=[Mistake(lambda: 0.5, "‖2g − g‖ is divided by ‖2g‖ + ‖g‖ = 3‖g‖, not by ‖2g‖"),
              Mistake(lambda: 1.0, "‖2g − g‖ = ‖g‖ is divided by ‖2g‖ + ‖g‖, not by ‖g‖")],
    nudge="Put g_backprop = 2g and g_numerical = g into ‖a − b‖ / (‖a‖ + ‖b‖).",
    hint="‖2g − g‖ = ‖g‖ and ‖2g‖ + ‖g‖ = 3‖g‖.",
    explain="‖g‖ / 3‖g‖ = 1/3, whatever g is: the relative error does not depend on the scale.")

exercise(
    "gradient_check.central_difference", "central_difference",
    lambda: central_slope(np.sin, 1.0, 1e-5), kind="code", call=lambda fn: fn(np.sin, 1.0),
    mistakes=[Mistake(lambda: forward_slope(np.sin, 1.0, 1e-5),
                      "that is the one-sided slope (f(x + h) − f(x))/h: the central one steps both ways")],
    nudge="(f(x + h) − f(x − h)) / 2h, with h = 1e-5 by default.",
    hint="return (f(x + h) - f(x - h)) / (2 * h)")


def _implied_W2(fn):
    params, X, T = bugs.hunt_problem()
    mine = fn(params, bugs.update_then_propagate_step(params, X, T, 0.1), 0.1)
    return None if mine is None else mine["W2"]


exercise(
    "gradient_check.gradient_used", "implied gradient of W2",
    lambda: bugs.gradient(*bugs.hunt_problem())["W2"], kind="code", call=_implied_W2,
    mistakes=[Mistake(lambda: 0.1 * bugs.gradient(*bugs.hunt_problem())["W2"],
                      "the change of W is −η times the gradient: divide by −η")],
    nudge="An update before → after made with learning rate η used the gradient (after − before) / (−η).",
    hint="return {key: (after[key] - before[key]) / -lr for key in before}")

# ----------------------------------------------------------------------------- 08 · loss curves

exercise(
    "loss_curves.steps", "gradient steps in 30 epochs with batches of 10",
    lambda: 30 * -(-84 // 10), kind="count",
    mistakes=[Mistake(lambda: 252, "the last, smaller batch (4 samples) is a step too: ⌈84/10⌉ = 9 steps per "
                                   "epoch"),
              Mistake(lambda: 30, "one step per epoch is the whole set as one batch; batches of 10 make "
                                  "several"),
              Mistake(lambda: 84 * 30, "that is one step per sample; there is one step per batch")],
    nudge="An epoch visits each of the 84 training samples once, one batch of 10 per step.",
    hint="84 samples in batches of 10: 8 full batches and one of 4.",
    explain="⌈84/10⌉ = 9 steps per epoch, 30 epochs: 270 steps.")


def _run():
    return experiments.training_run("xor", lr=0.3, batch_size=10, hidden=32, epochs=30)


exercise(
    "loss_curves.best_epoch", "best epoch",
    lambda: int(np.argmin(_run()["val_loss"])), kind="count", call=lambda fn: fn(_run()["val_loss"]),
    mistakes=[Mistake(lambda: float(np.min(_run()["val_loss"])),
                      "that is the lowest loss itself; the question is at which epoch (its index)")],
    nudge="The index of the smallest entry of val_loss.",
    hint="return int(np.argmin(val_loss))")

exercise(
    "loss_curves.gap", "generalisation gap",
    lambda: _run()["val_loss"][-1] - _run()["train_loss"][-1], kind="code", call=lambda fn: fn(_run()),
    mistakes=[Mistake(lambda: np.min(_run()["val_loss"]) - _run()["train_loss"][-1],
                      "that uses the lowest validation loss; the gap is taken at the last epoch")],
    nudge="Validation loss minus training loss, both at the last recorded epoch.",
    hint="return run['val_loss'][-1] - run['train_loss'][-1]")

# ----------------------------------------------------------------------------- 09 · layers and digits


def _digits():
    net, _, (X_test, t_test) = experiments.digits_run()
    return t_test, net.predict(X_test).argmax(axis=1)


exercise(
    "digits.misclassified", "misclassified test digits",
    lambda: int(np.sum(np.not_equal(*_digits()))), kind="count",
    mistakes=[Mistake(lambda: 1 - float(np.mean(np.equal(*_digits()))),
                      "that is the fraction of digits wrong; multiply it by the 449 test digits")],
    nudge="The test accuracy is the fraction right; the rest of the 449 digits are wrong.",
    hint="449 · (1 − 0.976), rounded to a whole digit.")


def _confusion():
    return confusion_matrix(*_digits())


exercise(
    "digits.per_class_accuracy", "per-class accuracy",
    lambda: np.diag(_confusion()) / _confusion().sum(axis=1), kind="code", call=lambda fn: fn(_confusion()),
    mistakes=[Mistake(lambda: np.diag(_confusion()) / _confusion().sum(axis=0),
                      "divided by the column sums (the predictions); row i holds the digits that truly "
                      "are i")],
    nudge="Row i of C counts the test digits that are i; the diagonal entry counts those called i.",
    hint="return np.diag(C) / C.sum(axis=1)")

RELU_MASK, RELU_DOUT = np.array([True, False, True]), np.array([1.0, -2.0, 3.0])


def _relu_backward_and_dout(fn):
    """The learner's result and the upstream gradient after the call, side by side (6 numbers)."""
    dout = RELU_DOUT.copy()
    result = fn(RELU_MASK.copy(), dout)
    return None if result is None else np.concatenate([np.asarray(result, dtype=float), dout])


exercise(
    "digits.relu_backward", "relu_backward, then dout",
    lambda: np.concatenate([np.where(RELU_MASK, 0.0, RELU_DOUT), RELU_DOUT]), kind="code",
    call=_relu_backward_and_dout,
    mistakes=[Mistake(lambda: np.concatenate([np.where(RELU_MASK, 0.0, RELU_DOUT)] * 2),
                      "dout was modified in place (dout[mask] = 0 writes into the caller's array); build "
                      "a new array instead"),
              Mistake(lambda: np.concatenate([np.where(RELU_MASK, RELU_DOUT, 0.0), RELU_DOUT]),
                      "mask is True where z ≤ 0: those entries become 0, the others pass")],
    nudge="Where mask is True the result is 0, elsewhere it is dout; leave dout as it was.",
    hint="return np.where(mask, 0.0, dout)")
