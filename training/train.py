"""Train one model on MNIST (plus rendered pen ink) with on-the-fly seeded augmentation.
Deterministic per seed."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import nn

from . import augment as aug
from .classes import CLASSES, DIGITS
from .models import build
from .pen import PenSet, load_pen
from .phases import TrainingSet, phases, run_phase


SLANT_CLASSES = (CLASSES.index("1"), CLASSES.index("/"))


@dataclass
class TrainConfig:
    model: str
    epochs: int
    lr: float  # OneCycle peak learning rate (AdamW)
    weight_decay: float
    batch_size: int = 128
    label_smoothing: float = 0.05
    augment: str | None = None  # key in augment.PRESETS, or None
    val_size: int = 5000  # held out from the training set for monitoring only
    seed: int = 0
    threads: int = 2  # torch intra-op threads; fixed per recipe for bitwise reruns
    limit: int | None = None  # use only the first N training images (tests, smoke runs)
    extra: list[str] = field(default_factory=list)  # optional .npz files: images, labels
    pen: str | None = None  # pen-data.mjs output; its "train" part is mixed in
    # Each non-digit pen sample is seen this many times per epoch: there are ~300 per symbol
    # class against ~6,000 per digit, and the symbol bars are as strict as the digit ones.
    symbol_repeat: int = 3
    # Each pen digit is seen this many times per epoch: MNIST's 55,000 digits otherwise outweigh
    # the ~8,000 pen digits seven to one, and pen writers' styles (a "1" with a flag and a base)
    # are what the product reads.
    pen_digit_repeat: int = 1
    # Classes told apart by slant alone once normalised: a "1" turned by 15° and sheared by
    # 12° is a "/". Their rotation and shear are multiplied by ``slant_factor`` (below 1, the
    # augmentation no longer teaches the model to ignore the cue that separates them). The
    # CNN's recipe uses 0.25, the MLP's 1 (measured in models/README.md).
    slant_classes: tuple[int, ...] = SLANT_CLASSES
    slant_factor: float = 1.0
    # After the main phase: this many epochs at a low learning rate (cosine to 0) with the
    # augmentation scaled down by ``polish_strength`` (warps, thickness and share of samples
    # augmented), so the model settles on ink as people write it rather than on the
    # far-flung warps that the main phase needs for robustness. No shipped recipe has one: for
    # the CNN it cost held-out writers' numbers (models/README.md, "Polish: what was measured").
    polish_epochs: int = 0
    polish_lr: float = 1e-3
    polish_strength: float = 0.5
    # CNN only: a batch normalisation after each convolution while training, folded into the
    # convolution when the checkpoint is loaded, so the exported graph is the plain CNN.
    batch_norm: bool = False
    # Main phase only: when above 0, the model returned is an exponential moving average of
    # its weights over the training steps (this decay per step) rather than the last step's
    # weights. Averaging smooths out where the last few hundred noisy steps happened to stop,
    # which is one reason why two seeds of the same recipe differ (models/README.md, "Weight
    # averaging: what was measured"). No shipped recipe uses it.
    ema_decay: float = 0.0
    # Knowledge distillation (training/distill.py): exported ONNX files whose mean
    # probabilities at ``distill_temperature`` the model also learns from, with this weight
    # against the label loss. No shipped recipe uses it (models/README.md, "Distillation").
    teachers: list[str] = field(default_factory=list)
    distill_weight: float = 0.5
    distill_temperature: float = 2.0


# The shipped recipes, each with its own fixed thread count (results depend on it).
RECIPES: dict[str, TrainConfig] = {
    "mlp": TrainConfig(model="mlp", epochs=30, lr=2e-3, weight_decay=0.05, augment="mlp"),
    "cnn": TrainConfig(
        model="cnn",
        epochs=20,
        lr=3e-3,
        weight_decay=0.02,
        augment="cnn",
        threads=1,
        slant_factor=0.25,
    ),
}


@dataclass
class TrainResult:
    model: nn.Module
    config: TrainConfig
    history: list[dict[str, float]]
    seconds: float
    # With weight averaging: the main phase's last-step weights, which the average replaced.
    last_step: dict[str, torch.Tensor] | None = None


def pen_repeats(pen: PenSet, config: dict) -> np.ndarray:
    """How many times each sample of a pen part is seen per epoch under a training config."""
    # By class, so that composed "1"s count as the digits they are.
    return np.where(
        pen.labels < DIGITS, config.get("pen_digit_repeat", 1), config.get("symbol_repeat", 1)
    )


def setup_determinism(seed: int, threads: int) -> None:
    torch.manual_seed(seed)
    np.random.seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)


def load_extra(paths: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Extra training data: .npz with ``images`` uint8 [N,28,28] (ink = 255) and ``labels``."""
    imgs, labs = [], []
    for p in paths:
        with np.load(p) as z:
            images, labels = z["images"], z["labels"]
        if images.shape[1:] != (28, 28) or len(images) != len(labels):
            raise ValueError(f"{p}: expected images [N,28,28] and N labels")
        if images.dtype != np.uint8:
            images = np.clip(np.rint(images * 255.0), 0, 255).astype(np.uint8)
        imgs.append(images)
        labs.append(labels.astype(np.int64))
    return np.concatenate(imgs), np.concatenate(labs)


