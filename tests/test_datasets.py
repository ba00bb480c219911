"""Tests for bp_core.datasets: generators, train_val_split, digits, IDX/MNIST loading, download."""

import contextlib
import gzip
import hashlib
import http.server
import io
import struct
import threading
import time
import tracemalloc
import urllib.error
from functools import partial
from pathlib import Path

import numpy as np
import pytest

from bp_core import datasets
from bp_core.datasets import (
    download_mnist,
    half_plane,
    load_digits,
    load_idx,
    load_mnist,
    moons,
    spirals,
    train_val_split,
    xor,
)

SHARED_MNIST = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist"
FASHION_MNIST = Path("/usr/share/datasets/fashion-mnist")
MNIST_NAMES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
               "t10k-labels-idx1-ubyte")

# ---------------------------------------------------------------------------------------- generators

CLASSIFIERS = [(xor, {}, 2), (moons, {}, 2), (spirals, {}, 3), (spirals, {"classes": 5}, 5)]


@pytest.mark.parametrize(("make", "kwargs", "classes"), CLASSIFIERS)
@pytest.mark.parametrize("n", [10, 11, 200])
def test_generators_shapes_dtypes_and_balanced_classes(make, kwargs, classes, n):
    X, labels = make(n=n, **kwargs)
    assert X.shape == (n, 2) and X.dtype == np.float64 and np.isfinite(X).all()
    assert labels.shape == (n,) and labels.dtype == np.int64
    counts = np.bincount(labels, minlength=classes)
    assert len(counts) == classes and counts.sum() == n and counts.max() - counts.min() <= 1


@pytest.mark.parametrize(("make", "kwargs", "classes"), CLASSIFIERS + [(half_plane, {}, 2)])
def test_generators_are_seeded(make, kwargs, classes):
    first, again, other = make(seed=3, **kwargs), make(seed=3, **kwargs), make(seed=4, **kwargs)
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0], other[0])


def test_half_plane_is_the_seed_000_grid_task_scaled():
    X, T = half_plane(n=500, seed=1)
    assert X.shape == (500, 2) and T.shape == (500, 1) and X.dtype == T.dtype == np.float64
    np.testing.assert_array_equal(T[:, 0], (X[:, 1] >= 0).astype(float))
    assert X.min() >= -1.0 and X.max() <= 0.99
    np.testing.assert_allclose(X * 100, np.round(X * 100), atol=1e-9)  # integer grid points
    assert len(np.unique(X, axis=0)) == 500  # without replacement


def test_half_plane_all_points_is_the_whole_grid_and_is_stable():
    X, T = half_plane(n=40000)
    assert len(np.unique(X, axis=0)) == 40000 and T.sum() == 20000
    # default_rng(0) is PCG64: the same numbers on every machine
    np.testing.assert_allclose(half_plane(n=5, seed=0)[0][:2], [[0.27, -0.24], [0.02, -0.56]])


def test_xor_without_noise_sits_on_the_corners():
    X, labels = xor(n=40, noise=0.0)
    np.testing.assert_array_equal(np.abs(X), 1.0)
    np.testing.assert_array_equal(labels, (X[:, 0] * X[:, 1] < 0).astype(int))
    assert len(np.unique(X, axis=0)) == 4


def test_moons_without_noise_are_two_half_circles():
    X, labels = moons(n=100, noise=0.0)
    upper, lower = X[labels == 0], X[labels == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1.0)
    assert upper[:, 1].min() >= 0 and lower[:, 1].max() <= 0.5


def test_spirals_without_noise_follow_their_arms():
    X, labels = spirals(n=90, classes=3, noise=0.0)
    r, theta = np.hypot(*X.T), np.arctan2(X[:, 0], X[:, 1])
    assert r.max() < 1.0
    np.testing.assert_allclose(np.cos(theta - 2 * np.pi * labels / 3 - 4 * r), 1.0, atol=1e-9)


