"""Export checkpoints to ONNX (fp32 + static QDQ int8) and check parity in onnxruntime-web.

Contract of every shipped file: input ``input`` float32 [N,1,28,28] (dynamic N), pixels in
[0,1] with ink = 1 (MNIST polarity), MNIST mean/std normalisation inside the graph; output
``logits`` float32 [N,K]; metadata_props ``digit_pad.classes`` (JSON list of the K classes) and,
when a calibration set exists, ``digit_pad.reject`` (JSON ``{"threshold": t}``). fp32 files are
self-contained (no external data).
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
import torch
from torch import nn

from . import REPO_ROOT
from .augment import to_float
from .classes import CLASSES, REJECT, calibrate_threshold
from .data import load_split
from .pen import PenSet, load_pen

OPSET = 18
FP32_ATOL = 1e-4  # max |logit difference| ORT-web vs PyTorch, fp32 files
INT8_MAX_TOP1_DISAGREE = 0.005  # fraction of images whose int8 top-1 differs from fp32 torch
CALIBRATION_IMAGES = 2000
CALIBRATION_SEED = 7
PEN_CALIBRATION_IMAGES = 500  # pen samples added to the int8 calibration (symbols, "?" ink)
PEN_PARITY_IMAGES = 256  # held-out pen samples added to the parity images
# The reject threshold is the highest one that rejects at most this share of the in-alphabet
# calibration glyphs (pen digits and operators of the calib writers; MNIST validation images).
MAX_FALSE_REJECT = 0.005
PARITY_SCRIPT = Path(__file__).resolve().parent / "parity.mjs"


class ParityError(RuntimeError):
    """onnxruntime-web disagrees with PyTorch beyond the tolerance, or cannot be run."""


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


class _Calibration:
    """onnxruntime CalibrationDataReader over a seeded sample of training images."""

    def __init__(self, images: np.ndarray, batch: int = 100) -> None:
        self.batches = [
            {"input": to_float(images[i : i + batch]).numpy()} for i in range(0, len(images), batch)
        ]
        self.i = 0

    def get_next(self) -> dict[str, np.ndarray] | None:
        if self.i >= len(self.batches):
            return None
        self.i += 1
        return self.batches[self.i - 1]

    def rewind(self) -> None:
        self.i = 0


def quantize_int8(fp32_path: Path, int8_path: Path, calib_images: np.ndarray) -> None:
    """Static QDQ quantisation: int8 per-channel weights, uint8 activations, MinMax calibration."""
    from onnxruntime.quantization import (
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )
    from onnxruntime.quantization.shape_inference import quant_pre_process

    with tempfile.TemporaryDirectory() as tmp:
        pre = Path(tmp) / "pre.onnx"
        quant_pre_process(str(fp32_path), str(pre), skip_symbolic_shape=True)
        quantize_static(
            str(pre),
            str(int8_path),
            _Calibration(calib_images),
            quant_format=QuantFormat.QDQ,
            activation_type=QuantType.QUInt8,
            weight_type=QuantType.QInt8,
            per_channel=True,
            calibrate_method=CalibrationMethod.MinMax,
        )


def _sample(images: np.ndarray, count: int) -> np.ndarray:
    g = np.random.default_rng(CALIBRATION_SEED)
    idx = g.choice(len(images), size=min(count, len(images)), replace=False)
    return images[np.sort(idx)]


def calibration_images(train_images: np.ndarray, pen: PenSet | None = None) -> np.ndarray:
    """int8 calibration: MNIST training images, plus pen ink of the train part if given."""
    mnist = _sample(train_images, CALIBRATION_IMAGES)
    if pen is None:
        return mnist
    return np.concatenate([mnist, _sample(pen.part("train").images, PEN_CALIBRATION_IMAGES)])


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


def run_ort_web(paths: list[Path], images: np.ndarray) -> dict[Path, np.ndarray]:
    """Run each ONNX file in onnxruntime-web under Node on float32 [N,1,28,28] images."""
    node = shutil.which("node")
    if node is None:
        raise ParityError("Node.js ('node') is not on PATH; it is needed for the ORT-web parity check")
    pkg = REPO_ROOT / "node_modules" / "onnxruntime-web" / "package.json"
    if not pkg.is_file():
        raise ParityError(
            f"onnxruntime-web is not installed ({pkg} missing); run 'npm ci' in {REPO_ROOT}"
        )
    images = np.ascontiguousarray(images, dtype="<f4")
    with tempfile.TemporaryDirectory(prefix="parity-") as tmp:
        d = Path(tmp)
        (d / "images.f32").write_bytes(images.tobytes())
        models = [{"path": str(Path(p).resolve()), "out": f"out{i}.f32"} for i, p in enumerate(paths)]
        (d / "request.json").write_text(json.dumps({"count": len(images), "models": models}))
        proc = subprocess.run(
            [node, str(PARITY_SCRIPT), str(d)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if proc.returncode != 0:
            raise ParityError(f"parity.mjs failed (exit {proc.returncode}):\n{proc.stderr.strip()}")
        return {
            Path(p): np.fromfile(d / m["out"], dtype="<f4").reshape(len(images), -1)
            for p, m in zip(paths, models)
        }


@dataclass
class ParityReport:
    path: Path
    kind: str  # "fp32" or "int8"
    count: int
    max_abs_diff: float
    top1_disagree: int

    @property
    def ok(self) -> bool:
        if self.kind == "fp32":
            return self.max_abs_diff <= FP32_ATOL
        return self.top1_disagree <= INT8_MAX_TOP1_DISAGREE * self.count

    def __str__(self) -> str:
        rule = (
            f"max |Δlogit| {self.max_abs_diff:.2e} (limit {FP32_ATOL:.0e})"
            if self.kind == "fp32"
            else f"top-1 differs from PyTorch fp32 on {self.top1_disagree}/{self.count} "
            f"(limit {INT8_MAX_TOP1_DISAGREE:.1%}); max |Δlogit| {self.max_abs_diff:.3f}"
        )
        return f"{'OK  ' if self.ok else 'FAIL'} {self.path.name} [{self.kind}] {rule}"


def check_parity(
    files: dict[Path, tuple[nn.Module, str]], images: np.ndarray
) -> list[ParityReport]:
    """Compare ORT-web logits with PyTorch for each file → (model, "fp32"|"int8")."""
    x = torch.from_numpy(np.ascontiguousarray(images, dtype=np.float32))
    web = run_ort_web(list(files), images)
    reports = []
    for path, (model, kind) in files.items():
        with torch.no_grad():
            ref = model.eval()(x).numpy()
        got = web[Path(path)]
        if got.shape != ref.shape:
            raise ParityError(f"{path}: ORT-web logits {got.shape}, PyTorch {ref.shape}")
        reports.append(
            ParityReport(
                path=Path(path),
                kind=kind,
                count=len(images),
                max_abs_diff=float(np.abs(got - ref).max()),
                top1_disagree=int((got.argmax(1) != ref.argmax(1)).sum()),
            )
        )
    return reports


def export_all(
    data_dir: Path,
    runs_dir: Path,
    out_dir: Path,
    parity_count: int = 512,
    skip_parity: bool = False,
    strict: bool = True,
    pen_path: Path | None = None,
    names: tuple[str, ...] = ("mlp", "cnn"),
) -> list[ParityReport]:
    from .train import load_checkpoint, validation_indices

    if parity_count < 256:
        raise ValueError("--parity-count must be at least 256")
    train = load_split(data_dir, "train", 60000 if strict else None)
    pen = load_pen(pen_path) if pen_path else None
    calib = calibration_images(train.images, pen)
    files: dict[Path, tuple[nn.Module, str]] = {}
    for name in names:
        ckpt = runs_dir / f"{name}.pt"
        if not ckpt.is_file():
            raise FileNotFoundError(f"no checkpoint {ckpt}; run 'python -m training train' first")
        model, info = load_checkpoint(ckpt)
        fp32, int8 = out_dir / f"{name}.onnx", out_dir / f"{name}.int8.onnx"
        export_onnx(model, fp32)
        quantize_int8(fp32, int8, calib)
        val = train.images[validation_indices(len(train.images), info.get("config", {}))]
        sets = calibration_sets(val, pen)
        for path in (fp32, int8):
            threshold = reject_threshold(path, sets)
            write_metadata(path, threshold)
            print(f"{path.name}: reject threshold {threshold}")
        print(f"exported {fp32} ({fp32.stat().st_size:,} B), {int8} ({int8.stat().st_size:,} B)")
        files[fp32] = (model, "fp32")
        files[int8] = (model, "int8")
    if skip_parity:
        return []
    test = load_split(data_dir, "test", 10000 if strict else None)
    if len(test.images) < parity_count:
        raise ValueError(f"parity needs {parity_count} test images, {data_dir} has {len(test.images)}")
    images = to_float(test.images[:parity_count]).numpy()
    if pen is not None:
        held_out = pen.part("holdout", "site").images
        images = np.concatenate([images, to_float(_sample(held_out, PEN_PARITY_IMAGES)).numpy()])
    reports = check_parity(files, images)
    for r in reports:
        print(r)
    failed = [r for r in reports if not r.ok]
    if failed:
        raise ParityError("onnxruntime-web parity failed:\n" + "\n".join(map(str, failed)))
    return reports
