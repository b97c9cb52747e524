"""The class-prior logit adjustment (training/logit_adjust.py): a last Add of a constant bias
on the operator logits, in every shipped file and in what ``export`` writes."""

from pathlib import Path

import numpy as np
import onnx
import pytest

from training import MODELS_DIR
from training import logit_adjust as la
from training.classes import CLASSES, DIGITS, REJECT
from training.data import Split
from training.evaluate import predict_onnx
from training.export import export_onnx
from training.pen import load_pen

from .conftest import float_images

FILES = ["mlp.onnx", "mlp.int8.onnx", "cnn.onnx", "cnn.int8.onnx"]
PEN = Path(__file__).resolve().parent / "fixtures" / "pen" / "sample.npz"


@pytest.mark.parametrize("name", FILES)
def test_shipped_files_add_the_recorded_bias_last(name: str) -> None:
    """The graph's output is the Add of the bias that tau and the epoch counts give, on the
    operators only; it fails when the node is missing or its bias differs from the record."""
    path = MODELS_DIR / name
    record = la.read(path)
    assert record is not None, f"{name} has no {la.META_KEY}"
    assert record["tau"] > 0
    expected = la.bias_vector(np.array(record["epoch_counts"], dtype=float), record["tau"])
    got = la.graph_bias(path)
    assert got is not None, f"{name}: the output is not the adjustment's Add"
    np.testing.assert_allclose(got, expected, rtol=1e-6)
    np.testing.assert_allclose(record["bias"], expected, rtol=1e-6)
    assert not got[:DIGITS].any() and got[REJECT] == 0 and (got[DIGITS:REJECT] > 0).all()


def test_twins_share_the_adjustment() -> None:
    for model in ("mlp", "cnn"):
        a, b = (la.read(MODELS_DIR / f) for f in (f"{model}.onnx", f"{model}.int8.onnx"))
        assert a is not None and b is not None
        assert (a["tau"], a["bias"]) == (b["tau"], b["bias"])