@pytest.mark.parametrize(
    ("make", "kwargs", "error", "match"),
    [
        (half_plane, {"n": 0}, ValueError, r"n must be an integer in \[1, 40000\], got 0"),
        (half_plane, {"n": 40001}, ValueError, "n must be .* got 40001"),
        (half_plane, {"n": 2.5}, TypeError, "n must be an integer.* float"),
        (xor, {"n": True}, TypeError, "n must be an integer.* bool"),
        (xor, {"n": 1}, ValueError, "n must be an integer ≥ 2, got 1"),
        (moons, {"noise": -0.1}, ValueError, "noise must be a finite number ≥ 0, got -0.1"),
        (moons, {"noise": float("nan")}, ValueError, "noise must be a finite number ≥ 0, got nan"),
        (moons, {"n": "10"}, TypeError, "n must be an integer.* str '10'"),
        (xor, {"noise": None}, TypeError, "noise must be a number, got NoneType None"),
        (spirals, {"classes": 1}, ValueError, "classes must be an integer ≥ 2, got 1"),
        (spirals, {"n": 2, "classes": 3}, ValueError, "n must be an integer ≥ 3, got 2"),
        (half_plane, {"seed": -1}, ValueError, "seed must be an integer ≥ 0, got -1"),
        (xor, {"seed": "a"}, TypeError, "seed must be an integer ≥ 0, got str 'a'"),
        (moons, {"seed": 1.5}, TypeError, "seed must be an integer ≥ 0, got float 1.5"),
        (spirals, {"seed": -1}, ValueError, "seed must be an integer ≥ 0, got -1"),
    ],
)
def test_generators_reject_bad_arguments(make, kwargs, error, match):
    with pytest.raises(error, match=match):
        make(**kwargs)


# ------------------------------------------------------------------------ train_val_split


