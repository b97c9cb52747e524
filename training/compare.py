"""The figures that a keep-or-drop rule reads first, for any number of exported files side by
side: MNIST validation in digit mode (on the 5,000 images that the file's own training seed
held out), and the ``calib`` writers' pen digits (digit mode) and operators (over all classes).
None of them is held out from model selection, so a candidate can be judged on them without
looking at a held-out figure. One run per recipe is one draw (models/README.md, "Another
seed"): pass several seeds of each side and compare their means."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .augment import to_float
from .classes import DIGITS, REJECT, digit_predictions
from .data import load_split
from .evaluate import predict_onnx
from .pen import load_pen
from .train import TrainConfig, validation_indices


@dataclass(frozen=True)
class Candidate:
    path: Path
    seed: int  # the training seed, which drew its MNIST validation images


def parse_candidate(text: str) -> Candidate:
    """``FILE`` or ``FILE@SEED`` (seed 0 when absent)."""
    path, _, seed = text.partition("@")
    if not Path(path).is_file():
        raise SystemExit(f"compare: no such file: {path}")
    try:
        return Candidate(Path(path), int(seed) if seed else 0)
    except ValueError:
        raise SystemExit(f"compare: not a seed after '@' in {text!r}") from None


def compare(
    data: Path, pen_path: Path, candidates: list[Candidate], strict: bool = True
) -> list[dict]:
    """One row per candidate: its MNIST validation and calib accuracies, in percent."""
    train = load_split(data, "train", 60000 if strict else None)
    calib = load_pen(pen_path).part("calib")
    labels = calib.labels
    digits, operators = labels < DIGITS, (labels >= DIGITS) & (labels != REJECT)
    pen_x = to_float(calib.images).numpy()
    rows = []
    for c in candidates:
        # Every recipe holds out the config's default number of validation images.
        split = {"seed": c.seed, "val_size": TrainConfig.val_size}
        val = validation_indices(len(train.images), split)
        val_logits = predict_onnx(c.path, to_float(train.images[val]).numpy())
        pen_logits = predict_onnx(c.path, pen_x)
        rows.append(
            {
                "file": str(c.path),
                "seed": c.seed,
                "mnist_val": _percent(digit_predictions(val_logits) == train.labels[val]),
                "calib_digits": _percent(digit_predictions(pen_logits[digits]) == labels[digits]),
                "calib_operators": _percent(pen_logits[operators].argmax(1) == labels[operators]),
            }
        )
    return rows


def _percent(right: np.ndarray) -> float | None:
    """None when there is nothing to score (a pen file whose calib part has no operator)."""
    return round(float(right.mean()) * 100, 2) if len(right) else None


def _cell(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}%"


def table(rows: list[dict]) -> str:
    """The rows as a Markdown table, with their mean last."""
    keys = ["mnist_val", "calib_digits", "calib_operators"]
    lines = [
        "| file | seed | MNIST validation | calib digits | calib operators |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        cells = " | ".join(_cell(r[k]) for k in keys)
        lines.append(f"| {r['file']} | {r['seed']} | {cells} |")
    if len(rows) > 1:
        scored = [[r[k] for r in rows if r[k] is not None] for k in keys]
        means = [float(np.mean(v)) if v else None for v in scored]
        lines.append("| mean | | " + " | ".join(_cell(m) for m in means) + " |")
    return "\n".join(lines)
