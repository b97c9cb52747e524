import dataclasses
from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest
import torch

from training import logit_adjust
from training.augment import to_float
from training.data import Split
from training.distill import Teachers, distillation_loss
from training.train import RECIPES, train

MODELS = Path(__file__).resolve().parents[2] / "models"
SHIPPED = [str(MODELS / "mlp.onnx"), str(MODELS / "cnn.onnx")]


def _unadjusted_probabilities(path: str, x: np.ndarray, temperature: float, tmp_path) -> np.ndarray:
    plain = tmp_path / Path(path).name
    logit_adjust.write_unadjusted(Path(path), plain)
    session = ort.InferenceSession(str(plain))
    logits = session.run(None, {session.get_inputs()[0].name: x})[0]
    return torch.softmax(torch.from_numpy(logits) / temperature, dim=1).numpy()


def test_teachers_average_their_unadjusted_probabilities(test_split: Split, tmp_path) -> None:
    x = to_float(test_split.images[:32])
    got = Teachers(SHIPPED, 19, 2.0).probabilities(x).numpy()
    want = np.mean(
        [_unadjusted_probabilities(p, x.numpy(), 2.0, tmp_path) for p in SHIPPED], axis=0
    )
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got.sum(1), 1.0, rtol=1e-5)
    # The shipped files carry a logit adjustment: the teachers must not.
    adjusted = ort.InferenceSession(SHIPPED[1])
    raw = adjusted.run(None, {"input": x.numpy()})[0]
    assert not np.allclose(torch.softmax(torch.from_numpy(raw) / 2, 1).numpy(), want)
    # A higher temperature gives softer probabilities.
    hot = Teachers(SHIPPED[1:], 19, 8.0).probabilities(x).numpy()
    assert hot.max(1).mean() < got.max(1).mean()


def test_teachers_refuse_what_cannot_teach(tmp_path) -> None:
    with pytest.raises(ValueError, match="has 19 classes, the student 10"):
        Teachers(SHIPPED[:1], 10, 2.0)
    with pytest.raises(FileNotFoundError, match="nowhere.onnx"):
        Teachers([str(tmp_path / "nowhere.onnx")], 19, 2.0)
    with pytest.raises(ValueError, match="at least one"):
        Teachers([], 19, 2.0)
    with pytest.raises(ValueError, match="temperature"):
        Teachers(SHIPPED, 19, 0.0)


def test_distillation_loss_is_zero_only_where_the_student_agrees() -> None:
    teacher_logits = torch.tensor([[2.0, 0.5, -1.0], [0.0, 1.0, 3.0]])
    teacher = torch.softmax(teacher_logits / 2, dim=1)
    assert float(distillation_loss(teacher_logits, teacher, 2.0)) == pytest.approx(0, abs=1e-6)
    assert float(distillation_loss(teacher_logits.flip(1), teacher, 2.0)) > 0.1


def test_distillation_changes_only_the_loss(train_split: Split) -> None:
    # The teachers draw nothing from torch's generators, so with weight 0 a run is the plain
    # run bit for bit, and with weight 0.5 it learns something else from the same batches.
    plain = dataclasses.replace(RECIPES["cnn"], val_size=100, threads=1, epochs=1, limit=300)
    taught = dataclasses.replace(plain, teachers=SHIPPED, distill_weight=0.0)
    a = train(plain, train_split.images, train_split.labels, progress=False).model.state_dict()
    b = train(taught, train_split.images, train_split.labels, progress=False).model.state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)
    half = dataclasses.replace(taught, distill_weight=0.5)
    c = train(half, train_split.images, train_split.labels, progress=False)
    assert not all(torch.equal(a[k], c.model.state_dict()[k]) for k in a)
    assert np.isfinite(c.history[0]["loss"])
    with pytest.raises(ValueError, match="weight"):
        train(dataclasses.replace(taught, distill_weight=1.5), train_split.images,
              train_split.labels, progress=False)
