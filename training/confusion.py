"""Confusion matrices, and the PNGs that show them (models/confusion-*.png)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .classes import DIGITS


def confusion(labels: np.ndarray, preds: np.ndarray, k: int = DIGITS) -> np.ndarray:
    m = np.zeros((k, k), dtype=np.int64)
    np.add.at(m, (labels, preds), 1)
    return m


def plot_confusion(
    mats: dict[str, np.ndarray], title: str, path: Path, names: list[str] | None = None
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    k = len(next(iter(mats.values())))
    names = names or [str(i) for i in range(k)]
    side = 5.0 if k <= 10 else 7.5
    fig, axes = plt.subplots(1, len(mats), figsize=((side + 0.2) * len(mats), side))
    for ax, (name, m) in zip(np.atleast_1d(axes), mats.items()):
        # Log colour scale so off-diagonal errors are visible next to the large diagonal.
        ax.imshow(np.log1p(m), cmap="Blues")
        for i in range(k):
            for j in range(k):
                if m[i, j]:
                    colour = "white" if i == j else "black"
                    ax.text(j, i, str(m[i, j]), ha="center", va="center", fontsize=6, color=colour)
        ax.set_xticks(range(k), names)
        ax.set_yticks(range(k), names)
        ax.set_xlabel("predicted")
        ax.set_ylabel("true")
        ax.set_title(name, fontsize=9)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
