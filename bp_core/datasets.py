"""Data for the notebooks: generated 2-D toy sets, real 8x8 digits (shipped), and MNIST in IDX format.

Every generator is seeded with ``np.random.default_rng(seed)``, so the same seed gives the same arrays on any
machine. Nothing here touches the network except `download_mnist`, which is only ever called explicitly.
"""

import gzip
import hashlib
import http.client
import math
import numbers
import os
import struct
import tempfile
import urllib.request
import zlib
from pathlib import Path

import numpy as np

DIGITS_PATH = Path(__file__).parent / "data" / "digits.csv.gz"
DIGITS_SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
MNIST_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/"
# MD5 of the official gzip files, as torchvision lists them. Their SHA-256 could not be computed here (no
# network access when this was written); pin it next to these once the files have been fetched.
MNIST_MD5 = {
    "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
}


def _check_number(name, value, expected, ok, kind=numbers.Real):
    """Raise TypeError unless `value` is a `kind` (bools excluded), ValueError unless `ok(value)`."""
    if isinstance(value, bool) or not isinstance(value, kind):
        raise TypeError(f"{name} must be {expected}, got {value!r} of type {type(value).__name__}")
    if not ok(value):
        raise ValueError(f"{name} must be {expected}, got {value!r}")


def _labels(n, noise, seed, classes=2):
    """Validate a generator's arguments; return its rng and n shuffled, balanced labels."""
    _check_number("classes", classes, "an integer >= 2", lambda v: v >= 2, numbers.Integral)
    _check_number("n", n, f"an integer >= classes ({classes})", lambda v: v >= classes, numbers.Integral)
    _check_number("noise", noise, "a finite number >= 0", lambda v: 0 <= v < np.inf)
    rng = np.random.default_rng(seed)
    return rng, rng.permutation(np.arange(n) % classes)


