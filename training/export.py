"""Export checkpoints to ONNX (fp32 + weights-only int8) and check parity in onnxruntime-web.

Contract of every shipped file: input ``input`` float32 [N,1,28,28] (dynamic N), pixels in
[0,1] with ink = 1 (MNIST polarity), MNIST mean/std normalisation inside the graph; output
``logits`` float32 [N,K]; metadata_props ``digit_pad.classes`` (JSON list of the K classes) and,
when a calibration set exists, ``digit_pad.reject`` (JSON ``{"threshold": t}``); with a logit
adjustment (training/logit_adjust.py), ``logits`` is the output of a last ``Add`` of a constant
bias and ``digit_pad.logit_adjust`` records it; int8 twins add ``digit_pad.quantization``
(``quantize_int8``). fp32 files are self-contained (no external data).
"""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path

import numpy as np
import onnx
import torch
from torch import nn

from . import logit_adjust
from .augment import to_float
from .classes import CLASSES, REJECT, calibrate_threshold
from .data import load_split
from .pen import PenSet, load_pen
from .web_parity import ParityReport, check_parity, report_parity

OPSET = 18
SAMPLE_SEED = 7
QUANTIZATION_KEY = "digit_pad.quantization"
WEIGHTS_ONLY = {"weights": "int8", "activations": "float32"}
PEN_PARITY_IMAGES = 256  # held-out pen samples added to the parity images
# The reject threshold is the highest one that rejects at most this share of the in-alphabet
# calibration glyphs (pen digits and operators of the calib writers; MNIST validation images).
MAX_FALSE_REJECT = 0.005


def _export(model: nn.Module, example: torch.Tensor, batch: torch.export.Dim):
    program = torch.onnx.export(
        model,
        (example,),
        dynamo=True,
        input_names=["input"],
        output_names=["logits"],
        opset_version=OPSET,
        dynamic_shapes={"x": {0: batch}},
        external_data=False,
        optimize=True,
        verbose=False,
    )
    assert program is not None
    return program


def export_onnx(model: nn.Module, path: Path) -> None:
    """Export to a self-contained ONNX file meeting the contract in this module's docstring."""
    model.eval()
    path.parent.mkdir(parents=True, exist_ok=True)
    example = torch.zeros(2, 1, 28, 28)
    batch = torch.export.Dim("batch", min=1, max=4096)
    # The exporter logs that torchvision ops are unavailable (we use none) and a deprecation.
    logging.getLogger("torch.onnx._internal.exporter._registration").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        program = _export(model, example, batch)
    proto = program.model_proto
    # Name the batch axis the same on both sides for readers of the graph.
    for value in (*proto.graph.input, *proto.graph.output):
        dim0 = value.type.tensor_type.shape.dim[0]
        dim0.ClearField("dim_value")
        dim0.dim_param = "batch"
    onnx.checker.check_model(proto, full_check=True)
    onnx.save_model(proto, path, save_as_external_data=False)
    for stray in path.parent.glob(path.name + ".data"):
        stray.unlink()


def quantize_int8(fp32_path: Path, int8_path: Path) -> None:
    """The int8 twin: every Conv and Gemm weight in int8, one symmetric scale per output channel
    (its largest |w| / 127), behind a DequantizeLinear; activations and biases stay float.

    Static quantisation of the activations (uint8, MinMax) flipped the top class of about one
    pen glyph in 400 and ran the MLP 3x slower in onnxruntime-web's wasm; with the weights alone
    the file is as small, the flips fall by half or more, and the worker folds the weights back
    to float once at load (``digit_pad.quantization``, read in src/workers/model-classes.ts),
    so it runs at fp32's speed (models/README.md, "int8")."""
    proto = onnx.load(fp32_path)
    initializers = {i.name: i for i in proto.graph.initializer}
    dequantize = []
    for node in proto.graph.node:
        name = node.input[1] if node.op_type in ("Conv", "Gemm") else None
        if name not in initializers:
            continue
        w = onnx.numpy_helper.to_array(initializers[name]).astype(np.float32)
        trans_b = next((a.i for a in node.attribute if a.name == "transB"), 0)
        axis = 0 if node.op_type == "Conv" or trans_b else 1
        others = tuple(i for i in range(w.ndim) if i != axis)
        scale = np.abs(w).max(axis=others) / 127.0
        scale[scale == 0] = 1.0
        shape = [-1 if i == axis else 1 for i in range(w.ndim)]
        q = np.clip(np.round(w / scale.reshape(shape)), -127, 127).astype(np.int8)
        proto.graph.initializer.remove(initializers.pop(name))
        proto.graph.initializer.extend(
            [
                onnx.numpy_helper.from_array(q, f"{name}_int8"),
                onnx.numpy_helper.from_array(scale.astype(np.float32), f"{name}_scale"),
            ]
        )
        dequantize.append(
            onnx.helper.make_node(
                "DequantizeLinear", [f"{name}_int8", f"{name}_scale"], [name], axis=axis,
                name=f"{name}_dequantize",
            )
        )
    nodes = [*dequantize, *proto.graph.node]
    del proto.graph.node[:]
    proto.graph.node.extend(nodes)
    props = {p.key: p.value for p in proto.metadata_props}
    props[QUANTIZATION_KEY] = json.dumps(WEIGHTS_ONLY)
    onnx.helper.set_model_props(proto, props)
    onnx.checker.check_model(proto, full_check=True)
    onnx.save_model(proto, int8_path, save_as_external_data=False)


