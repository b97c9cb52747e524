"""The phases of a training run: the main phase, then the optional polish phase
(``TrainConfig.polish_epochs``), each a run of epochs with its own optimizer, schedule and
seeds."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

import torch
import torch.nn.functional as F
from torch import nn
from tqdm import tqdm

from . import augment as aug
from .classes import CLASSES
from .distill import Teachers, distillation_loss

if TYPE_CHECKING:
    from .train import TrainConfig


class TrainingSet(NamedTuple):
    """What a run trains on, and the MNIST images it holds out to monitor it."""

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_val: torch.Tensor
    y_val: torch.Tensor


@dataclass(frozen=True)
class Phase:
    """One run of epochs over the training set with its own optimizer, schedule and seeds."""

    name: str
    epochs: int
    lr: float
    schedule: Literal["onecycle", "cosine"]  # warm-up then anneal; or anneal from lr to 0
    augment: aug.AugmentParams | None
    seed: int  # seeds the shuffle (seed) and the augmentation (seed + 1)
    # Reseeds torch's global generator (dropout) at the start, so that the phase does not
    # depend on how many draws came before it; None for the main phase, whose dropout follows
    # the model's initialisation as in every earlier run.
    dropout_seed: int | None = None


def phases(cfg: TrainConfig) -> list[Phase]:
    """The main phase, then the optional polish phase (see ``TrainConfig.polish_epochs``)."""
    params = aug.PRESETS[cfg.augment] if cfg.augment else None
    out = [Phase("main", cfg.epochs, cfg.lr, "onecycle", params, cfg.seed + 1)]
    if cfg.polish_epochs:
        strength = cfg.polish_strength
        light = aug.scaled(params, strength) if params and strength > 0 else None
        out.append(
            Phase(
                "polish",
                cfg.polish_epochs,
                cfg.polish_lr,
                "cosine",
                light,
                seed=cfg.seed + 3,
                dropout_seed=cfg.seed + 5,
            )
        )
    return out


@torch.no_grad()
def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor, batch: int = 1000) -> float:
    model.eval()
    correct = 0
    for i in range(0, len(x), batch):
        correct += int((model(x[i : i + batch]).argmax(1) == y[i : i + batch]).sum())
    return correct / max(len(x), 1)


def run_phase(
    model: nn.Module,
    phase: Phase,
    cfg: TrainConfig,
    data: TrainingSet,
    slant_of_class: torch.Tensor,
    progress: bool,
    start: float,
) -> tuple[list[dict[str, float | str]], dict[str, torch.Tensor] | None]:
    """Train ``model`` through one phase, in place; one history row per epoch (``start``: the
    run's clock at its beginning, for ``elapsed_s``). With weight averaging, the model ends with
    the averaged weights, and the last step's weights are returned beside the history."""
    if phase.dropout_seed is not None:
        torch.manual_seed(phase.dropout_seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=phase.lr, weight_decay=cfg.weight_decay)
    steps_per_epoch = (len(data.x_train) + cfg.batch_size - 1) // cfg.batch_size
    total_steps = phase.epochs * steps_per_epoch
    scheduler: torch.optim.lr_scheduler.LRScheduler = (
        torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=phase.lr, total_steps=total_steps)
        if phase.schedule == "onecycle"
        else torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps)
    )
    shuffle_gen = torch.Generator().manual_seed(phase.seed)
    aug_gen = torch.Generator().manual_seed(phase.seed + 1)
    if not 0 <= cfg.distill_weight <= 1:
        raise ValueError(f"distillation weight must lie in [0, 1], got {cfg.distill_weight}")
    teachers = (
        Teachers(cfg.teachers, len(CLASSES), cfg.distill_temperature)
        if cfg.teachers
        else None
    )
    averaged = cfg.ema_decay > 0 and phase.name == "main"
    average = WeightAverage(model, cfg.ema_decay) if averaged else None
    history: list[dict[str, float | str]] = []
    for epoch in range(1, phase.epochs + 1):
        model.train()
        perm = torch.randperm(len(data.x_train), generator=shuffle_gen)
        total_loss, total_correct, seen = 0.0, 0, 0
        bar = tqdm(
            range(steps_per_epoch),
            desc=f"{cfg.model} {phase.name} epoch {epoch}/{phase.epochs}",
            disable=not progress,
            leave=False,
        )
        for step in bar:
            idx = perm[step * cfg.batch_size : (step + 1) * cfg.batch_size]
            xb, yb = data.x_train[idx], data.y_train[idx]
            if phase.augment is not None:
                xb = aug.augment(xb, phase.augment, aug_gen, slant_of_class[yb])
            logits = model(xb)
            loss = F.cross_entropy(logits, yb, label_smoothing=cfg.label_smoothing)
            if teachers is not None:
                taught = distillation_loss(logits, teachers.probabilities(xb), teachers.temperature)
                loss = (1 - cfg.distill_weight) * loss + cfg.distill_weight * taught
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            scheduler.step()
            if average is not None:
                average.update(model)
            total_loss += float(loss.detach()) * len(idx)
            total_correct += int((logits.argmax(1) == yb).sum())
            seen += len(idx)
            if step % 50 == 0:
                bar.set_postfix(loss=f"{total_loss / seen:.4f}")
        val = accuracy(model, data.x_val, data.y_val) if len(data.x_val) else float("nan")
        row: dict[str, float | str] = {
            "phase": phase.name,
            "epoch": epoch,
            "loss": total_loss / seen,
            "train_acc": total_correct / seen,
            "val_acc": val,
            "elapsed_s": time.perf_counter() - start,
        }
        history.append(row)
        tqdm.write(
            f"{cfg.model} {phase.name} epoch {epoch:2d}: loss {total_loss / seen:.4f} "
            f"train {total_correct / seen:.4f} val {val:.4f} ({row['elapsed_s']:.0f} s)"
        )
    if average is None:
        return history, None
    last_step = {k: v.detach().clone() for k, v in model.state_dict().items()}
    average.copy_to(model)
    val = accuracy(model, data.x_val, data.y_val)
    history[-1]["ema_val_acc"] = val
    tqdm.write(f"{cfg.model} {phase.name}: averaged weights, val {val:.4f}")
    return history, last_step


class WeightAverage:
    """An exponential moving average of a model's parameters and floating-point buffers.
    The decay ramps up from 0 as (1 + n) / (10 + n) over the first steps, so that the average
    does not remember the random initialisation."""

    def __init__(self, model: nn.Module, decay: float) -> None:
        if not 0 < decay < 1:
            raise ValueError(f"EMA decay must lie in (0, 1), got {decay}")
        self.decay = decay
        self.steps = 0
        self.tensors = [t.detach().clone() for t in self._tracked(model)]

    @staticmethod
    def _tracked(model: nn.Module) -> list[torch.Tensor]:
        buffers = [b for b in model.buffers() if b.is_floating_point()]
        return [*model.parameters(), *buffers]

    @torch.no_grad()
    def update(self, model: nn.Module) -> None:
        self.steps += 1
        d = min(self.decay, (1 + self.steps) / (10 + self.steps))
        current = [t.detach() for t in self._tracked(model)]
        torch._foreach_mul_(self.tensors, d)
        torch._foreach_add_(self.tensors, current, alpha=1 - d)

    @torch.no_grad()
    def copy_to(self, model: nn.Module) -> None:
        for target, averaged in zip(self._tracked(model), self.tensors, strict=True):
            target.copy_(averaged)
