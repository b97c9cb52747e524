import dataclasses

import numpy as np
import pytest
import torch

from training.data import Split
from training.phases import accuracy
from training.train import RECIPES, TrainConfig, load_checkpoint, save_checkpoint, train
from training.augment import to_float


def _short(name: str, **kw) -> TrainConfig:
    return dataclasses.replace(RECIPES[name], val_size=200, threads=1, **kw)


def test_mlp_short_training_learns(train_split: Split, test_split: Split) -> None:
    res = train(_short("mlp", epochs=3), train_split.images, train_split.labels, progress=False)
    losses = [h["loss"] for h in res.history]
    assert losses[-1] < losses[0] * 0.8, losses
    acc = accuracy(res.model, to_float(test_split.images), torch.as_tensor(test_split.labels))
    assert acc > 0.6, acc  # chance is 0.1
    assert res.history[-1]["val_acc"] > 0.5


def test_cnn_one_epoch_with_augmentation_runs(train_split: Split) -> None:
    res = train(_short("cnn", epochs=1), train_split.images, train_split.labels, progress=False)
    assert len(res.history) == 1 and np.isfinite(res.history[0]["loss"])
    assert res.history[0]["val_acc"] > 0.15  # above chance after one tiny epoch
    assert res.seconds > 0


def test_training_is_deterministic(train_split: Split) -> None:
    cfg = _short("mlp", epochs=1, limit=400)
    a = train(cfg, train_split.images, train_split.labels, progress=False).model.state_dict()
    b = train(cfg, train_split.images, train_split.labels, progress=False).model.state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_extra_npz_is_mixed_in(train_split: Split, tmp_path) -> None:
    path = tmp_path / "extra.npz"
    np.savez(path, images=train_split.images[:50], labels=train_split.labels[:50])
    cfg = _short("mlp", epochs=1, limit=300, extra=[str(path)])
    res = train(cfg, train_split.images, train_split.labels, progress=False)
    assert np.isfinite(res.history[0]["loss"])


def test_polish_phase_resumed_from_the_main_checkpoint_is_the_same_run(
    train_split: Split,
) -> None:
    # The polish phase seeds its own generators, dropout and optimizer, so a model trained
    # through the main phase, saved and polished later (--polish-from) equals one
    # uninterrupted run.
    main = _short("cnn", epochs=1, limit=400, polish_epochs=0)
    whole = dataclasses.replace(main, polish_epochs=1, polish_lr=1e-3)
    uninterrupted = train(whole, train_split.images, train_split.labels, progress=False)
    first = train(main, train_split.images, train_split.labels, progress=False)
    m = {k: v.clone() for k, v in first.model.state_dict().items()}
    resumed = train(
        whole, train_split.images, train_split.labels, progress=False, start_from=first.model
    )
    a, b = uninterrupted.model.state_dict(), resumed.model.state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert [h["phase"] for h in uninterrupted.history] == ["main", "polish"]
    assert [h["phase"] for h in resumed.history] == ["polish"]
    # and the polish phase did train: the weights moved from the main phase's
    assert not all(torch.equal(m[k], b[k]) for k in m)


def test_batch_norm_is_folded_into_the_plain_cnn_on_load(train_split: Split, tmp_path) -> None:
    # Trained with batch normalisation, the CNN loads as the plain architecture that export
    # writes, computing what the trained model computes in eval mode.
    from training.train import load_checkpoint, save_checkpoint

    cfg = _short("cnn", epochs=1, limit=400, batch_norm=True)
    res = train(cfg, train_split.images, train_split.labels, progress=False)
    kinds = [type(m).__name__ for m in res.model.features]
    assert kinds.count("BatchNorm2d") == 2, kinds
    path = tmp_path / "cnn.pt"
    save_checkpoint(res, path)
    plain, ckpt = load_checkpoint(path)
    assert ckpt["config"]["batch_norm"] is True
    assert [type(m).__name__ for m in plain.features] == [
        "Conv2d", "ReLU", "MaxPool2d", "Conv2d", "ReLU", "MaxPool2d"
    ]
    x = to_float(train_split.images[:64])
    with torch.no_grad():
        res.model.eval()
        expected, folded = res.model(x), plain(x)
    assert torch.allclose(expected, folded, atol=1e-4), (expected - folded).abs().max()
    # as trained, to train further
    unfolded, _ = load_checkpoint(path, fold=False)
    assert sum(isinstance(m, torch.nn.BatchNorm2d) for m in unfolded.features) == 2


def test_batch_norm_is_a_cnn_option() -> None:
    import pytest

    from training.models import build

    with pytest.raises(ValueError, match="CNN option"):
        build("mlp", batch_norm=True)


def test_weight_average_follows_the_steps_with_its_decay() -> None:
    from training.phases import WeightAverage

    model = torch.nn.Linear(1, 1, bias=False)
    with torch.no_grad():
        model.weight.fill_(0.0)
    average = WeightAverage(model, decay=0.3)
    for value in (1.0, 2.0, 3.0):
        with torch.no_grad():
            model.weight.fill_(value)
        average.update(model)
    # The decay ramps up as (1 + n) / (10 + n) until it reaches 0.3: 2/11, 3/12, then 0.3.
    expected = 0.0
    for n, value in enumerate((1.0, 2.0, 3.0), start=1):
        d = min(0.3, (1 + n) / (10 + n))
        expected = expected * d + value * (1 - d)
    average.copy_to(model)
    assert float(model.weight) == pytest.approx(expected)


def test_weight_average_is_what_a_run_with_ema_returns(train_split: Split, tmp_path) -> None:
    # The raw trajectory is the same with and without the average (it only watches): the
    # run's last-step weights are the plain run's model, and the model returned is another.
    plain = _short("cnn", epochs=1, limit=400)
    averaged = dataclasses.replace(plain, ema_decay=0.9)
    a = train(plain, train_split.images, train_split.labels, progress=False)
    b = train(averaged, train_split.images, train_split.labels, progress=False)
    assert a.history[-1]["val_acc"] == b.history[-1]["val_acc"]
    assert "ema_val_acc" in b.history[-1] and "ema_val_acc" not in a.history[-1]
    sa, sb = a.model.state_dict(), b.model.state_dict()
    assert not all(torch.equal(sa[k], sb[k]) for k in sa)
    assert a.last_step is None and b.last_step is not None
    assert all(torch.equal(sa[k], b.last_step[k]) for k in sa)
    save_checkpoint(b, tmp_path / "cnn.pt")
    last, _ = load_checkpoint(tmp_path / "cnn.last.pt")
    assert all(torch.equal(sa[k], v) for k, v in last.state_dict().items())


def test_weight_average_rejects_a_decay_outside_0_1() -> None:
    from training.phases import WeightAverage

    with pytest.raises(ValueError, match="decay"):
        WeightAverage(torch.nn.Linear(1, 1), decay=1.0)