def test_train_val_split_is_a_seeded_partition():
    X, T = np.arange(20).reshape(10, 2), np.arange(10)
    (X_train, T_train), (X_val, T_val) = train_val_split(X, T, val_fraction=0.3, seed=5)
    assert X_train.shape == (7, 2) and T_train.shape == (7,) and X_val.shape == (3, 2) and T_val.shape == (3,)
    np.testing.assert_array_equal(X_train[:, 0] // 2, T_train)  # rows stay paired
    np.testing.assert_array_equal(X_val[:, 0] // 2, T_val)
    assert not set(T_train) & set(T_val)
    np.testing.assert_array_equal(np.sort(np.concatenate([T_train, T_val])), T)
    (_, T_again), _ = train_val_split(X, T, val_fraction=0.3, seed=5)
    (_, T_other), _ = train_val_split(X, T, val_fraction=0.3, seed=6)
    np.testing.assert_array_equal(T_train, T_again)
    assert not np.array_equal(T_train, T_other)


@pytest.mark.parametrize(
    ("n_T", "kwargs", "error", "match"),
    [
        (9, {}, ValueError, r"same length N, got shapes \(10, 2\) and \(9,\)"),
        (10, {"val_fraction": 0.0}, ValueError,
         "val_fraction must be a number with 0 < val_fraction < 1, got 0.0"),
        (10, {"val_fraction": 1}, ValueError, "val_fraction must be .* got 1"),
        (10, {"val_fraction": "0.2"}, TypeError, "val_fraction must be a number, got str '0.2'"),
        (10, {"val_fraction": 0.01}, ValueError, "val_fraction=0.01 of N=10 samples leaves a part empty"),
        (10, {"seed": -1}, ValueError, "seed must be an integer ≥ 0, got -1"),
        (10, {"seed": "a"}, TypeError, "seed must be an integer ≥ 0, got str 'a'"),
    ],
)
def test_train_val_split_rejects_bad_arguments(n_T, kwargs, error, match):
    with pytest.raises(error, match=match):
        train_val_split(np.zeros((10, 2)), np.zeros(n_T), **kwargs)


# ------------------------------------------------------------------------------------------ digits


def test_load_digits_real_values():
    X, labels = load_digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64 and labels.shape == (1797,)
    assert labels.dtype == np.int64 and X.min() == 0.0 and X.max() == 1.0
    np.testing.assert_array_equal(X * 16, np.round(X * 16))  # pixel counts 0..16
    np.testing.assert_array_equal(labels[:10], np.arange(10))  # the file starts 0, 1, ..., 9
    np.testing.assert_array_equal(X[0, :8] * 16, [0, 0, 5, 13, 9, 1, 0, 0])  # top row of the first "0"
    np.testing.assert_array_equal(np.bincount(labels), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])


def test_load_digits_rejects_a_corrupted_file(tmp_path, monkeypatch):
    raw = bytearray(datasets.DIGITS_PATH.read_bytes())
    raw[100] ^= 0xFF
    corrupted = tmp_path / "digits.csv.gz"
    corrupted.write_bytes(bytes(raw))
    monkeypatch.setattr(datasets, "DIGITS_PATH", corrupted)
    with pytest.raises(ValueError, match=f"corrupted: expected SHA-256 {datasets.DIGITS_SHA256}, got "):
        load_digits()


# -------------------------------------------------------------------------------------- IDX / MNIST


def idx_bytes(array, type_code=0x08):
    """An IDX file's bytes: magic, big-endian sizes, then the uint8 payload."""
    header = bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(np.uint8).tobytes()


def write_idx(path, array):
    data = idx_bytes(array)
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


@pytest.fixture
def mnist_dir(tmp_path):
    """5 training and 3 test images of 28x28 (training files gzipped, test files raw) and their labels."""
    rng = np.random.default_rng(0)
    arrays = {"train": (rng.integers(0, 256, (5, 28, 28)), rng.integers(0, 10, 5)),
              "t10k": (rng.integers(0, 256, (3, 28, 28)), rng.integers(0, 10, 3))}
    for prefix, suffix in (("train", ".gz"), ("t10k", "")):
        images, labels = arrays[prefix]
        write_idx(tmp_path / f"{prefix}-images-idx3-ubyte{suffix}", images)
        write_idx(tmp_path / f"{prefix}-labels-idx1-ubyte{suffix}", labels)
    return tmp_path, arrays


@pytest.mark.parametrize("name", ["images-idx3-ubyte", "images-idx3-ubyte.gz"])
def test_load_idx_recovers_exact_values(tmp_path, name):
    images = np.random.default_rng(1).integers(0, 256, (5, 28, 28))
    loaded = load_idx(write_idx(tmp_path / name, images), ndim=3)
    assert loaded.dtype == np.uint8 and loaded.shape == (5, 28, 28) and not loaded.flags.writeable
    np.testing.assert_array_equal(loaded, images)


def test_load_mnist_exact_values(mnist_dir):
    directory, arrays = mnist_dir
    for (x, t), prefix in zip(load_mnist(directory), ("train", "t10k"), strict=True):
        images, labels = arrays[prefix]
        assert x.shape == (len(images), 784) and x.dtype == np.float64 and t.dtype == np.int64
        np.testing.assert_array_equal(x, images.reshape(-1, 784) / 255.0)
        np.testing.assert_array_equal(t, labels)
        assert x.min() >= 0.0 and x.max() <= 1.0


@pytest.mark.parametrize("name", ["t10k-labels-idx1-ubyte", "train-images-idx3-ubyte.gz"])
def test_load_mnist_missing_file(mnist_dir, name):
    directory, _ = mnist_dir
    (directory / name).unlink()
    stem = name.removesuffix(".gz")
    with pytest.raises(FileNotFoundError, match=rf"{stem} \(or {stem}.gz\) not found in .*{directory.name}.*"
                                                "download_mnist"):
        load_mnist(directory)


def test_load_idx_truncated_or_padded_file(tmp_path):
    data = idx_bytes(np.zeros((5, 28, 28)))  # 16 header bytes + 3920 pixels
    (tmp_path / "short").write_bytes(data[:-10])
    with pytest.raises(ValueError, match=r"short is truncated or padded: .*3936 bytes, the file has 3926"):
        load_idx(tmp_path / "short")
    (tmp_path / "long").write_bytes(data + b"\0")
    with pytest.raises(ValueError, match="promises 3936 bytes, the file has 3937"):
        load_idx(tmp_path / "long")
    (tmp_path / "header").write_bytes(data[:10])
    with pytest.raises(ValueError, match="header needs 16 bytes, the file has 10"):
        load_idx(tmp_path / "header")
    (tmp_path / "short.gz").write_bytes(gzip.compress(data[:-10]))
    with pytest.raises(ValueError, match="short.gz is truncated or padded: .*3936 bytes, the file has 3926$"):
        load_idx(tmp_path / "short.gz")
    (tmp_path / "long.gz").write_bytes(gzip.compress(data + bytes(1000)))
    with pytest.raises(ValueError, match="promises 3936 bytes, the file has 3937 or more$"):
        load_idx(tmp_path / "long.gz")


class CountingGzipFile(gzip.GzipFile):
    """A GzipFile that counts the decompressed bytes it hands out (readinto goes through read)."""

    def __init__(self, path):
        super().__init__(path)
        self.handed_out = 0

    def read(self, size=-1):
        data = super().read(size)
        self.handed_out += len(data)
        return data

    def readinto(self, buffer):
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def test_load_idx_refuses_a_gzip_bomb_after_the_promised_bytes(tmp_path, monkeypatch):
    # a header promising 16 labels, then 50 MB of zeros: 48 kB of gzip
    bomb = tmp_path / "bomb-idx1-ubyte.gz"
    bomb.write_bytes(gzip.compress(idx_bytes(np.arange(16)) + bytes(50_000_000)))
    assert bomb.stat().st_size < 100_000
    opened = []

    def counting_open(path):
        opened.append(CountingGzipFile(path))
        return opened[-1]

    monkeypatch.setattr(datasets.gzip, "open", counting_open)
    start = time.perf_counter()
    with pytest.raises(ValueError, match=r"bomb-idx1-ubyte.gz is truncated or padded: its header \(shape "
                                         r"\(16,\)\) promises 24 bytes, the file has 25 or more"):
        load_idx(bomb, ndim=1)
    assert time.perf_counter() - start < 0.5
    assert [f.handed_out for f in opened] == [4 + 4 + 16 + 1]  # magic, sizes, promised bytes, one more


@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_load_idx_refuses_an_impossible_promise_before_allocating(tmp_path, suffix):
    # the header of the 60,000 training images (47 MB of pixels) over 100 bytes
    data = bytes([0, 0, 8, 3]) + struct.pack(">3I", 60000, 28, 28) + bytes(range(100))
    path = tmp_path / f"images{suffix}"
    path.write_bytes(gzip.compress(data) if suffix else data)
    has = rf"at most {1032 * path.stat().st_size}: its {path.stat().st_size} gzip bytes" if suffix else "116$"
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match=rf"promises 47040016 bytes, the file has {has}"):
            load_idx(path, ndim=3)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000  # numpy reports its allocations to tracemalloc: no 47 MB array was made


