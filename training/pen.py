"""Real pen ink rendered by scripts/pen-data.mjs: ``X.npz`` (``images``) and ``X.json`` (per
sample its raw label, part, site and writer). The parts are decided in pen-data.mjs: ``train``,
``calib`` (never trained on; calibrates the reject threshold), ``holdout`` (16 digit writers
picked by hash, as in every earlier pen figure) and ``site`` (the other writers of the
held-out sites)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .classes import class_index


@dataclass(frozen=True)
class PenSet:
    images: np.ndarray  # uint8 [N, 28, 28], ink = 255
    raw: np.ndarray  # str [N]: the label as written ("x", ":", "÷", "%", "scribble", ...)
    parts: np.ndarray  # str [N]
    sources: np.ndarray  # str [N]: the site

    @property
    def labels(self) -> np.ndarray:
        """Class index (training/classes.py) of every sample."""
        return np.array([class_index(r) for r in self.raw], dtype=np.int64)

    @property
    def is_digit(self) -> np.ndarray:
        return np.char.isdigit(self.raw.astype(str))

    def select(self, mask: np.ndarray) -> PenSet:
        return PenSet(self.images[mask], self.raw[mask], self.parts[mask], self.sources[mask])

    def part(self, *names: str) -> PenSet:
        return self.select(np.isin(self.parts, names))


def load_pen(path: Path | str) -> PenSet:
    path = Path(path)
    meta_path = path.with_suffix(".json")
    with np.load(path) as z:
        images = z["images"]
    meta = json.loads(meta_path.read_text())
    if not (len(images) == len(meta["labels"]) == len(meta["parts"]) == len(meta["sources"])):
        raise ValueError(f"{path} and {meta_path} disagree on the sample count")
    return PenSet(
        images=images,
        raw=np.array(meta["labels"]),
        parts=np.array(meta["parts"]),
        sources=np.array(meta["sources"]),
    )
