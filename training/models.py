"""The two architectures shipped to the browser. Both take [0,1] pixels (ink = 1) and
normalise with MNIST's mean/std inside ``forward`` so the exported graph contains it."""

from __future__ import annotations

import torch
from torch import nn

from .classes import CLASSES

# Mean and std of the MNIST training pixels scaled to [0,1] (the usual published values).
MNIST_MEAN = 0.1307
MNIST_STD = 0.3081


class Normalize(nn.Module):
    """(x - mean) / std as two graph ops, so consumers feed raw [0,1] pixels."""

    def __init__(self, mean: float = MNIST_MEAN, std: float = MNIST_STD) -> None:
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (x - self.mean) / self.std


class MLP(nn.Module):
    """Flatten, 784→512 ReLU, 512→512 ReLU, 512→K."""

    def __init__(self, classes: int = len(CLASSES)) -> None:
        super().__init__()
        self.norm = Normalize()
        self.net = nn.Sequential(
            nn.Flatten(),
            nn.Linear(784, 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512, classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(self.norm(x))


class CNN(nn.Module):
    """conv 1→32 3×3 p1, ReLU, maxpool 2; conv 32→64 3×3 p1, ReLU, maxpool 2;
    flatten, 3136→128 ReLU, dropout 0.5; 128→K."""

    def __init__(self, classes: int = len(CLASSES)) -> None:
        super().__init__()
        self.norm = Normalize()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(64 * 7 * 7, 128),
            nn.ReLU(),
            nn.Dropout(0.5),
            nn.Linear(128, classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(self.norm(x)))


MODELS: dict[str, type[nn.Module]] = {"mlp": MLP, "cnn": CNN}


def build(name: str) -> nn.Module:
    if name not in MODELS:
        raise ValueError(f"unknown model {name!r}; choose from {sorted(MODELS)}")
    return MODELS[name]()
