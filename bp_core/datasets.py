"""Data for the notebooks: generated 2-D toy sets, real 8x8 digits (shipped), and MNIST in IDX format.

Every generator is seeded with ``np.random.default_rng(seed)``, so the same seed gives the same arrays on any
machine. Nothing here touches the network except `download_mnist`, which is only ever called explicitly.
"""

import contextlib
import gzip
import hashlib
import http.client
import math
import numbers
import os
import struct
import tempfile
import time
import urllib.request
import zlib
from pathlib import Path

import numpy as np

from . import checks

DIGITS_PATH = Path(__file__).parent / "data" / "digits.csv.gz"
DIGITS_SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
MNIST_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/"
# Digests of the official gzip files, copied from public sources (not computed from a download):
# MD5 as torchvision lists them (github.com/pytorch/vision, torchvision/datasets/mnist.py); SHA-256 as
# TensorFlow Datasets pins them (github.com/tensorflow/datasets, tensorflow_datasets/url_checksums/mnist.txt,
# with the sizes 9,912,422, 28,881, 1,648,877 and 4,542 bytes), the same in torchvision's prototype datasets
# (torchvision/prototype/datasets/_builtin/mnist.py). download_mnist checks both.
MNIST_CHECKSUMS = {
    "train-images-idx3-ubyte.gz": {
        "md5": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        "sha256": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    },
    "train-labels-idx1-ubyte.gz": {
        "md5": "d53e105ee54ea40749a09fcbcd1e9432",
        "sha256": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    },
    "t10k-images-idx3-ubyte.gz": {
        "md5": "9fb629c4189551a2d022fa330f9573f3",
        "sha256": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    },
    "t10k-labels-idx1-ubyte.gz": {
        "md5": "ec29112dd5afa0611ce80d1b7f02629c",
        "sha256": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    },
}
MNIST_MAX_BYTES = 10 * 2**20  # 10 MiB per file: the largest, train-images, has 9,912,422 bytes
_DIGEST_ALGORITHMS = ("md5", "sha256")
_CHUNK = 64 * 1024  # bytes read at a time, from the network and from IDX files
_MAX_NDIM = 64  # numpy's limit on the number of dimensions of an array
_GZIP_MAX_RATIO = 1032  # deflate's limit: each 258-byte repeat costs at least 2 bits


