"""Read MNIST from its original IDX files (gzip or raw). Never touches the network."""

from __future__ import annotations

import gzip
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# IDX magic numbers: 0x0801 = unsigned byte, 1 dim (labels); 0x0803 = unsigned byte, 3 dims.
LABELS_MAGIC = 2049
IMAGES_MAGIC = 2051

SPLITS: dict[str, tuple[str, str]] = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}


class MnistDataError(RuntimeError):
    """A data file is missing or not a valid MNIST IDX file. The message names file and folder."""


@dataclass(frozen=True)
class Split:
    images: np.ndarray  # uint8 [N, 28, 28], ink = 255, background = 0
    labels: np.ndarray  # int64 [N]


def _find(data_dir: Path, stem: str) -> Path:
    for name in (stem + ".gz", stem):
        path = data_dir / name
        if path.is_file():
            return path
    raise MnistDataError(
        f"MNIST file '{stem}.gz' (or '{stem}') not found in {data_dir}. "
        "Pass --data DIR pointing at a folder with the four MNIST IDX files; "
        "nothing is downloaded."
    )


def _read_bytes(path: Path) -> bytes:
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as fh:
                return fh.read()
        return path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        raise MnistDataError(f"cannot read MNIST file {path.name} in {path.parent}: {err}") from err


def read_idx(path: Path, magic: int, expected_count: int | None = None) -> np.ndarray:
    """Parse one IDX file, checking magic number, declared count and payload length."""
    raw = _read_bytes(path)
    where = f"MNIST file {path.name} in {path.parent}"
    ndim = 3 if magic == IMAGES_MAGIC else 1
    header_len = 4 + 4 * ndim
    if len(raw) < header_len:
        raise MnistDataError(f"{where} is truncated: {len(raw)} bytes, shorter than its header")
    got_magic = struct.unpack(">I", raw[:4])[0]
    if got_magic != magic:
        raise MnistDataError(f"{where} has bad magic number {got_magic} (expected {magic})")
    dims = struct.unpack(">" + "I" * ndim, raw[4:header_len])
    if expected_count is not None and dims[0] != expected_count:
        raise MnistDataError(
            f"{where} holds {dims[0]} items, expected {expected_count} "
            "(images and labels must match, and the standard splits hold 60000/10000)"
        )
    if ndim == 3 and dims[1:] != (28, 28):
        raise MnistDataError(f"{where} has images of {dims[1]}x{dims[2]}, expected 28x28")
    size = int(np.prod(dims))
    payload = raw[header_len:]
    if len(payload) != size:
        raise MnistDataError(
            f"{where} is truncated or padded: payload {len(payload)} bytes, header says {size}"
        )
    return np.frombuffer(payload, dtype=np.uint8).reshape(dims)


def load_split(data_dir: Path | str, split: str, expected_count: int | None = None) -> Split:
    """Load ``train`` or ``test``. ``expected_count`` (e.g. 60000) also checks the image count."""
    data_dir = Path(data_dir).expanduser().resolve()
    if not data_dir.is_dir():
        raise MnistDataError(f"MNIST data folder {data_dir} does not exist (pass --data DIR)")
    images_stem, labels_stem = SPLITS[split]
    labels_path = _find(data_dir, labels_stem)
    images_path = _find(data_dir, images_stem)
    labels = read_idx(labels_path, LABELS_MAGIC, expected_count)
    images = read_idx(images_path, IMAGES_MAGIC, len(labels))
    if labels.max(initial=0) > 9:
        raise MnistDataError(f"MNIST file {labels_path.name} in {data_dir} has labels outside 0-9")
    return Split(images=images, labels=labels.astype(np.int64))


def write_idx(path: Path, array: np.ndarray) -> None:
    """Write a uint8 array as IDX (gzip if the name ends in .gz). Used to make test fixtures."""
    magic = IMAGES_MAGIC if array.ndim == 3 else LABELS_MAGIC
    header = struct.pack(">I", magic) + struct.pack(">" + "I" * array.ndim, *array.shape)
    blob = header + np.ascontiguousarray(array, dtype=np.uint8).tobytes()
    if path.suffix == ".gz":
        with gzip.GzipFile(path, "wb", mtime=0) as fh:  # mtime=0: byte-stable fixtures
            fh.write(blob)
    else:
        path.write_bytes(blob)