@pytest.fixture(scope="module")
def plain(trained, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("adjust") / "cnn.onnx"
    export_onnx(trained["cnn"], path)
    return path


def test_apply_adds_the_bias_and_strip_removes_it(plain: Path, test_split: Split, tmp_path) -> None:
    x = float_images(test_split, 64)
    before = predict_onnx(plain, x)
    counts = np.array([6000.0] * DIGITS + [300.0] * (REJECT - DIGITS) + [5000.0])
    bias = la.bias_vector(counts, 0.7)
    np.testing.assert_allclose(bias[DIGITS:REJECT], 0.7 * np.log(20), rtol=1e-6)
    path = tmp_path / "m.onnx"
    path.write_bytes(plain.read_bytes())
    for _ in range(2):  # applying again replaces the adjustment, it does not stack
        la.apply(path, bias, 0.7, counts)
    after = predict_onnx(path, x)
    np.testing.assert_allclose(after, before + bias, atol=1e-5)
    # Digit mode reads the first ten logits: bit for bit the same.
    assert np.array_equal(after[:, :DIGITS], before[:, :DIGITS])
    assert sum(n.op_type == "Add" and n.name == la.NODE for n in onnx.load(path).graph.node) == 1
    la.write_unadjusted(path, tmp_path / "plain.onnx")
    np.testing.assert_allclose(predict_onnx(tmp_path / "plain.onnx", x), before, atol=1e-6)
    assert la.read(tmp_path / "plain.onnx") is None and la.graph_bias(tmp_path / "plain.onnx") is None


def test_choose_tau_maximises_balanced_accuracy() -> None:
    """An operator whose logit sits 1 below the digit's is read right once tau lifts it;
    without operators to gain, tau stays 0."""
    counts = np.array([6000.0] * DIGITS + [300.0] * (REJECT - DIGITS) + [5000.0])
    k = len(CLASSES)
    logits = np.zeros((4, k))
    labels = np.array([1, 1, DIGITS + 3, DIGITS + 3])
    logits[0, 1] = logits[1, 1] = 5.0  # clear digits
    logits[2:, 1], logits[2:, DIGITS + 3] = 2.0, 1.0  # a "/" read as "1"
    choice = la.choose_tau(logits, labels, logits[:2], counts)
    lift = np.log(20)  # the operator's bias per unit of tau
    assert choice.tau == min(t for t in la.TAU_GRID if t * lift > 1.0)
    row = next(r for r in choice.table if r["tau"] == choice.tau)
    assert row["balanced_accuracy"] == 1.0 and row["pen_digit_accuracy"] == 1.0
    assert la.choose_tau(logits[:2], labels[:2], logits[:2], counts).tau == 0.0


def test_choose_tau_keeps_non_symbols_out_of_the_operators() -> None:
    """A "#" whose operator logit sits just under its "?" logit: the tau that would rescue
    the "/" read as "1" would also read the "#" as that operator, so the choice stays lower."""
    counts = np.array([6000.0] * DIGITS + [300.0] * (REJECT - DIGITS) + [5000.0])
    k = len(CLASSES)
    logits = np.zeros((6, k))
    labels = np.array([1, 1, DIGITS + 3, REJECT, REJECT, REJECT])
    logits[:2, 1] = 5.0
    logits[2, 1], logits[2, DIGITS + 3] = 2.0, 1.0  # needs tau * log(20) > 1
    logits[3:, REJECT], logits[3:, DIGITS + 2] = 2.0, 1.5  # lost once tau * log(20) > 0.5
    choice = la.choose_tau(logits, labels, logits[:2], counts)
    assert choice.tau * np.log(20) <= 0.5
    row = next(r for r in choice.table if r["tau"] == choice.tau)
    assert row["non_symbols_read_as_no_symbol"] == 1.0


def test_epoch_counts_follow_the_recipe(train_split: Split) -> None:
    pen = load_pen(PEN)
    config = {"seed": 0, "val_size": 100, "limit": None, "symbol_repeat": 3}
    train = pen.part("train")
    for digits in (1, 2):
        config["pen_digit_repeat"] = digits
        counts = la.epoch_counts(train_split.labels, config, pen)
        pen_digits = digits * train.is_digit.sum()
        expected = len(train_split.labels) - 100 + pen_digits + 3 * (~train.is_digit).sum()
        assert counts.sum() == expected
        assert counts[REJECT] == 3 * (train.labels == REJECT).sum()


def test_composed_ones_are_seen_as_often_as_digits() -> None:
    from training.pen import PenSet
    from training.train import pen_repeats

    raw = np.array(["1", "flagged 1", "+", "÷", "scribble"])
    pen = PenSet(np.zeros((5, 28, 28), np.uint8), raw, np.full(5, "train"), np.full(5, "x"))
    config = {"pen_digit_repeat": 2, "symbol_repeat": 3}
    assert pen_repeats(pen, config).tolist() == [2, 2, 3, 3, 3]


def test_export_bakes_the_adjustment_and_parity_includes_it(
    trained, fixture_dir: Path, tmp_path: Path
) -> None:
    """A given tau (no pen ink: MNIST counts only, so every operator gets a large bias) is in
    both files, and parity compares with PyTorch plus that bias: without it fp32 would be off
    by more than a logit."""
    import torch

    from training import export as ex

    runs, out = tmp_path / "runs", tmp_path / "out"
    runs.mkdir()
    config = {"model": "cnn", "seed": 0, "val_size": 300}
    torch.save({"state_dict": trained["cnn"].state_dict(), "config": config}, runs / "cnn.pt")
    export = dict(parity_count=256, strict=False, names=("cnn",))
    reports = ex.export_all(fixture_dir, runs, out, tau=0.4, **export)
    assert [r.ok for r in reports] == [True, True]
    for name in ("cnn.onnx", "cnn.int8.onnx"):
        record = la.read(out / name)
        assert record is not None and record["tau"] == 0.4
        bias = la.graph_bias(out / name)
        assert bias is not None and bias[DIGITS:REJECT].min() > 1.0
        np.testing.assert_array_equal(bias, record["bias"])
        assert record["reject_threshold_without"] is not None
    ex.export_all(fixture_dir, runs, out, tau="none", skip_parity=True, **export)
    assert la.read(out / "cnn.onnx") is None and la.graph_bias(out / "cnn.int8.onnx") is None
