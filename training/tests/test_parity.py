"""ONNX in onnxruntime-web under Node vs PyTorch. Node and node_modules/onnxruntime-web are
required: a missing one fails these tests with a clear message (they are present in CI)."""

import copy
from pathlib import Path

import numpy as np
import pytest
import torch

from training import export as ex
from training import web_parity as wp
from training.data import Split

from .conftest import float_images


@pytest.fixture(scope="module")
def files(trained, tmp_path_factory) -> dict[Path, tuple]:
    d = tmp_path_factory.mktemp("parity")
    out = {}
    for name, model in trained.items():
        fp32, int8 = d / f"{name}.onnx", d / f"{name}.int8.onnx"
        ex.export_onnx(model, fp32)
        ex.quantize_int8(fp32, int8)
        out[fp32] = (model, "fp32", None)
        out[int8] = (model, "int8", None)
    return out


def test_ort_web_matches_torch(files, test_split: Split) -> None:
    images = float_images(test_split, 300)
    assert len(images) >= 256
    reports = wp.check_parity(files, images)
    assert len(reports) == 4
    for r in reports:
        assert r.ok, str(r)
    fp32 = [r for r in reports if r.kind == "fp32"]
    assert all(r.max_abs_diff <= 1e-4 for r in fp32)


def test_parity_detects_a_different_model(files, test_split: Split) -> None:
    """The check can fail: ORT-web running one file vs a PyTorch model with nudged weights."""
    path, (model, _, _) = next((p, v) for p, v in files.items() if p.name == "cnn.onnx")
    other = copy.deepcopy(model)
    with torch.no_grad():
        other.classifier[-1].bias += 0.01
    (report,) = wp.check_parity({path: (other, "fp32", None)}, float_images(test_split, 256))
    assert not report.ok and "FAIL" in str(report)


def test_int8_rule_counts_top1_disagreement() -> None:
    r = wp.ParityReport(Path("m.int8.onnx"), "int8", 1000, 3.0, 5)
    assert r.ok
    assert not wp.ParityReport(Path("m.int8.onnx"), "int8", 1000, 0.1, 6).ok


def test_missing_node_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setattr(wp.shutil, "which", lambda _: None)
    with pytest.raises(wp.ParityError, match="Node.js"):
        wp.run_ort_web([Path("x.onnx")], np.zeros((1, 1, 28, 28), np.float32))


def test_missing_package_is_a_clear_error(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(wp, "REPO_ROOT", tmp_path)
    with pytest.raises(wp.ParityError, match="onnxruntime-web is not installed"):
        wp.run_ort_web([Path("x.onnx")], np.zeros((1, 1, 28, 28), np.float32))


def test_export_all_runs_parity(trained, fixture_dir: Path, tmp_path: Path, capsys) -> None:
    runs, out = tmp_path / "runs", tmp_path / "out"
    runs.mkdir()
    for name, model in trained.items():
        torch.save({"state_dict": model.state_dict(), "config": {"model": name}}, runs / f"{name}.pt")
    reports = ex.export_all(fixture_dir, runs, out, parity_count=256, strict=False)
    assert [r.path.name for r in reports] == ["mlp.onnx", "mlp.int8.onnx", "cnn.onnx", "cnn.int8.onnx"]
    assert all(r.ok and r.count == 256 for r in reports)
    assert "OK   cnn.int8.onnx" in capsys.readouterr().out
    with pytest.raises(ValueError, match="at least 256"):
        ex.export_all(fixture_dir, runs, out, parity_count=100, strict=False)
