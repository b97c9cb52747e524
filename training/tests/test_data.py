import gzip
import shutil
import struct
from pathlib import Path

import numpy as np
import pytest

from training.data import MnistDataError, load_split, read_idx, IMAGES_MAGIC


def test_fixture_subset_loads(fixture_dir: Path) -> None:
    train = load_split(fixture_dir, "train")
    test = load_split(fixture_dir, "test")
    assert train.images.shape == (1000, 28, 28) and train.images.dtype == np.uint8
    assert test.images.shape == (300, 28, 28)
    assert train.labels.shape == (1000,) and set(np.unique(train.labels)) == set(range(10))
    # MNIST polarity: background 0, ink up to 255.
    assert train.images[:, 0, 0].max() == 0 and train.images.max() == 255


def _copy(fixture_dir: Path, tmp_path: Path) -> Path:
    d = tmp_path / "mnist"
    shutil.copytree(fixture_dir, d)
    return d


def test_reads_uncompressed_idx(fixture_dir: Path, tmp_path: Path) -> None:
    d = _copy(fixture_dir, tmp_path)
    for gz in d.glob("t10k-*.gz"):
        gz.with_suffix("").write_bytes(gzip.decompress(gz.read_bytes()))
        gz.unlink()
    raw = load_split(d, "test")
    assert np.array_equal(raw.images, load_split(fixture_dir, "test").images)


def test_missing_file_names_file_and_folder(fixture_dir: Path, tmp_path: Path) -> None:
    d = _copy(fixture_dir, tmp_path)
    (d / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(MnistDataError) as err:
        load_split(d, "test")
    assert "t10k-labels-idx1-ubyte" in str(err.value) and str(d) in str(err.value)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(MnistDataError, match="does not exist"):
        load_split(tmp_path / "nowhere", "train")


def _rewrite(path: Path, blob: bytes) -> None:
    with gzip.open(path, "wb") as fh:
        fh.write(blob)


def test_bad_magic(fixture_dir: Path, tmp_path: Path) -> None:
    d = _copy(fixture_dir, tmp_path)
    path = d / "t10k-images-idx3-ubyte.gz"
    blob = gzip.decompress(path.read_bytes())
    _rewrite(path, struct.pack(">I", 2049) + blob[4:])  # a labels magic on an images file
    with pytest.raises(MnistDataError) as err:
        load_split(d, "test")
    msg = str(err.value)
    assert "bad magic number 2049" in msg and "t10k-images-idx3-ubyte.gz" in msg and str(d) in msg


def test_count_mismatch_between_images_and_labels(fixture_dir: Path, tmp_path: Path) -> None:
    d = _copy(fixture_dir, tmp_path)
    path = d / "t10k-labels-idx1-ubyte.gz"
    blob = gzip.decompress(path.read_bytes())
    _rewrite(path, blob[:4] + struct.pack(">I", 299) + blob[8:-1])
    with pytest.raises(MnistDataError, match=r"holds 300 items, expected 299"):
        load_split(d, "test")


def test_expected_count_enforced(fixture_dir: Path) -> None:
    with pytest.raises(MnistDataError, match=r"holds 300 items, expected 10000"):
        load_split(fixture_dir, "test", 10000)


def test_truncated_payload(fixture_dir: Path, tmp_path: Path) -> None:
    d = _copy(fixture_dir, tmp_path)
    path = d / "t10k-images-idx3-ubyte.gz"
    _rewrite(path, gzip.decompress(path.read_bytes())[:-100])
    with pytest.raises(MnistDataError, match="truncated"):
        load_split(d, "test")


def test_corrupt_gzip(fixture_dir: Path, tmp_path: Path) -> None:
    d = _copy(fixture_dir, tmp_path)
    path = d / "t10k-images-idx3-ubyte.gz"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(MnistDataError, match="t10k-images-idx3-ubyte.gz"):
        load_split(d, "test")


def test_header_only_file(tmp_path: Path) -> None:
    path = tmp_path / "x-idx3-ubyte"
    path.write_bytes(struct.pack(">I", IMAGES_MAGIC))
    with pytest.raises(MnistDataError, match="shorter than its header"):
        read_idx(path, IMAGES_MAGIC)