@pytest.mark.parametrize(
    ("ndim", "error", "match"),
    [
        ("3", TypeError, r"ndim must be an integer in \[1, 64\], got str '3'"),
        (3.0, TypeError, r"ndim must be an integer in \[1, 64\], got float 3.0"),
        (True, TypeError, "ndim must be an integer in .* got bool True"),
        (0, ValueError, r"ndim must be an integer in \[1, 64\], got 0"),
        (65, ValueError, r"ndim must be an integer in \[1, 64\], got 65"),
    ],
)
def test_load_idx_rejects_bad_ndim_before_opening(tmp_path, ndim, error, match):
    with pytest.raises(error, match=match):
        load_idx(tmp_path / "absent", ndim=ndim)  # checked first: no FileNotFoundError


@pytest.mark.parametrize("dims", [0, 65, 255])
@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_load_idx_rejects_header_dimensions_numpy_cannot_hold(tmp_path, dims, suffix):
    data = bytes([0, 0, 8, dims]) + bytes(4 * dims + 10)
    path = tmp_path / f"odd{suffix}"
    path.write_bytes(gzip.compress(data) if suffix else data)
    expected = r"0x000008NN \(unsigned bytes in NN = 1 to 64 dimensions\)"
    with pytest.raises(ValueError, match=rf"odd{suffix} is not an IDX file: expected magic {expected}, "
                                         rf"got 0x000008{dims:02x}"):
        load_idx(path)
    with pytest.raises(ValueError, match=f"expected magic 0x00000803, got 0x000008{dims:02x}"):
        load_idx(path, ndim=3)


def test_load_idx_reads_64_dimensions(tmp_path):
    array = np.arange(4).reshape((2, 2) + (1,) * 62)
    loaded = load_idx(write_idx(tmp_path / "deep.gz", array), ndim=64)
    assert loaded.shape == array.shape
    np.testing.assert_array_equal(loaded, array)


def test_load_mnist_truncated_gzip(mnist_dir):
    directory, _ = mnist_dir
    path = directory / "train-images-idx3-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(ValueError, match="train-images-idx3-ubyte.gz is not a valid, complete gzip file"):
        load_mnist(directory)


