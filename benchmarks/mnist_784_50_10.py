"""The MNIST workload of the post Python实现2层神经网络的误差反向传播法 (the layers of Deep Learning from
Scratch, ch. 5): bp_core against a faithful port of the post's layer design, side by side.

    .venv/bin/python benchmarks/mnist_784_50_10.py [IDX_DIRECTORY] [--repeats R] [--iters I]

Workload (the post's): TwoLayerNet 784-50-10, ReLU, softmax + cross-entropy, N(0, 0.01²) weights, batch 100,
η 0.1, 10,000 iterations, and every 600 iterations (one "epoch" of 60,000) the accuracy on the whole
training and test sets. Data: Fashion-MNIST from Debian's dataset-fashion-mnist package by default
(/usr/share/datasets/fashion-mnist), or any directory holding the four MNIST IDX files.

Making the two workloads equal: the post draws each batch with `np.random.choice` (with replacement);
`bp_core.train` visits every sample once per epoch. Both runs make exactly `iters` steps of batch 100:
bp_core runs `train(..., epochs=1)` once per 600 steps on the full training set, and the last, partial
epoch on the first 100·k samples of a seeded permutation (k = the steps left), evaluating after each
call like the post. The runs alternate (port, bp_core, port, ...) so both see the same machine load.

The port below is the ONE place the post's code is copied, as the comparison baseline. Its bugs are kept:
`Relu.backward` overwrites `dout` in place (harmless here, as nothing else reads it), and `Affine` keeps
references to the weight arrays (works only because the update is in place, `-=`).
"""

import argparse
import sys
import time
from collections import OrderedDict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bp_core import TwoLayerNet, train  # noqa: E402
from bp_core.datasets import load_mnist  # noqa: E402

FASHION = "/usr/share/datasets/fashion-mnist"


# ------------------------------------------------------------ the post's code, ported faithfully (baseline)
def softmax(x):
    x = x.T
    x = x - np.max(x, axis=0)
    return (np.exp(x) / np.sum(np.exp(x), axis=0)).T


def cross_entropy_error(y, t):
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


class Affine:
    def __init__(self, W, b):
        self.W, self.b, self.x, self.dW, self.db = W, b, None, None, None

    def forward(self, x):
        self.original_x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        return np.dot(self.x, self.W) + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx.reshape(*self.original_x_shape)


class Relu:
    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0  # the post's in-place write, kept
        return dout


class SoftmaxWithLoss:
    def forward(self, x, t):
        self.t, self.y = t, softmax(x)
        return cross_entropy_error(self.y, self.t)

    def backward(self, dout=1):
        return (self.y - self.t) / self.t.shape[0]


class SeedTwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {
            "W1": weight_init_std * np.random.randn(input_size, hidden_size),  # noqa: NPY002 (as the post)
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * np.random.randn(hidden_size, output_size),  # noqa: NPY002
            "b2": np.zeros(output_size)}
        self.layers = OrderedDict(Affine1=Affine(self.params["W1"], self.params["b1"]), Relu1=Relu(),
                                  Affine2=Affine(self.params["W2"], self.params["b2"]))
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.lastLayer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return np.sum(y == t) / float(x.shape[0])

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.lastLayer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        return {"W1": self.layers["Affine1"].dW, "b1": self.layers["Affine1"].db,
                "W2": self.layers["Affine2"].dW, "b2": self.layers["Affine2"].db}


def run_port(data, iters, batch_size=100, lr=0.1, seed=0):
    (x_train, t_train), (x_test, t_test) = data
    np.random.seed(seed)  # noqa: NPY002 (the post uses numpy's global generator)
    net = SeedTwoLayerNet(784, 50, 10)
    T_train = np.eye(10)[t_train]  # the post loads one-hot labels
    iter_per_epoch = max(len(x_train) / batch_size, 1)
    accs = []
    for i in range(iters):
        batch_mask = np.random.choice(len(x_train), batch_size)  # noqa: NPY002 (with replacement)
        grad = net.gradient(x_train[batch_mask], T_train[batch_mask])
        for key in ("W1", "b1", "W2", "b2"):
            net.params[key] -= lr * grad[key]
        net.loss(x_train[batch_mask], T_train[batch_mask])  # the post logs the loss after each step
        if i % iter_per_epoch == 0:
            accs.append((net.accuracy(x_train, t_train), net.accuracy(x_test, t_test)))
    return accs


# ---------------------------------------------------------------- the same workload with bp_core
def run_bp_core(data, iters, batch_size=100, lr=0.1, seed=0):
    (x_train, t_train), (x_test, t_test) = data
    net = TwoLayerNet(784, 50, 10, "relu", "softmax_ce", weight_init_std=0.01, seed=seed)
    steps_per_epoch = len(x_train) // batch_size
    done, epoch, accs = 0, 0, []
    while done < iters:
        steps = min(steps_per_epoch, iters - done)
        if steps == steps_per_epoch:
            X, T = x_train, t_train
        else:  # the last, partial epoch: exactly `steps` batches
            part = np.random.default_rng(seed + epoch).permutation(len(x_train))[:steps * batch_size]
            X, T = x_train[part], t_train[part]
        history = train(net, X, T, lr=lr, batch_size=batch_size, epochs=1, seed=seed + epoch)
        if history.diverged:
            raise RuntimeError(f"training diverged at step {done + history.diverged_at}")
        done, epoch = done + steps, epoch + 1
        accs.append((net.accuracy(x_train, t_train), net.accuracy(x_test, t_test)))
    return accs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=FASHION, help="directory with the four IDX files")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each implementation (alternating)")
    parser.add_argument("--iters", type=int, default=10_000, help="training steps of batch 100")
    args = parser.parse_args()
    start = time.perf_counter()
    data = load_mnist(args.directory)
    print(f"data: {args.directory} — train {data[0][0].shape}, test {data[1][0].shape} "
          f"(loaded in {time.perf_counter() - start:.1f} s)")
    print(f"workload: 784-50-10 relu/softmax-CE, batch 100, lr 0.1, {args.iters} steps, "
          f"train+test accuracy every 600 steps")
    times = {"port of the post": [], "bp_core": []}
    final = {}
    for r in range(args.repeats):
        for name, run in (("port of the post", run_port), ("bp_core", run_bp_core)):
            start = time.perf_counter()
            accs = run(data, args.iters, seed=r)
            times[name].append(time.perf_counter() - start)
            final[name] = accs[-1]
            print(f"run {r + 1} {name:<14} {times[name][-1]:7.2f} s   final train acc {accs[-1][0]:.4f}, "
                  f"test acc {accs[-1][1]:.4f} ({len(accs)} evaluations)")
    t_port, t_bp = np.median(times["port of the post"]), np.median(times["bp_core"])
    print(f"median time: port of the post {t_port:.2f} s, bp_core {t_bp:.2f} s; "
          f"ratio bp_core / port = {t_bp / t_port:.2f}")
    for name, (tr, te) in final.items():
        print(f"final accuracy {name:<14} train {tr:.4f}  test {te:.4f}")


if __name__ == "__main__":
    main()
