"""``python -m training adjust``: the logit adjustment of ``export``, applied to ONNX files
that are already exported (their checkpoints gone). The epoch's class counts come from the
training config recorded in ``metrics.json`` (the recipe's when absent); parity compares
onnxruntime-web on the adjusted file with onnxruntime (CPU) on the same file without its
adjustment, plus the bias.

``python -m training quantize`` (``requantize_shipped``) derives the int8 twins again from
the fp32 files, for a change of the int8 method without checkpoints."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from pathlib import Path

import numpy as np

from . import logit_adjust
from .data import load_split
from .export import (
    adjust_and_calibrate,
    calibration_sets,
    parity_images,
    quantize_int8,
    reject_threshold,
    write_metadata,
)
from .pen import load_pen
from .web_parity import ParityReport, compare_with_ort_web, report_parity


def recorded_config(out_dir: Path, name: str) -> dict:
    from .train import RECIPES

    metrics = out_dir / "metrics.json"
    training = json.loads(metrics.read_text()).get("training", {}) if metrics.is_file() else {}
    return training.get(name, {}).get("config") or asdict(RECIPES[name])


def adjust_shipped(
    data_dir: Path,
    out_dir: Path,
    pen_path: Path | None,
    tau: str | float,
    parity_count: int = 512,
    skip_parity: bool = False,
    strict: bool = True,
    names: tuple[str, ...] = ("mlp", "cnn"),
) -> list[ParityReport]:
    from .evaluate import predict_onnx
    from .train import validation_indices

    train = load_split(data_dir, "train", 60000 if strict else None)
    pen = load_pen(pen_path) if pen_path else None
    images = None if skip_parity else parity_images(data_dir, parity_count, strict, pen)
    refs: dict[Path, tuple[np.ndarray, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            config = recorded_config(out_dir, name)
            fp32, int8 = out_dir / f"{name}.onnx", out_dir / f"{name}.int8.onnx"
            plain = {p: Path(tmp) / p.name for p in (fp32, int8)}
            for path, copy in plain.items():
                logit_adjust.write_unadjusted(path, copy)
            counts = logit_adjust.epoch_counts(train.labels, config, pen)
            val = train.images[validation_indices(len(train.images), config)]
            adjustment = adjust_and_calibrate(fp32, int8, counts, tau, pen, val)
            bias = adjustment.bias if adjustment else 0.0
            if images is not None:
                for (path, copy), kind in zip(plain.items(), ("fp32", "int8")):
                    refs[path] = (predict_onnx(copy, images) + bias, kind)
    if skip_parity:
        return []
    assert images is not None
    return report_parity(compare_with_ort_web(refs, images))


def requantize_shipped(
    data_dir: Path,
    out_dir: Path,
    pen_path: Path | None,
    parity_count: int = 512,
    skip_parity: bool = False,
    strict: bool = True,
    names: tuple[str, ...] = ("mlp", "cnn"),
) -> list[ParityReport]:
    """Derive each int8 twin again from its fp32 file as it is (adjustment and metadata
    included), so a change of the int8 method needs no checkpoint, and the fp32 file stays
    byte for byte. The twin's reject threshold is calibrated on what it outputs; parity
    compares it in onnxruntime-web with onnxruntime (CPU) on the fp32 file."""
    from .evaluate import predict_onnx
    from .train import validation_indices

    train = load_split(data_dir, "train", 60000 if strict else None)
    pen = load_pen(pen_path) if pen_path else None
    images = None if skip_parity else parity_images(data_dir, parity_count, strict, pen)
    refs: dict[Path, tuple[np.ndarray, str]] = {}
    for name in names:
        fp32, int8 = out_dir / f"{name}.onnx", out_dir / f"{name}.int8.onnx"
        quantize_int8(fp32, int8)
        val = train.images[validation_indices(len(train.images), recorded_config(out_dir, name))]
        sets = calibration_sets(val, pen)
        if logit_adjust.read(int8) is not None:
            with tempfile.TemporaryDirectory() as tmp:
                plain = Path(tmp) / int8.name
                logit_adjust.write_unadjusted(int8, plain)
                logit_adjust.record_threshold_without(int8, reject_threshold(plain, sets))
        threshold = reject_threshold(int8, sets)
        write_metadata(int8, threshold)
        print(f"{int8.name}: {int8.stat().st_size:,} B, reject threshold {threshold}")
        if images is not None:
            refs[int8] = (predict_onnx(fp32, images), "int8")
    if images is None:
        return []
    return report_parity(compare_with_ort_web(refs, images))