def test_load_idx_bad_magic(tmp_path, mnist_dir):
    directory, _ = mnist_dir
    # a labels file where images are expected
    (directory / "t10k-images-idx3-ubyte").write_bytes((directory / "t10k-labels-idx1-ubyte").read_bytes())
    with pytest.raises(ValueError, match="t10k-images-idx3-ubyte is not an IDX file: expected magic "
                                         "0x00000803, got 0x00000801"):
        load_mnist(directory)
    (tmp_path / "floats").write_bytes(idx_bytes(np.zeros(3), type_code=0x0D))
    with pytest.raises(ValueError, match="not an IDX file: .* got 0x00000d01"):
        load_idx(tmp_path / "floats")
    (tmp_path / "text").write_bytes(b"hello world")
    with pytest.raises(ValueError, match="not an IDX file"):
        load_idx(tmp_path / "text")


def test_load_mnist_count_mismatch(mnist_dir):
    directory, _ = mnist_dir
    write_idx(directory / "t10k-labels-idx1-ubyte", np.arange(4))
    with pytest.raises(ValueError, match="t10k-images-idx3-ubyte has 3 images but .*t10k-labels-idx1-ubyte "
                                         "has 4 labels"):
        load_mnist(directory)


# ---------------------------------------------------------------------------------------- download


@pytest.fixture
def served():
    """Small fake MNIST gzip files and their digests, standing in for the official ones."""
    rng = np.random.default_rng(2)
    files = {}
    for name in MNIST_NAMES:
        shape = (4, 28, 28) if "images" in name else (4,)
        files[f"{name}.gz"] = gzip.compress(idx_bytes(rng.integers(0, 10, shape)))
    return files, {name: {"md5": hashlib.md5(data).hexdigest(), "sha256": hashlib.sha256(data).hexdigest()}
                   for name, data in files.items()}


class FakeResponse(io.BytesIO):
    """Stands in for urlopen's response over `body`: Content-Length header when `length` is given, and
    the count of bytes read."""

    def __init__(self, body, length=None):
        super().__init__(body)
        self.headers = {} if length is None else {"Content-Length": str(length)}
        self.bytes_read = 0

    def read1(self, size=-1):
        chunk = super().read1(size)
        self.bytes_read += len(chunk)
        return chunk


class TricklingResponse(FakeResponse):
    """The response of a server that sends one byte every 20 ms."""

    def read1(self, size=-1):
        time.sleep(0.02)
        return super().read1(1)


class FakeOpener:
    """Stands in for urlopen: serves `files` by name as `response`s, records every call, or raises `error`."""

    def __init__(self, files, error=None, response=FakeResponse):
        self.files, self.error, self.response, self.calls, self.responses = files, error, response, [], []

    def __call__(self, url, timeout):
        self.calls.append((url, timeout))
        if self.error is not None:
            raise self.error
        self.responses.append(self.response(self.files[url.rsplit("/", 1)[1]]))
        return self.responses[-1]


def test_download_mnist_writes_verified_files_once(tmp_path, served):
    files, digests = served
    opener = FakeOpener(files)
    cache = download_mnist(tmp_path / "c", base_url="http://x/m/", timeout=7, opener=opener,
                           checksums=digests)
    assert cache == tmp_path / "c"
    assert sorted(opener.calls) == sorted((f"http://x/m/{name}", 7) for name in files)
    assert {p.name: p.read_bytes() for p in cache.iterdir()} == files
    download_mnist(cache, base_url="http://x/m/", opener=opener, checksums=digests)
    assert len(opener.calls) == 4  # all present with the right checksum: nothing fetched again
    (cache / "t10k-labels-idx1-ubyte.gz").write_bytes(b"damaged")
    download_mnist(cache, base_url="http://x/m/", opener=opener, checksums=digests)
    assert opener.calls[4][0] == "http://x/m/t10k-labels-idx1-ubyte.gz" and len(opener.calls) == 5
    (x_train, t_train), (x_test, _) = load_mnist(cache)
    assert x_train.shape == (4, 784) and x_test.shape == (4, 784) and t_train.dtype == np.int64


def test_download_mnist_does_not_trust_a_present_file_above_max_bytes(tmp_path, served):
    files, digests = served
    name = "t10k-labels-idx1-ubyte.gz"
    (tmp_path / name).write_bytes(files[name])
    opener = FakeOpener(files)
    download_mnist(tmp_path, opener=opener, checksums={name: digests[name]})
    assert opener.calls == []
    with pytest.raises(ValueError, match=f"{name} is larger than max_bytes=10"):
        download_mnist(tmp_path, max_bytes=10, opener=opener, checksums={name: digests[name]})
    assert len(opener.calls) == 1 and (tmp_path / name).read_bytes() == files[name]


