"""The ONNX files in models/ (the real trained ones) keep the contract and classify well."""

import hashlib
import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest

from training import MODELS_DIR
from training.data import Split

from .conftest import float_images

FILES = ["mlp.onnx", "cnn.onnx", "mlp.int8.onnx", "cnn.int8.onnx"]
# Fixture = first 300 canonical test images. Full-test-set bars are checked via metrics.json.
MIN_FIXTURE_ACC = {"mlp": 0.97, "cnn": 0.98}


@pytest.mark.parametrize("name", FILES)
def test_contract(name: str) -> None:
    path = MODELS_DIR / name
    assert path.is_file(), f"{path} missing; run 'python -m training all'"
    m = onnx.load(path)
    onnx.checker.check_model(m)
    assert max(o.version for o in m.opset_import if o.domain in ("", "ai.onnx")) >= 17
    (inp,), (out,) = m.graph.input, m.graph.output
    assert (inp.name, out.name) == ("input", "logits")
    dims = lambda v: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]  # noqa: E731
    assert dims(inp)[1:] == [1, 28, 28] and isinstance(dims(inp)[0], str)
    assert dims(out)[1:] == [10] and isinstance(dims(out)[0], str)
    assert not list(MODELS_DIR.glob("*.data"))


@pytest.mark.parametrize("name", FILES)
def test_classifies_fixture_test_images(name: str, test_split: Split) -> None:
    x = float_images(test_split)
    sess = ort.InferenceSession(str(MODELS_DIR / name), providers=["CPUExecutionProvider"])
    for batch in (1, 300):  # dynamic batch
        logits = np.concatenate(
            [sess.run(["logits"], {"input": x[i : i + batch]})[0] for i in range(0, 300, batch)]
        ) if batch == 300 else sess.run(["logits"], {"input": x[:1]})[0]
        assert logits.shape[1] == 10
    acc = float((logits.argmax(1) == test_split.labels).mean())
    assert acc >= MIN_FIXTURE_ACC[name.split(".")[0]], f"{name}: {acc:.3f}"


def test_metrics_json_describes_the_shipped_files() -> None:
    """The figures below are read from metrics.json: they count only for the very files that
    were evaluated, so a model replaced without a new evaluation fails here."""
    metrics = json.loads((MODELS_DIR / "metrics.json").read_text())
    for name in FILES:
        data = (MODELS_DIR / name).read_bytes()
        assert metrics["files"][name]["sha256"] == hashlib.sha256(data).hexdigest(), name
        assert metrics["files"][name]["bytes"] == len(data), name
    for r in metrics["table"]:
        assert r["correct"] / r["inputs"] == pytest.approx(r["accuracy"], abs=5e-5), r


def test_metrics_json_meets_the_bar() -> None:
    metrics = json.loads((MODELS_DIR / "metrics.json").read_text())
    acc = {(r["file"], r["test_data"]): r["accuracy"] for r in metrics["table"]}
    assert all(r["inputs"] == 10000 for r in metrics["table"])
    assert acc[("mlp.onnx", "standard")] >= 0.983
    assert acc[("cnn.onnx", "standard")] >= 0.994
    assert acc[("cnn.onnx", "augmented")] >= 0.985
    for m in ("mlp", "cnn"):
        for s in ("standard", "augmented"):
            assert abs(acc[(f"{m}.int8.onnx", s)] - acc[(f"{m}.onnx", s)]) <= 0.002
