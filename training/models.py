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
    flatten, 3136→128 ReLU, dropout 0.5; 128→K.

    ``batch_norm``: a batch normalisation after each convolution, for training only.
    ``folded`` turns it into the plain architecture above, with the same outputs in eval mode,
    so what ships is the same graph either way."""

    def __init__(self, classes: int = len(CLASSES), batch_norm: bool = False) -> None:
        super().__init__()
        self.norm = Normalize()

        def conv(cin: int, cout: int) -> list[nn.Module]:
            if not batch_norm:
                return [nn.Conv2d(cin, cout, 3, padding=1)]
            return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout)]

        self.features = nn.Sequential(
            *conv(1, 32),
            nn.ReLU(),
            nn.MaxPool2d(2),
            *conv(32, 64),
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

    def folded(self) -> CNN:
        """This model in eval mode with each batch normalisation folded into the convolution
        before it: a plain CNN (``batch_norm=False``) that computes the same function."""
        from torch.nn.utils.fusion import fuse_conv_bn_eval

        self.eval()
        layers = list(self.features)
        plain = CNN(self.classifier[-1].out_features)
        convs = [m for m in plain.features if isinstance(m, nn.Conv2d)]
        for target, i in zip(convs, [i for i, m in enumerate(layers) if isinstance(m, nn.Conv2d)]):
            source = layers[i]
            after = layers[i + 1]
            if isinstance(after, nn.BatchNorm2d):
                source = fuse_conv_bn_eval(source, after)
            target.load_state_dict(source.state_dict())
        plain.classifier.load_state_dict(self.classifier.state_dict())
        plain.norm.load_state_dict(self.norm.state_dict())
        return plain.eval()


MODELS: dict[str, type[nn.Module]] = {"mlp": MLP, "cnn": CNN}


def build(name: str, batch_norm: bool = False) -> nn.Module:
    if name not in MODELS:
        raise ValueError(f"unknown model {name!r}; choose from {sorted(MODELS)}")
    if batch_norm:
        if name != "cnn":
            raise ValueError("batch normalisation is a CNN option")
        return CNN(batch_norm=True)
    return MODELS[name]()