@pytest.mark.parametrize("algorithm", ["md5", "sha256"])
def test_download_mnist_checksum_mismatch_leaves_nothing(tmp_path, served, algorithm):
    files, digests = served
    name = "train-labels-idx1-ubyte.gz"
    wrong = dict(digests, **{name: dict(digests[name], **{algorithm: "0" * 8})})
    with pytest.raises(ValueError, match=f"{name} from .* failed its checksum: expected {algorithm.upper()} "
                                         f"0{{8}}, got {digests[name][algorithm]}"):
        download_mnist(tmp_path, opener=FakeOpener(files), checksums=wrong)
    assert not (tmp_path / name).exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_mnist_checksums_pin_md5_and_sha256_of_the_four_files():
    assert sorted(datasets.MNIST_CHECKSUMS) == sorted(f"{name}.gz" for name in MNIST_NAMES)
    for digests in datasets.MNIST_CHECKSUMS.values():
        assert sorted(digests) == ["md5", "sha256"]
        assert len(digests["md5"]) == 32 and len(digests["sha256"]) == 64
        assert set(digests["md5"] + digests["sha256"]) <= set("0123456789abcdef")
    assert 9_912_422 < datasets.MNIST_MAX_BYTES < 11_000_000  # just above the train images' size


def test_download_mnist_failed_write_leaves_no_temporary_file(tmp_path, served, monkeypatch):
    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(datasets.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        download_mnist(tmp_path, opener=FakeOpener(served[0]), checksums=served[1])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("error", [urllib.error.URLError("no route to host"), TimeoutError("timed out")])
def test_download_mnist_network_errors_are_clear(tmp_path, served, error):
    with pytest.raises(ConnectionError, match=r"could not download https://ossci-datasets.s3.amazonaws.com/"
                                              r"mnist/train-images-idx3-ubyte.gz \(timeout 30 s\)"):
        download_mnist(tmp_path, opener=FakeOpener({}, error), checksums=served[1])
    assert list(tmp_path.iterdir()) == []


def test_download_mnist_stops_a_trickling_download_at_the_deadline(tmp_path, served):
    files, digests = served
    opener = FakeOpener(files, response=TricklingResponse)
    start = time.perf_counter()
    with pytest.raises(TimeoutError, match=r"could not download http://x/train-images-idx3-ubyte.gz within "
                                           r"deadline=0.3 s: \d+ bytes received"):
        download_mnist(tmp_path, base_url="http://x/", deadline=0.3, opener=opener, checksums=digests)
    elapsed = time.perf_counter() - start
    assert 0.3 <= elapsed < 1.0
    assert 1 <= opener.responses[0].bytes_read <= 20 < len(files["train-images-idx3-ubyte.gz"])
    assert list(tmp_path.iterdir()) == []  # the partial file is gone


@pytest.mark.parametrize(("announce", "match", "bytes_read"), [
    (False, r"http://x/big.gz is larger than max_bytes=1000: refused after 1001 bytes", 1001),
    (True, r"http://x/big.gz announces 1000000 bytes \(Content-Length\), more than max_bytes=1000", 0),
])
def test_download_mnist_caps_the_size_of_a_body(tmp_path, announce, match, bytes_read):
    """A body over max_bytes is refused after max_bytes + 1 bytes, or before reading when announced."""
    response = (lambda body: FakeResponse(body, len(body))) if announce else FakeResponse
    opener = FakeOpener({"big.gz": bytes(1_000_000)}, response=response)
    with pytest.raises(ValueError, match=match):
        download_mnist(tmp_path, base_url="http://x/", max_bytes=1000, opener=opener,
                       checksums={"big.gz": {"md5": "0" * 32}})
    assert opener.responses[0].bytes_read == bytes_read
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"timeout": 0}, ValueError, "timeout must be a finite number > 0, got 0"),
        ({"timeout": "30"}, TypeError, "timeout must be a number, got str '30'"),
        ({"deadline": -1}, ValueError, "deadline must be a finite number > 0, got -1"),
        ({"deadline": float("inf")}, ValueError, "deadline must be a finite number > 0, got inf"),
        ({"max_bytes": 0}, ValueError, "max_bytes must be an integer ≥ 1, got 0"),
        ({"max_bytes": 1e7}, TypeError, "max_bytes must be an integer ≥ 1, got float 10000000.0"),
        ({"checksums": ["a.gz"]}, TypeError, r"checksums must be a dict \{file name: .* got list"),
        ({"checksums": {"a.gz": "0" * 32}}, TypeError,
         r"checksums\['a.gz'\] must be a dict \{algorithm: hex digest\}, got str '0{32}'"),
        ({"checksums": {"a.gz": {"crc32": "0"}}}, ValueError,
         r"checksums\['a.gz'\] must have digests of the algorithms \('md5', 'sha256'\), got \['crc32'\]"),
        ({"checksums": {"a.gz": {}}}, ValueError, r"checksums\['a.gz'\] must have digests .* got \[\]"),
    ],
)
def test_download_mnist_rejects_bad_arguments(tmp_path, kwargs, error, match):
    opener = FakeOpener({})
    with pytest.raises(error, match=match):
        download_mnist(tmp_path / "cache", opener=opener, **kwargs)
    assert opener.calls == [] and not (tmp_path / "cache").exists()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class TricklingHandler(QuietHandler):
    """Promises 1,000 bytes, then sends one every 50 ms; stops after 2 s, so that a download ignoring its
    deadline fails the test instead of hanging it."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        with contextlib.suppress(ConnectionError):  # the client hangs up at its deadline
            for _ in range(40):
                self.wfile.write(b"\0")
                time.sleep(0.05)


@contextlib.contextmanager
def serving(handler):
    """A local HTTP server run by `handler` in a thread; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_download_mnist_over_real_http(tmp_path, served):
    files, digests = served
    root = tmp_path / "server"
    root.mkdir()
    for name, data in files.items():
        (root / name).write_bytes(data)
    with serving(partial(QuietHandler, directory=root)) as url:
        cache = download_mnist(tmp_path / "cache", base_url=url, timeout=5, checksums=digests)
        assert {p.name: p.read_bytes() for p in cache.iterdir()} == files
        with pytest.raises(ConnectionError, match="missing.gz.*404"):
            download_mnist(tmp_path / "cache", base_url=url, timeout=5,
                           checksums={"missing.gz": {"md5": "0" * 32}})


