"""`bp_core.train` against a plain hand-written numpy SGD loop doing the same work, side by side.

    .venv/bin/python benchmarks/train_vs_plain_loop.py [IDX_DIRECTORY] [--epochs E] [--repeats R]

Work: a 784-50-10 ReLU / softmax-cross-entropy net, batch 100, η 0.1, the same epochs and the same shuffling
(np.random.default_rng(seed).permutation per epoch, as `train` does), the loss and the running accuracy
recorded at every step (as `train` does). Data: Fashion-MNIST (/usr/share/datasets/fashion-mnist, Debian's
dataset-fashion-mnist) or the IDX directory given; a synthetic 784-D set of 60,000 samples when absent.
Runs are interleaved (plain, train, plain, train, ...); the script checks that both end with the same
weights and prints the median time ratio train / plain (target ≤ 1.2).
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bp_core import TwoLayerNet, train  # noqa: E402
from bp_core.datasets import load_mnist  # noqa: E402

FASHION = "/usr/share/datasets/fashion-mnist"


def plain_sgd(params, X, labels, lr, batch_size, epochs, seed):
    """The textbook loop, nothing else: forward, loss, backward, update. params is changed in place."""
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    rng, N = np.random.default_rng(seed), len(X)
    T = np.eye(W2.shape[1])[labels]
    losses, accs = [], []
    for _ in range(epochs):
        order, correct = rng.permutation(N), 0
        for start in range(0, N, batch_size):
            batch = order[start:start + batch_size]
            x, t = X[batch], T[batch]
            z1 = x @ W1 + b1
            a1 = np.maximum(z1, 0)
            z2 = a1 @ W2 + b2
            shifted = z2 - z2.max(axis=1, keepdims=True)
            logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
            losses.append(-np.sum(t * logp) / len(x))
            y = np.exp(logp)
            correct += int(np.sum(y.argmax(1) == t.argmax(1)))
            dz2 = (y - t) / len(x)
            dW2, db2 = a1.T @ dz2, dz2.sum(0)
            dz1 = np.where(z1 > 0, dz2 @ W2.T, 0.0)
            dW1, db1 = x.T @ dz1, dz1.sum(0)
            W1 -= lr * dW1
            b1 -= lr * db1
            W2 -= lr * dW2
            b2 -= lr * db2
        accs.append(correct / N)
    return losses, accs


def load(directory):
    try:
        (X, labels), _ = load_mnist(directory)
        return X, labels, directory
    except FileNotFoundError:
        rng = np.random.default_rng(0)
        labels = rng.integers(0, 10, 60000)
        X = np.clip(rng.normal(0.1 * labels[:, None] / 9, 0.3, (60000, 784)), 0, 1)
        return X, labels, "synthetic 784-D set (no IDX files found)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=FASHION)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    X, labels, source = load(args.directory)
    print(f"data: {source}, X {X.shape}; 784-50-10 relu/softmax-CE, batch 100, lr 0.1, {args.epochs} epochs")
    times = {"plain": [], "train": []}
    for r in range(args.repeats):
        plain_net = TwoLayerNet(784, 50, 10, "relu", "softmax_ce", weight_init_std=0.01, seed=r)
        net = TwoLayerNet(784, 50, 10, "relu", "softmax_ce", weight_init_std=0.01, seed=r)
        start = time.perf_counter()
        plain_sgd(plain_net.params, X, labels, 0.1, 100, args.epochs, seed=r)
        times["plain"].append(time.perf_counter() - start)
        start = time.perf_counter()
        train(net, X, labels, lr=0.1, batch_size=100, epochs=args.epochs, seed=r)
        times["train"].append(time.perf_counter() - start)
        same = all(np.allclose(net.params[k], plain_net.params[k], rtol=1e-6, atol=1e-9) for k in net.params)
        print(f"repeat {r + 1}: plain {times['plain'][-1]:.3f} s, train {times['train'][-1]:.3f} s, "
              f"ratio {times['train'][-1] / times['plain'][-1]:.3f}, same weights: {same}")
    ratios = np.array(times["train"]) / np.array(times["plain"])
    print(f"median: plain {np.median(times['plain']):.3f} s, train {np.median(times['train']):.3f} s; "
          f"median ratio train / plain = {np.median(ratios):.3f} (target <= 1.2)")


if __name__ == "__main__":
    main()