def half_plane(n=1000, seed=0):
    """Seed 000's task: is the second coordinate of a point of the grid {-100, ..., 99}² at least 0?

    Points are drawn WITHOUT replacement from the 40,000 grid points and divided by 100: the seed fed raw
    inputs of size ±100, which saturate the sigmoid (σ'(z) ≈ 0, so learning stalls); scaled, they lie in
    [-1, 1). Inputs: n, an integer in [1, 40000]; seed for np.random.default_rng.
    Returns X of shape (n, 2) and targets T of shape (n, 1), float64, T = 1.0 where X[:, 1] >= 0 else 0.0.
    """
    _check_number("n", n, "an integer in [1, 40000]", lambda v: 1 <= v <= 40000, numbers.Integral)
    index = np.random.default_rng(seed).choice(40000, size=n, replace=False)
    X = np.column_stack([index // 200 - 100, index % 200 - 100]) / 100.0
    return X, (X[:, 1:] >= 0).astype(np.float64)


def xor(n=200, noise=0.1, seed=0):
    """XOR: Gaussian blobs (std `noise`) around the corners (±1, ±1); label 1 where the signs differ.

    Inputs: n, an integer >= 2; noise >= 0; seed for np.random.default_rng.
    Returns X of shape (n, 2) float64 and labels of shape (n,) int64 in {0, 1}, balanced and shuffled.
    """
    rng, labels = _labels(n, noise, seed)
    corner = rng.choice([-1.0, 1.0], size=n)
    X = corner[:, None] * np.column_stack([np.ones(n), 1 - 2 * labels])
    return X + noise * rng.standard_normal((n, 2)), labels


def moons(n=200, noise=0.1, seed=0):
    """Two interleaving half circles, as scikit-learn's make_moons, with Gaussian noise of std `noise`.

    Label 0: (cos t, sin t); label 1: (1 - cos t, 0.5 - sin t), with t uniform in [0, π].
    Inputs: n, an integer >= 2; noise >= 0; seed for np.random.default_rng.
    Returns X of shape (n, 2) float64 and labels of shape (n,) int64 in {0, 1}, balanced and shuffled.
    """
    rng, labels = _labels(n, noise, seed)
    t = rng.uniform(0.0, np.pi, n)
    upper, lower = np.column_stack([np.cos(t), np.sin(t)]), np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where(labels[:, None] == 0, upper, lower)
    return X + noise * rng.standard_normal((n, 2)), labels


def spirals(n=300, classes=3, noise=0.2, seed=0):
    """Spiral arms as in the cs231n notes: point (r sin θ, r cos θ), radius r uniform in [0, 1).

    Arm k turns through 4 radians, θ = 2πk/classes + 4r + noise·N(0, 1) (cs231n's noise is on the angle too).
    Inputs: n, an integer >= classes; classes, an integer >= 2; noise >= 0 (radians); seed.
    Returns X of shape (n, 2) float64 and labels of shape (n,) int64 in [0, classes), balanced and shuffled.
    """
    rng, labels = _labels(n, noise, seed, classes)
    r = rng.uniform(0.0, 1.0, n)
    theta = 2 * np.pi * labels / classes + 4 * r + noise * rng.standard_normal(n)
    return np.column_stack([r * np.sin(theta), r * np.cos(theta)]), labels


def one_hot(labels, num_classes, name="labels"):
    """Rows of the identity: labels of shape (N,), integers in [0, num_classes) (whole floats accepted).

    `name` is the argument named in error messages.

    Returns T of shape (N, num_classes) float64 with T[n, labels[n]] = 1 and zeros elsewhere.
    """
    _check_number("num_classes", num_classes, "an integer >= 1", lambda v: v >= 1, numbers.Integral)
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(f"{name} must have shape (N,), got shape {labels.shape}")
    if labels.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be integers, got dtype {labels.dtype}")
    bad = (labels != np.round(labels)) | (labels < 0) | (labels >= num_classes)  # NaN fails != too
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(f"{name} must be integers in [0, {num_classes}), got {labels[i]} at index {i}")
    return np.eye(num_classes)[labels.astype(np.int64)]


def train_val_split(X, T, val_fraction=0.2, seed=0):
    """Split (X, T) by a seeded permutation: every sample lands in exactly one part.

    (Seed 000 drew its training set with replacement, so it repeated some samples and never saw others.)
    Inputs: X of shape (N, ...), T of shape (N, ...), 0 < val_fraction < 1, seed for np.random.default_rng.
    Returns (X_train, T_train), (X_val, T_val); the validation part has round(N * val_fraction) samples.
    """
    X, T = np.asarray(X), np.asarray(T)
    if X.ndim == 0 or T.ndim == 0 or len(X) != len(T):
        raise ValueError(f"X and T must have the same length N, got shapes {X.shape} and {T.shape}")
    _check_number("val_fraction", val_fraction, "a number with 0 < val_fraction < 1", lambda v: 0 < v < 1)
    n_val = round(len(X) * val_fraction)
    if not 0 < n_val < len(X):
        raise ValueError(f"val_fraction={val_fraction} of N={len(X)} samples leaves a part empty")
    order = np.random.default_rng(seed).permutation(len(X))
    train, val = order[n_val:], order[:n_val]
    return (X[train], T[train]), (X[val], T[val])


def load_digits():
    """The 1,797 real handwritten 8x8 digits shipped in bp_core/data (UCI test set; see data/README.md).

    The file's SHA-256 is checked first, so a corrupted copy raises ValueError instead of bad data.
    Returns X of shape (1797, 64) float64 in [0, 1] (pixel counts 0..16 divided by 16, rows of the 8x8
    image one after another) and labels of shape (1797,) int64 in 0..9.
    """
    raw = DIGITS_PATH.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != DIGITS_SHA256:
        raise ValueError(f"{DIGITS_PATH} is corrupted: expected SHA-256 {DIGITS_SHA256}, got {digest}")
    data = np.loadtxt(gzip.decompress(raw).decode("ascii").splitlines(), delimiter=",")
    return data[:, :64] / 16.0, data[:, 64].astype(np.int64)


def load_idx(path, ndim=None):
    """Read an IDX file of unsigned bytes (raw, or gzip when the name ends in .gz).

    Header: magic 0x0000 08 ndim (big-endian), then ndim big-endian uint32 sizes, then the bytes.
    Inputs: path; ndim, when given, the required number of dimensions (3 for images, 1 for labels).
    Returns a read-only uint8 array of shape (the header's sizes) over the file's bytes (no extra copy).
    """
    path = Path(path)
    try:
        with gzip.open(path) if path.suffix == ".gz" else open(path, "rb") as f:
            data = f.read()
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise ValueError(f"{path} is not a valid, complete gzip file: {error}") from error
    if len(data) < 4 or data[:3] != b"\x00\x00\x08" or data[3] == 0 or ndim not in (None, data[3]):
        expected = f"0x{0x800 | ndim:08x}" if ndim else "0x000008NN (unsigned bytes, NN > 0 dimensions)"
        raise ValueError(f"{path} is not an IDX file: expected magic {expected}, got 0x{data[:4].hex()}")
    header = 4 + 4 * data[3]
    if len(data) < header:
        raise ValueError(f"{path} is truncated: its header needs {header} bytes, the file has {len(data)}")
    shape = struct.unpack(f">{data[3]}I", data[4:header])
    expected_bytes = header + math.prod(shape)
    if len(data) != expected_bytes:
        raise ValueError(f"{path} is truncated or padded: its header (shape {shape}) promises "
                         f"{expected_bytes} bytes, the file has {len(data)}")
    return np.frombuffer(data, np.uint8, offset=header).reshape(shape)


def _find_idx(directory, name):
    """Path of `name` or `name`.gz in `directory`; FileNotFoundError telling how to get it otherwise."""
    for candidate in (directory / name, directory / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{name} (or {name}.gz) not found in {directory}: fetch the MNIST files with "
                            f"bp_core.datasets.download_mnist({str(directory)!r}) where a network exists")


def _load_split(directory, prefix):
    """Images (N, rows*cols) float64 in [0, 1] and labels (N,) int64 of the split `prefix` (train, t10k)."""
    image_path = _find_idx(directory, f"{prefix}-images-idx3-ubyte")
    label_path = _find_idx(directory, f"{prefix}-labels-idx1-ubyte")
    images, labels = load_idx(image_path, ndim=3), load_idx(label_path, ndim=1)
    if len(images) != len(labels):
        raise ValueError(f"{image_path} has {len(images)} images but {label_path} has {len(labels)} labels")
    x = images.reshape(len(images), -1).astype(np.float64)  # the one float copy; scaled in place
    x /= 255.0
    return x, labels.astype(np.int64)


def load_mnist(directory):
    """MNIST from the four standard IDX files in `directory`, each raw or gzipped (name + ".gz").

    Files: train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte.
    Fashion-MNIST uses the same names and format (Debian's dataset-fashion-mnist installs them in
    /usr/share/datasets/fashion-mnist), so load_mnist reads it too. A missing file, the training split's
    included, raises FileNotFoundError; get the files with `download_mnist`.
    Returns (x_train, t_train), (x_test, t_test): images of shape (N, 784) float64 in [0, 1] (pixel / 255;
    376 MB for the 60,000 training images) and labels of shape (N,) int64 in 0..9.
    """
    directory = Path(directory)
    return _load_split(directory, "train"), _load_split(directory, "t10k")


def _md5(data):
    """Hex MD5 of bytes: a checksum against corruption here, not a security measure."""
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def download_mnist(cache_dir, base_url=MNIST_URL, timeout=30, opener=urllib.request.urlopen,
                   checksums=MNIST_MD5):
    """Fetch the MNIST gzip files into `cache_dir` (created if needed), verified by MD5; never implicit.

    Each file of `checksums` ({file name: MD5}) already present with the right MD5 is kept; any other is
    fetched from base_url + name with `opener(url, timeout=timeout)` (urllib's urlopen by default), checked,
    and written atomically (a temporary file in `cache_dir`, then os.replace): no partial file is left.
    Raises ConnectionError when a download fails or times out, ValueError when an MD5 does not match.
    Returns the Path of `cache_dir`, ready for load_mnist.
    """
    _check_number("timeout", timeout, "a number of seconds > 0", lambda v: 0 < v < np.inf)
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name, expected in checksums.items():
        target = cache_dir / name
        if target.is_file() and _md5(target.read_bytes()) == expected:
            continue
        url = base_url + name
        try:
            with opener(url, timeout=timeout) as response:
                data = response.read()
        except (OSError, http.client.HTTPException) as error:  # URLError and timeouts are OSErrors
            raise ConnectionError(f"could not download {url} (timeout {timeout} s): {error}") from error
        got = _md5(data)
        if got != expected:
            raise ValueError(f"{name} from {url} failed its checksum: expected MD5 {expected}, got {got}")
        handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=f".{name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as f:
                f.write(data)
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
    return cache_dir
