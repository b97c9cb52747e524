"""ONNX files in onnxruntime-web (wasm) under Node, compared with reference logits (PyTorch,
plus the logit bias a file adds last): the parity check of ``python -m training export``."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from . import REPO_ROOT

FP32_ATOL = 1e-4  # max |logit difference| ORT-web vs the reference, fp32 files
INT8_MAX_TOP1_DISAGREE = 0.005  # share of images whose int8 top-1 differs from the fp32 reference
PARITY_SCRIPT = Path(__file__).resolve().parent / "parity.mjs"


class ParityError(RuntimeError):
    """onnxruntime-web disagrees with the reference beyond the tolerance, or cannot be run."""


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
            else f"top-1 differs from the fp32 reference on {self.top1_disagree}/{self.count} "
            f"(limit {INT8_MAX_TOP1_DISAGREE:.1%}); max |Δlogit| {self.max_abs_diff:.3f}"
        )
        return f"{'OK  ' if self.ok else 'FAIL'} {self.path.name} [{self.kind}] {rule}"


def check_parity(
    files: dict[Path, tuple[nn.Module, str, np.ndarray | None]], images: np.ndarray
) -> list[ParityReport]:
    """Compare ORT-web logits with PyTorch for each file → (model, "fp32"|"int8", the logit
    bias the file should add last, or None)."""
    x = torch.from_numpy(np.ascontiguousarray(images, dtype=np.float32))
    refs = {}
    for path, (model, kind, bias) in files.items():
        with torch.no_grad():
            ref = model.eval()(x).numpy()
        refs[path] = (ref if bias is None else ref + bias, kind)
    return compare_with_ort_web(refs, images)


def compare_with_ort_web(
    refs: dict[Path, tuple[np.ndarray, str]], images: np.ndarray
) -> list[ParityReport]:
    """Run each file in ORT-web on ``images`` and compare with its reference logits."""
    web = run_ort_web(list(refs), images)
    reports = []
    for path, (ref, kind) in refs.items():
        got = web[Path(path)]
        if got.shape != ref.shape:
            raise ParityError(f"{path}: ORT-web logits {got.shape}, reference {ref.shape}")
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


def report_parity(reports: list[ParityReport]) -> list[ParityReport]:
    for r in reports:
        print(r)
    failed = [r for r in reports if not r.ok]
    if failed:
        raise ParityError("onnxruntime-web parity failed:\n" + "\n".join(map(str, failed)))
    return reports
