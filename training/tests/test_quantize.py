"""The int8 twin: int8 weights per output channel, float activations, derived from the fp32 file."""

import json
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import numpy_helper

from training import export as ex
from training import logit_adjust
from training.classes import CLASSES
from training.adjust import requantize_shipped
from training.evaluate import predict_onnx

from .conftest import float_images


@pytest.fixture(scope="module")
def twins(trained, tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    d = tmp_path_factory.mktemp("quantize")
    out = {}
    for name, model in trained.items():
        fp32, int8 = d / f"{name}.onnx", d / f"{name}.int8.onnx"
        ex.export_onnx(model, fp32)
        ex.quantize_int8(fp32, int8)
        out[name] = (fp32, int8)
    return out


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_every_weight_is_int8_per_output_channel(twins, name: str) -> None:
    fp32, int8 = (onnx.load(p) for p in twins[name])
    floats = {i.name: numpy_helper.to_array(i) for i in fp32.graph.initializer}
    stored = {i.name: numpy_helper.to_array(i) for i in int8.graph.initializer}
    producers = {out: node for node in int8.graph.node for out in node.output}
    weighted = [n for n in int8.graph.node if n.op_type in ("Conv", "Gemm")]
    assert len(weighted) == (3 if name == "mlp" else 4)
    for node in weighted:
        weight = node.input[1]
        assert weight not in stored, f"{weight} is still stored in float"
        dq = producers[weight]
        assert dq.op_type == "DequantizeLinear"
        q, scale = stored[dq.input[0]], stored[dq.input[1]]
        assert q.dtype == np.int8 and q.shape == floats[weight].shape
        # One scale per output channel, the largest weight of each mapping to 127.
        rest = tuple(range(1, q.ndim))
        assert scale.shape == (q.shape[0],) and np.abs(q).max(axis=rest).min() == 127
        per_channel = scale.reshape(-1, *[1] * (q.ndim - 1))
        back = q.astype(np.float32) * per_channel
        assert np.all(np.abs(back - floats[weight]) <= per_channel / 2 + 1e-7)
    assert not any(n.op_type == "QuantizeLinear" for n in int8.graph.node), "activations stay float"
    props = {p.key: p.value for p in int8.metadata_props}
    assert json.loads(props[ex.QUANTIZATION_KEY]) == {"weights": "int8", "activations": "float32"}
    assert ex.QUANTIZATION_KEY not in {p.key for p in fp32.metadata_props}


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_int8_reads_like_fp32(twins, name: str, test_split) -> None:
    x = float_images(test_split, 300)
    a, b = (predict_onnx(p, x) for p in twins[name])
    assert np.abs(a - b).max() < 0.05 * np.abs(a).max()
    assert np.mean(a.argmax(1) == b.argmax(1)) >= 0.99


def test_requantize_leaves_fp32_byte_for_byte(
    twins, fixture_dir: Path, tmp_path: Path, capsys
) -> None:
    for fp32, _ in twins.values():
        (tmp_path / fp32.name).write_bytes(fp32.read_bytes())
    # The shipped files end in the logit adjustment: the twin keeps it and records its own
    # threshold without it.
    bias = np.linspace(0, 1, len(CLASSES)).astype(np.float32)
    logit_adjust.apply(tmp_path / "cnn.onnx", bias, 1.0, np.ones(len(CLASSES)), None, 0.99)
    adjusted = (tmp_path / "cnn.onnx").read_bytes()
    reports = requantize_shipped(fixture_dir, tmp_path, None, parity_count=256, strict=False)
    assert [r.path.name for r in reports] == ["mlp.int8.onnx", "cnn.int8.onnx"]
    assert all(r.ok and r.kind == "int8" for r in reports), capsys.readouterr().out
    assert (tmp_path / "cnn.onnx").read_bytes() == adjusted
    assert (tmp_path / "mlp.onnx").read_bytes() == twins["mlp"][0].read_bytes()
    assert np.array_equal(logit_adjust.graph_bias(tmp_path / "cnn.int8.onnx"), bias)
    without = logit_adjust.read(tmp_path / "cnn.int8.onnx")["reject_threshold_without"]
    assert 0 < without < 0.99
    for name, (_, int8) in twins.items():
        _, threshold = ex.read_metadata(tmp_path / int8.name)
        assert threshold is not None and 0 < threshold < 1, name
        shipped = {i.name for i in onnx.load(tmp_path / int8.name).graph.initializer}
        assert shipped - {logit_adjust.BIAS} == {i.name for i in onnx.load(int8).graph.initializer}