def _sample(images: np.ndarray, count: int) -> np.ndarray:
    g = np.random.default_rng(SAMPLE_SEED)
    idx = g.choice(len(images), size=min(count, len(images)), replace=False)
    return images[np.sort(idx)]


def write_metadata(path: Path, threshold: float | None) -> None:
    """Store the class list (and the reject threshold, if any) in the file's metadata_props."""
    proto = onnx.load(path)
    props = {p.key: p.value for p in proto.metadata_props}
    props["digit_pad.classes"] = json.dumps(CLASSES, ensure_ascii=False)
    props.pop("digit_pad.reject", None)
    if threshold is not None:
        props["digit_pad.reject"] = json.dumps({"threshold": threshold})
    onnx.helper.set_model_props(proto, props)
    onnx.save_model(proto, path, save_as_external_data=False)


def read_metadata(path: Path) -> tuple[list[str], float | None]:
    """Classes and reject threshold as the worker reads them (ten digits when absent)."""
    props = {p.key: p.value for p in onnx.load(path).metadata_props}
    classes = json.loads(props.get("digit_pad.classes", json.dumps([*"0123456789"])))
    reject = props.get("digit_pad.reject")
    return classes, (json.loads(reject)["threshold"] if reject else None)


def calibration_sets(val_images: np.ndarray, pen: PenSet | None) -> list[np.ndarray]:
    """In-alphabet glyphs no model was trained on, as float32 [N,1,28,28] sets."""
    sets = [to_float(val_images).numpy()] if len(val_images) else []
    if pen is not None:
        calib = pen.part("calib")
        sets.append(to_float(calib.images[calib.labels != REJECT]).numpy())
    return sets


def reject_threshold(path: Path, sets: list[np.ndarray]) -> float | None:
    from .evaluate import predict_onnx

    if not sets:
        return None
    t = calibrate_threshold([predict_onnx(path, x) for x in sets], MAX_FALSE_REJECT)
    return float(np.floor(t * 1e4) / 1e4)  # rounded down: never rejects more than calibrated


def parity_images(data_dir: Path, parity_count: int, strict: bool, pen: PenSet | None) -> np.ndarray:
    """MNIST test images, plus a seeded sample of held-out pen ink when given."""
    test = load_split(data_dir, "test", 10000 if strict else None)
    if len(test.images) < parity_count:
        raise ValueError(f"parity needs {parity_count} test images, {data_dir} has {len(test.images)}")
    images = to_float(test.images[:parity_count]).numpy()
    if pen is not None:
        held_out = pen.part("holdout", "site").images
        images = np.concatenate([images, to_float(_sample(held_out, PEN_PARITY_IMAGES)).numpy()])
    return images


def adjust_and_calibrate(
    fp32: Path,
    int8: Path,
    counts: np.ndarray,
    tau: str | float,
    pen: PenSet | None,
    val_images: np.ndarray,
) -> logit_adjust.Adjustment | None:
    """The logit adjustment (training/logit_adjust.py) of both twins, then each file's reject
    threshold, calibrated on what the adjusted file outputs."""
    sets = calibration_sets(val_images, pen)
    calib = pen.part("calib") if pen is not None else None
    val_x = sets[0] if len(val_images) else np.zeros((0, 1, 28, 28), np.float32)
    adjustment = logit_adjust.adjust_files(
        fp32, [int8], counts, tau, calib, val_x, lambda path: reject_threshold(path, sets)
    )
    if adjustment is None:
        print(f"{fp32.stem}: no logit adjustment")
    else:
        how = "chosen on the calibration sets" if adjustment.choice else "given"
        print(f"{fp32.stem}: logit adjustment tau {adjustment.tau} ({how}); bias {adjustment.bias}")
    for path in (fp32, int8):
        threshold = reject_threshold(path, sets)
        write_metadata(path, threshold)
        print(f"{path.name}: reject threshold {threshold}")
    return adjustment


def export_all(
    data_dir: Path,
    runs_dir: Path,
    out_dir: Path,
    parity_count: int = 512,
    skip_parity: bool = False,
    strict: bool = True,
    pen_path: Path | None = None,
    names: tuple[str, ...] = ("mlp", "cnn"),
    tau: str | float = "auto",
) -> list[ParityReport]:
    from .train import load_checkpoint, validation_indices

    if parity_count < 256:
        raise ValueError("--parity-count must be at least 256")
    train = load_split(data_dir, "train", 60000 if strict else None)
    pen = load_pen(pen_path) if pen_path else None
    files: dict[Path, tuple[nn.Module, str, np.ndarray | None]] = {}
    for name in names:
        ckpt = runs_dir / f"{name}.pt"
        if not ckpt.is_file():
            raise FileNotFoundError(f"no checkpoint {ckpt}; run 'python -m training train' first")
        model, info = load_checkpoint(ckpt)
        config = info.get("config", {})
        fp32, int8 = out_dir / f"{name}.onnx", out_dir / f"{name}.int8.onnx"
        export_onnx(model, fp32)
        quantize_int8(fp32, int8)
        val = train.images[validation_indices(len(train.images), config)]
        counts = logit_adjust.epoch_counts(train.labels, config, pen)
        adjustment = adjust_and_calibrate(fp32, int8, counts, tau, pen, val)
        bias = adjustment.bias if adjustment else None
        print(f"exported {fp32} ({fp32.stat().st_size:,} B), {int8} ({int8.stat().st_size:,} B)")
        files[fp32] = (model, "fp32", bias)
        files[int8] = (model, "int8", bias)
    if skip_parity:
        return []
    return report_parity(check_parity(files, parity_images(data_dir, parity_count, strict, pen)))