def _split_order(n: int, seed: int) -> np.ndarray:
    return torch.randperm(n, generator=torch.Generator().manual_seed(seed)).numpy()


def validation_indices(n: int, config: dict) -> np.ndarray:
    """The MNIST training images a checkpoint held out for validation (never trained on)."""
    limit = config.get("limit")
    n = min(n, limit) if limit is not None else n
    return _split_order(n, config.get("seed", 0))[: config.get("val_size", 0)]


def training_set(cfg: TrainConfig, images: np.ndarray, labels: np.ndarray) -> TrainingSet:
    """The training and validation tensors of a config: MNIST minus its validation split, plus
    the extra files and the pen ``train`` part with their repeats."""
    if cfg.limit is not None:
        images, labels = images[: cfg.limit], labels[: cfg.limit]
    order = _split_order(len(images), cfg.seed)
    val_idx, train_idx = order[: cfg.val_size], order[cfg.val_size :]
    x_train = aug.to_float(images[train_idx])
    y_train = torch.as_tensor(labels[train_idx])
    if cfg.extra:
        ex_images, ex_labels = load_extra(cfg.extra)
        x_train = torch.cat([x_train, aug.to_float(ex_images)])
        y_train = torch.cat([y_train, torch.as_tensor(ex_labels)])
    if cfg.pen:
        pen = load_pen(cfg.pen).part("train")
        idx = np.repeat(np.arange(len(pen.labels)), pen_repeats(pen, asdict(cfg)))
        x_train = torch.cat([x_train, aug.to_float(pen.images[idx])])
        y_train = torch.cat([y_train, torch.as_tensor(pen.labels[idx])])
    x_val, y_val = aug.to_float(images[val_idx]), torch.as_tensor(labels[val_idx])
    return TrainingSet(x_train, y_train, x_val, y_val)


def train(
    cfg: TrainConfig,
    images: np.ndarray,
    labels: np.ndarray,
    progress: bool = True,
    start_from: nn.Module | None = None,
) -> TrainResult:
    """Train ``cfg.model`` on uint8 images [N,28,28]. Returns the last-epoch model.

    ``start_from``: a model that already went through the main phase of this very config
    (its checkpoint); only the polish phase then runs. Each phase seeds its own generators
    and starts a fresh optimizer, so this gives the same model as one uninterrupted run."""
    setup_determinism(cfg.seed, cfg.threads)
    data = training_set(cfg, images, labels)
    model = start_from if start_from is not None else build(cfg.model, cfg.batch_norm)
    todo = phases(cfg)[1:] if start_from is not None else phases(cfg)
    slant_of_class = torch.ones(max(len(CLASSES), int(data.y_train.max()) + 1))
    slant_of_class[list(cfg.slant_classes)] = cfg.slant_factor

    history: list[dict[str, float | str]] = []
    last_step = None
    start = time.perf_counter()
    for phase in todo:
        rows, averaged_away = run_phase(model, phase, cfg, data, slant_of_class, progress, start)
        history += rows
        if averaged_away is not None:
            last_step = averaged_away
    seconds = time.perf_counter() - start
    model.eval()
    return TrainResult(model, cfg, history, seconds, last_step)


def save_checkpoint(result: TrainResult, path: Path) -> None:
    """``path`` holds the model; with weight averaging, ``<name>.last.pt`` beside it holds the
    last step's weights under the same record, to compare the two."""
    path.parent.mkdir(parents=True, exist_ok=True)
    states = {path: result.model.state_dict()}
    if result.last_step is not None:
        states[path.with_suffix(".last.pt")] = result.last_step
    for target, state in states.items():
        torch.save(
            {
                "state_dict": state,
                "config": asdict(result.config),
                "history": result.history,
                "seconds": result.seconds,
                "threads": torch.get_num_threads(),
            },
            target,
        )
    path.with_suffix(".json").write_text(
        json.dumps(
            {"config": asdict(result.config), "history": result.history, "seconds": result.seconds},
            indent=2,
        )
    )


def load_checkpoint(path: Path, fold: bool = True) -> tuple[nn.Module, dict]:
    """The checkpoint's model in eval mode, and its record. ``fold``: a model trained with
    batch normalisation comes back as the plain architecture (``CNN.folded``); without it, as
    trained, to train further."""
    ckpt = torch.load(path, map_location="cpu", weights_only=True)
    batch_norm = ckpt["config"].get("batch_norm", False)
    model = build(ckpt["config"]["model"], batch_norm)
    model.load_state_dict(ckpt["state_dict"])
    model.eval()
    return (model.folded() if batch_norm and fold else model), ckpt
