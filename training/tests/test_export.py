from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
import torch

from training.data import Split
from training.classes import CLASSES
from training.export import export_onnx, read_metadata, reject_threshold, write_metadata
from training.models import MNIST_MEAN, MNIST_STD

from .conftest import float_images


@pytest.fixture(scope="module")
def exported(trained, tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("onnx")
    paths = {}
    for name, model in trained.items():
        paths[name] = d / f"{name}.onnx"
        export_onnx(model, paths[name])
    return paths


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_contract(exported, name: str) -> None:
    path = exported[name]
    m = onnx.load(path)
    assert max(o.version for o in m.opset_import if o.domain in ("", "ai.onnx")) >= 17
    assert [i.name for i in m.graph.input] == ["input"]
    assert [o.name for o in m.graph.output] == ["logits"]
    in_shape = [d.dim_param or d.dim_value for d in m.graph.input[0].type.tensor_type.shape.dim]
    out_shape = [d.dim_param or d.dim_value for d in m.graph.output[0].type.tensor_type.shape.dim]
    assert in_shape == ["batch", 1, 28, 28] and out_shape == ["batch", len(CLASSES)]
    assert m.graph.input[0].type.tensor_type.elem_type == onnx.TensorProto.FLOAT
    # Self-contained: every initializer stored inline, no side files.
    assert all(t.data_location != onnx.TensorProto.EXTERNAL for t in m.graph.initializer)
    assert list(path.parent.glob(path.name + "*")) == [path]


@pytest.mark.parametrize("name", ["mlp", "cnn"])
@pytest.mark.parametrize("batch", [1, 7, 64])
def test_matches_torch_on_raw_pixels(exported, trained, test_split: Split, name, batch) -> None:
    """Feed [0,1] pixels: the graph normalises by itself and matches PyTorch."""
    x = float_images(test_split, batch)
    sess = ort.InferenceSession(str(exported[name]), providers=["CPUExecutionProvider"])
    got = sess.run(["logits"], {"input": x})[0]
    with torch.no_grad():
        ref = trained[name](torch.from_numpy(x)).numpy()
    assert got.shape == (batch, len(CLASSES))
    np.testing.assert_allclose(got, ref, atol=1e-4)


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_normalisation_is_in_graph(exported, trained, test_split: Split, name) -> None:
    x = float_images(test_split, 32)
    sess = ort.InferenceSession(str(exported[name]), providers=["CPUExecutionProvider"])
    # The graph starts with (x - mean) / std with MNIST's constants.
    m = onnx.load(exported[name])
    consts = {
        float(onnx.numpy_helper.to_array(t)) for t in m.graph.initializer if t.dims == []
    } | {
        float(onnx.numpy_helper.to_array(a.t))
        for n in m.graph.node
        if n.op_type == "Constant"
        for a in n.attribute
        if a.name == "value" and len(a.t.dims) == 0
    }
    assert any(abs(c - MNIST_MEAN) < 1e-6 for c in consts)
    assert any(abs(c - MNIST_STD) < 1e-6 for c in consts)
    # Feeding pre-normalised data gives different logits: consumers must not normalise again.
    raw = sess.run(["logits"], {"input": x})[0]
    pre = sess.run(["logits"], {"input": (x - MNIST_MEAN) / MNIST_STD})[0]
    assert np.abs(raw - pre).max() > 1.0


def test_metadata_round_trip(exported, tmp_path) -> None:
    path = tmp_path / "m.onnx"
    path.write_bytes(exported["mlp"].read_bytes())
    assert read_metadata(path) == ([*"0123456789"], None)  # what a plain digit model declares
    write_metadata(path, 0.4321)
    assert read_metadata(path) == (CLASSES, 0.4321)
    write_metadata(path, None)
    assert read_metadata(path) == (CLASSES, None)
    ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])  # still a valid model


def test_reject_threshold_is_calibrated_on_the_given_sets(exported, test_split: Split) -> None:
    from training.classes import rejected
    from training.evaluate import predict_onnx

    x = float_images(test_split)
    t = reject_threshold(exported["cnn"], [x])
    assert t is not None and 0 < t <= 0.99
    flagged = rejected(predict_onnx(exported["cnn"], x), t)
    assert flagged.mean() <= 0.005
    assert reject_threshold(exported["cnn"], []) is None