def _integer_in(name, value, low, high):
    """An int in [low, high], else TypeError/ValueError naming `name` (the style of bp_core.checks)."""
    expected = f"an integer in [{low}, {high}]"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be {expected}, got {type(value).__name__} {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be {expected}, got {value}")
    return int(value)


def _labels(n, noise, seed, classes=2):
    """Validate a generator's arguments; return its rng and n shuffled, balanced labels."""
    classes = checks.integer_at_least("classes", classes, 2)
    n = checks.integer_at_least("n", n, classes)
    if not 0 <= checks.real_number("noise", noise) < np.inf:
        raise ValueError(f"noise must be a finite number ≥ 0, got {noise}")
    rng = np.random.default_rng(checks.seed(seed))
    return rng, rng.permutation(np.arange(n) % classes)


def half_plane(n=1000, seed=0):
    """The task of the post 手写BP算法: is the second coordinate of a point of the grid {-100, ..., 99}²
    at least 0?

    Points are drawn WITHOUT replacement from the 40,000 grid points and divided by 100: the post fed raw
    inputs of size ±100, which saturate the sigmoid (σ'(z) ≈ 0, so learning stalls); scaled, they lie in
    [-1, 1). Inputs: n, an integer in [1, 40000]; seed, an integer ≥ 0, for np.random.default_rng.
    Returns X of shape (n, 2) and targets T of shape (n, 1), float64, T = 1.0 where X[:, 1] >= 0 else 0.0.
    """
    n = _integer_in("n", n, 1, 40000)
    index = np.random.default_rng(checks.seed(seed)).choice(40000, size=n, replace=False)
    X = np.column_stack([index // 200 - 100, index % 200 - 100]) / 100.0
    return X, (X[:, 1:] >= 0).astype(np.float64)


def xor(n=200, noise=0.1, seed=0):
    """XOR: Gaussian blobs (std `noise`) around the corners (±1, ±1); label 1 where the signs differ.

    Inputs: n, an integer >= 2; noise >= 0; seed, an integer ≥ 0, for np.random.default_rng.
    Returns X of shape (n, 2) float64 and labels of shape (n,) int64 in {0, 1}, balanced and shuffled.
    """
    rng, labels = _labels(n, noise, seed)
    corner = rng.choice([-1.0, 1.0], size=n)
    X = corner[:, None] * np.column_stack([np.ones(n), 1 - 2 * labels])
    return X + noise * rng.standard_normal((n, 2)), labels


def moons(n=200, noise=0.1, seed=0):
    """Two interleaving half circles, as scikit-learn's make_moons, with Gaussian noise of std `noise`.

    Label 0: (cos t, sin t); label 1: (1 - cos t, 0.5 - sin t), with t uniform in [0, π].
    Inputs: n, an integer >= 2; noise >= 0; seed, an integer ≥ 0, for np.random.default_rng.
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
    Inputs: n, an integer >= classes; classes, an integer >= 2; noise >= 0 (radians); seed, an integer ≥ 0.
    Returns X of shape (n, 2) float64 and labels of shape (n,) int64 in [0, classes), balanced and shuffled.
    """
    rng, labels = _labels(n, noise, seed, classes)
    r = rng.uniform(0.0, 1.0, n)
    theta = 2 * np.pi * labels / classes + 4 * r + noise * rng.standard_normal(n)
    return np.column_stack([r * np.sin(theta), r * np.cos(theta)]), labels


def worked_example():
    """The 2-2-1 worked example of the post 反向传播算法的理解 (cnblogs, ywheunji): one sample, no biases.

    The post puts the sample in a column and writes W0 @ x with W0 = [[0.1, 0.8], [0.4, 0.6]] and
    W1 = [[0.3, 0.9]]; in the row convention of bp_core (x @ W) the same weights are their transposes.
    Returns (x, t, params): x of shape (1, 2) = [[0.35, 0.9]], t of shape (1, 1) = [[0.5]] and params
    {"W1": (2, 2) = [[0.1, 0.4], [0.8, 0.6]], "W2": (2, 1) = [[0.3], [0.9]]}, W1[i, j] joining input i to
    hidden unit j. Fresh arrays on every call.
    """
    W0_post, W1_post = np.array([[0.1, 0.8], [0.4, 0.6]]), np.array([[0.3, 0.9]])
    return np.array([[0.35, 0.9]]), np.array([[0.5]]), {"W1": W0_post.T.copy(), "W2": W1_post.T.copy()}


def train_val_split(X, T, val_fraction=0.2, seed=0):
    """Split (X, T) by a seeded permutation: every sample lands in exactly one part.

    (The post 手写BP算法 drew its training set with replacement, so it repeated some samples and never saw
    others.)
    Inputs: X of shape (N, ...), T of shape (N, ...), 0 < val_fraction < 1, seed (an integer ≥ 0).
    Returns (X_train, T_train), (X_val, T_val); the validation part has round(N * val_fraction) samples.
    """
    X, T = np.asarray(X), np.asarray(T)
    if X.ndim == 0 or T.ndim == 0 or len(X) != len(T):
        raise ValueError(f"X and T must have the same length N, got shapes {X.shape} and {T.shape}")
    if not 0 < checks.real_number("val_fraction", val_fraction) < 1:
        raise ValueError(f"val_fraction must be a number with 0 < val_fraction < 1, got {val_fraction}")
    rng = np.random.default_rng(checks.seed(seed))
    n_val = round(len(X) * val_fraction)
    if not 0 < n_val < len(X):
        raise ValueError(f"val_fraction={val_fraction} of N={len(X)} samples leaves a part empty")
    order = rng.permutation(len(X))
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

    Header: magic 0x0000 08 ndim (big-endian), then ndim big-endian uint32 sizes, then the bytes. Only what
    the header promises is read, plus one byte to detect trailing data, so a small gzip file that expands
    to gigabytes is refused after a few bytes; a promise larger than the file can hold (its size, or
    1032 times it for gzip, deflate's limit) is refused before any array is allocated.
    Inputs: path; ndim, None or the required number of dimensions, an integer in [1, 64] (3 for images,
    1 for labels).
    Returns a read-only uint8 array of shape (the header's sizes), read from the file straight into it.
    """
    if ndim is not None:
        ndim = _integer_in("ndim", ndim, 1, _MAX_NDIM)
    path = Path(path)
    gzipped = path.suffix == ".gz"
    try:
        with gzip.open(path) if gzipped else open(path, "rb") as f:
            return _read_idx(f, path, ndim, gzipped)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise ValueError(f"{path} is not a valid, complete gzip file: {error}") from error


def _read_idx(f, path, ndim, gzipped):
    """The array of the IDX file open as f (see load_idx); ValueError naming `path` when it is not one."""
    magic = f.read(4)
    dims = magic[3] if len(magic) == 4 else 0
    if magic[:3] != b"\x00\x00\x08" or not 1 <= dims <= _MAX_NDIM or ndim not in (None, dims):
        expected = (f"0x{0x800 | ndim:08x}" if ndim
                    else f"0x000008NN (unsigned bytes in NN = 1 to {_MAX_NDIM} dimensions)")
        raise ValueError(f"{path} is not an IDX file: expected magic {expected}, got 0x{magic.hex()}")
    sizes = f.read(4 * dims)
    header = 4 + 4 * dims
    if len(sizes) < 4 * dims:
        raise ValueError(f"{path} is truncated: its header needs {header} bytes, "
                         f"the file has {4 + len(sizes)}")
    shape = struct.unpack(f">{dims}I", sizes)
    promised = header + math.prod(shape)
    stored = os.fstat(f.fileno()).st_size
    if gzipped and promised > _GZIP_MAX_RATIO * stored:
        raise _size_error(path, shape, promised, f"at most {_GZIP_MAX_RATIO * stored}: its {stored} gzip "
                                                 f"bytes expand at most {_GZIP_MAX_RATIO}-fold")
    if not gzipped and promised != stored:
        raise _size_error(path, shape, promised, stored)
    data = np.empty(promised - header, np.uint8)
    got = header + _read_into(f, data)
    if got < promised:
        raise _size_error(path, shape, promised, got)
    if f.read(1):
        raise _size_error(path, shape, promised, f"{promised + 1} or more")
    data.flags.writeable = False
    return data.reshape(shape)


def _size_error(path, shape, promised, has):
    """The ValueError of an IDX file whose header promises `promised` bytes but which has `has`."""
    return ValueError(f"{path} is truncated or padded: its header (shape {shape}) promises {promised} bytes, "
                      f"the file has {has}")


def _read_into(f, buffer):
    """Fill the 1-D uint8 array `buffer` from the binary file f, _CHUNK bytes at a time.

    Returns the number of bytes read: len(buffer), or fewer when the file ends first.
    """
    view, filled = memoryview(buffer), 0
    while filled < len(view) and (n := f.readinto(view[filled:filled + _CHUNK])):
        filled += n
    return filled


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


class _Digests:
    """Running digests of a stream of bytes, one per algorithm of `expected` ({algorithm: hex digest})."""

    def __init__(self, expected):
        self.expected = expected
        self.hashes = {name: hashlib.new(name, usedforsecurity=False) for name in expected}

    def update(self, chunk):
        for h in self.hashes.values():
            h.update(chunk)

    def mismatch(self):
        """(algorithm, expected, computed) of the first digest that differs, or None when all agree."""
        for name, digest in self.expected.items():
            got = self.hashes[name].hexdigest()
            if got != digest:
                return name, digest, got
        return None


def _is_intact(path, expected, max_bytes):
    """True when `path` is a file of at most max_bytes bytes with every digest of `expected`."""
    if not path.is_file() or path.stat().st_size > max_bytes:
        return False
    digests = _Digests(expected)
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digests.update(chunk)
    return digests.mismatch() is None


@contextlib.contextmanager
def _network_errors(url, timeout):
    """Turn what a request raises (OSError, which URLError and socket timeouts are; HTTPException) into a
    ConnectionError naming `url`."""
    try:
        yield
    except (OSError, http.client.HTTPException) as error:
        raise ConnectionError(f"could not download {url} (timeout {timeout} s): {error}") from error


def _fetch(url, f, digests, timeout, deadline, max_bytes, opener):
    """Stream the body at `url` into the binary file f, _CHUNK bytes at a time, updating `digests`.

    read1 returns what one read of the connection brings, so a server that trickles cannot hold a read
    for a whole chunk, and the deadline is checked between reads. Raises TimeoutError past the deadline,
    ValueError when the body (or its Content-Length) exceeds max_bytes (at most max_bytes + 1 bytes are
    read), ConnectionError when the network fails.
    """
    give_up = time.monotonic() + deadline
    with _network_errors(url, timeout):
        response = opener(url, timeout=timeout)
    with response:
        length = response.headers.get("Content-Length", "")
        if length.isdecimal() and int(length) > max_bytes:
            raise ValueError(f"{url} announces {int(length)} bytes (Content-Length), more than "
                             f"max_bytes={max_bytes}")
        size = 0
        while True:
            if time.monotonic() > give_up:
                raise TimeoutError(f"could not download {url} within deadline={deadline} s: "
                                   f"{size} bytes received")
            with _network_errors(url, timeout):
                chunk = response.read1(min(_CHUNK, max_bytes + 1 - size))
            if not chunk:
                return
            size += len(chunk)
            if size > max_bytes:
                raise ValueError(f"{url} is larger than max_bytes={max_bytes}: refused after {size} bytes")
            f.write(chunk)
            digests.update(chunk)


def _checked_checksums(checksums):
    """`checksums`, {file name: {algorithm: hex digest}}, else TypeError/ValueError naming the entry."""
    if not isinstance(checksums, dict):
        raise TypeError(f"checksums must be a dict {{file name: {{algorithm: hex digest}}}}, "
                        f"got {type(checksums).__name__}")
    for name, expected in checksums.items():
        if not isinstance(expected, dict):
            raise TypeError(f"checksums[{name!r}] must be a dict {{algorithm: hex digest}}, "
                            f"got {type(expected).__name__} {expected!r}")
        if not expected or not set(expected) <= set(_DIGEST_ALGORITHMS):
            raise ValueError(f"checksums[{name!r}] must have digests of the algorithms {_DIGEST_ALGORITHMS}, "
                             f"got {sorted(expected)}")
    return checksums


def download_mnist(cache_dir, base_url=MNIST_URL, timeout=30, deadline=300, max_bytes=MNIST_MAX_BYTES,
                   opener=urllib.request.urlopen, checksums=MNIST_CHECKSUMS):
    """Fetch the MNIST gzip files into `cache_dir` (created if needed), verified by digest; never implicit.

    Each file of `checksums` ({file name: {algorithm: hex digest}}, algorithms "md5" and "sha256"; by
    default the official files' MD5 and SHA-256) already present with the right digests is kept. Any other
    is fetched from base_url + name with `opener(url, timeout=timeout)` (urllib's urlopen by default; it
    returns a response with .headers and .read1(n)) into a temporary file in `cache_dir`, 64 KiB at a
    time, checked, then moved into place with os.replace: no partial file is left, whatever fails.
    Limits per file: `timeout`, seconds for the connection and each read (> 0); `deadline`, seconds for the
    whole file (> 0; as a read may wait `timeout` seconds, a download stops at most that long after its
    deadline); `max_bytes`, its size (an integer ≥ 1; 10 MiB by default, the largest file having 9,912,422).
    Raises ConnectionError when the network fails or a read times out, TimeoutError past the deadline,
    ValueError when a file is too large or a digest does not match.
    Returns the Path of `cache_dir`, ready for load_mnist.
    """
    checks.positive_number("timeout", timeout)
    checks.positive_number("deadline", deadline)
    max_bytes = checks.integer_at_least("max_bytes", max_bytes, 1)
    checksums = _checked_checksums(checksums)
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name, expected in checksums.items():
        target = cache_dir / name
        if _is_intact(target, expected, max_bytes):
            continue
        url = base_url + name
        digests = _Digests(expected)
        handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=f".{name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as f:
                _fetch(url, f, digests, timeout, deadline, max_bytes, opener)
            if (mismatch := digests.mismatch()) is not None:
                algorithm, digest, got = mismatch
                raise ValueError(f"{name} from {url} failed its checksum: expected {algorithm.upper()} "
                                 f"{digest}, got {got}")
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
    return cache_dir
