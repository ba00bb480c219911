import warnings
from pathlib import Path

import numpy as np
import pytest

from bp_core import MLP, TwoLayerNet, train
from bp_core.datasets import half_plane, load_idx, train_val_split

SHARED_MNIST = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist"


def test_half_plane_reaches_99_percent_validation_accuracy():
    X, T = half_plane(2000, seed=0)
    (X_tr, T_tr), (X_val, T_val) = train_val_split(X, T, 0.25, seed=0)
    net = TwoLayerNet(2, 4, 1, seed=0)  # sigmoid + MSE, as in the post 手写BP算法
    h = train(net, X_tr, T_tr, lr=2.0, batch_size=10, epochs=20, seed=0, X_val=X_val, T_val=T_val)
    assert not h.diverged
    assert h.val_acc[-1] >= 0.99
    assert net.accuracy(X_val, T_val) == h.val_acc[-1]
    assert len(h.loss) == 20 * 150 and len(h.train_acc) == len(h.val_acc) == 20
    assert np.mean(h.loss[-150:]) < np.mean(h.loss[:150]) / 5


def test_history_semantics_and_running_accuracy():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((10, 3))
    labels = (X[:, 0] > 0).astype(int)
    net = MLP([3, 4, 2], "tanh", "softmax_ce", seed=0)  # tanh: no exact ties between the two logits
    before = net.accuracy(X, labels)
    h = train(net, X, labels, lr=1e-9, batch_size=4, epochs=2, seed=0)  # η tiny: weights barely move
    assert len(h.loss) == 2 * 3  # ⌈10 / 4⌉ steps per epoch, the last batch smaller
    assert h.train_acc == [pytest.approx(before)] * 2
    assert h.val_acc == [] and not h.diverged and h.diverged_at is None


def test_same_seed_same_run_and_batch_larger_than_n():
    X, T = half_plane(100, seed=3)
    runs = []
    for _ in range(2):
        net = TwoLayerNet(2, 3, 1, seed=1)
        history = train(net, X, T, lr=1.0, batch_size=500, epochs=3, seed=5)
        runs.append((history.loss, net.params["W1"].copy()))
    assert runs[0][0] == runs[1][0] and len(runs[0][0]) == 3
    np.testing.assert_array_equal(runs[0][1], runs[1][1])


def test_huge_learning_rate_diverges_quietly():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((100, 2))
    labels = (X[:, 0] > 0).astype(int)
    net = TwoLayerNet(2, 8, 2, "relu", "softmax_ce", seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy warning may escape
        h = train(net, X, labels, lr=1e12, batch_size=10, epochs=50)
    assert h.diverged and h.diverged_at == len(h.loss) < 50 * 10
    assert np.all(np.isfinite(h.loss))
    assert all(np.isfinite(p).all() for p in net.params.values())  # the last finite weights are kept
    assert len(h.train_acc) == h.diverged_at // 10


def test_progress_prints_one_line_per_epoch(capsys):
    X, T = half_plane(40, seed=0)
    train(TwoLayerNet(2, 2, 1), X, T, lr=0.5, batch_size=8, epochs=2, X_val=X, T_val=T, progress=True)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[1].startswith("epoch 2/2: loss ") and "val acc" in lines[1]


@pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason=f"real MNIST test split not present at {SHARED_MNIST}")
def test_real_mnist_digits_reach_92_percent():
    images = load_idx(SHARED_MNIST / "t10k-images-idx3-ubyte.gz", ndim=3).reshape(10000, 784) / 255.0
    labels = load_idx(SHARED_MNIST / "t10k-labels-idx1-ubyte.gz", ndim=1).astype(np.int64)
    net = TwoLayerNet(784, 50, 10, "relu", "softmax_ce", seed=0)
    h = train(net, images[:8000], labels[:8000], lr=0.1, batch_size=100, epochs=10, seed=0,
              X_val=images[8000:], T_val=labels[8000:])
    assert not h.diverged
    assert h.val_acc[-1] >= 0.92
