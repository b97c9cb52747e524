"""Shared fixtures. Tests use the MNIST subset committed in fixtures/mnist/, never ../shared."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import torch

from training.data import Split, load_split

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "mnist"

# Keep tests light on the 2-core CI machine.
torch.set_num_threads(1)


@pytest.fixture(scope="session")
def fixture_dir() -> Path:
    return FIXTURE_DIR


@pytest.fixture(scope="session")
def train_split() -> Split:
    return load_split(FIXTURE_DIR, "train")


@pytest.fixture(scope="session")
def test_split() -> Split:
    return load_split(FIXTURE_DIR, "test")


@pytest.fixture(scope="session")
def trained(train_split: Split) -> dict[str, torch.nn.Module]:
    """An MLP and a CNN trained for a few seconds on the fixture subset (for export tests)."""
    from training.train import RECIPES, train

    models = {}
    for name, epochs in (("mlp", 8), ("cnn", 6)):
        cfg = dataclasses.replace(
            RECIPES[name], epochs=epochs, val_size=0, threads=1, augment=None
        )
        models[name] = train(cfg, train_split.images, train_split.labels, progress=False).model
    torch.use_deterministic_algorithms(False)
    return models


def float_images(split: Split, n: int | None = None) -> np.ndarray:
    from training.augment import to_float

    return to_float(split.images[:n]).numpy()