def test_download_mnist_over_real_http_stops_a_trickling_server_at_the_deadline(tmp_path):
    with serving(TricklingHandler) as url:
        start = time.perf_counter()
        with pytest.raises(TimeoutError, match=rf"could not download {url}slow.gz within deadline=0.3 s"):
            download_mnist(tmp_path, base_url=url, timeout=5, deadline=0.3,
                           checksums={"slow.gz": {"md5": "0" * 32}})
        assert time.perf_counter() - start < 1.0
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------------------- real data


def test_real_mnist_test_split():
    if not SHARED_MNIST.is_dir():
        pytest.skip("shared MNIST test files not present (../shared/data/mnist next to the repository)")
    # MD5s of the uncompressed official files, from shared/data/mnist/README.md
    expected_md5 = {"t10k-images-idx3-ubyte": "2646ac647ad5339dbf082846283269ea",
                    "t10k-labels-idx1-ubyte": "27ae3e4e09519cfbb04c329615203637"}
    for name, md5 in expected_md5.items():
        with gzip.open(SHARED_MNIST / f"{name}.gz") as f:
            assert hashlib.md5(f.read()).hexdigest() == md5
    images = load_idx(SHARED_MNIST / "t10k-images-idx3-ubyte.gz", ndim=3)
    labels = load_idx(SHARED_MNIST / "t10k-labels-idx1-ubyte.gz", ndim=1)
    assert images.shape == (10000, 28, 28) and labels.shape == (10000,)
    assert images.max() == 255 and set(np.unique(labels)) == set(range(10))
    assert labels[:10].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]  # the well-known first test digits


def test_real_fashion_mnist():
    if not FASHION_MNIST.is_dir():
        pytest.skip(f"Fashion-MNIST not present in {FASHION_MNIST} (apt-get install dataset-fashion-mnist)")
    (x_train, t_train), (x_test, t_test) = load_mnist(FASHION_MNIST)
    assert x_train.shape == (60000, 784) and x_test.shape == (10000, 784)
    assert x_train.min() == 0.0 and x_train.max() == 1.0
    np.testing.assert_array_equal(np.bincount(t_train), [6000] * 10)
    np.testing.assert_array_equal(np.bincount(t_test), [1000] * 10)
