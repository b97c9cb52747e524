"""Accuracy of the shipped ONNX files (and the PyTorch checkpoints, if present) on the
canonical MNIST test set and the fixed augmented test set; metrics.json + confusion PNGs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import torch
from tqdm import tqdm

from . import augment as aug
from .data import load_split

DISPLAY = {"mlp": "MLP", "cnn": "CNN"}
# Numbers of the project this one replaces, for the model card's comparison.
PREVIOUS = {
    ("MLP", "standard"): 0.9798,
    ("CNN", "standard"): 0.9764,
    ("CNN", "augmented"): 0.9127,
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def predict_onnx(path: Path, x: np.ndarray, batch: int = 1000) -> np.ndarray:
    """Logits of an ONNX file in onnxruntime (CPU) for float32 [N,1,28,28]."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    return np.concatenate(
        [sess.run(["logits"], {"input": x[i : i + batch]})[0] for i in range(0, len(x), batch)]
    )


@torch.no_grad()
def predict_torch(model: torch.nn.Module, x: np.ndarray, batch: int = 1000) -> np.ndarray:
    model.eval()
    t = torch.from_numpy(x)
    return np.concatenate([model(t[i : i + batch]).numpy() for i in range(0, len(t), batch)])


def confusion(labels: np.ndarray, preds: np.ndarray) -> np.ndarray:
    m = np.zeros((10, 10), dtype=np.int64)
    np.add.at(m, (labels, preds), 1)
    return m


def plot_confusion(mats: dict[str, np.ndarray], title: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(mats), figsize=(5.2 * len(mats), 5))
    for ax, (name, m) in zip(np.atleast_1d(axes), mats.items()):
        acc = np.trace(m) / m.sum()
        # Log colour scale so off-diagonal errors are visible next to the ~1000 diagonal.
        ax.imshow(np.log1p(m), cmap="Blues")
        for i in range(10):
            for j in range(10):
                if m[i, j]:
                    colour = "white" if i == j else "black"
                    ax.text(j, i, str(m[i, j]), ha="center", va="center", fontsize=6, color=colour)
        ax.set_xticks(range(10))
        ax.set_yticks(range(10))
        ax.set_xlabel("predicted")
        ax.set_ylabel("true")
        ax.set_title(f"{name} test set: {acc:.2%}", fontsize=9)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def evaluate_all(
    data_dir: Path, runs_dir: Path, out_dir: Path, progress: bool = True, strict: bool = True
) -> dict[str, object]:
    from .train import load_checkpoint

    test = load_split(data_dir, "test", 10000 if strict else None)
    sets = {
        "standard": aug.to_float(test.images).numpy(),
        "augmented": aug.augmented_test_set(test.images).numpy(),
    }
    labels = test.labels
    rows: list[dict[str, object]] = []
    files: dict[str, dict[str, object]] = {}
    training: dict[str, object] = {}
    jobs = []
    for name in ("mlp", "cnn"):
        for suffix, fmt in ((".onnx", "ONNX fp32"), (".int8.onnx", "ONNX int8")):
            path = out_dir / f"{name}{suffix}"
            if path.is_file():
                jobs.append((name, fmt, path))
                files[path.name] = {"bytes": path.stat().st_size, "sha256": sha256(path)}
        ckpt = runs_dir / f"{name}.pt"
        if ckpt.is_file():
            jobs.append((name, "PyTorch fp32", ckpt))
            log = ckpt.with_suffix(".json")
            if log.is_file():
                info = json.loads(log.read_text())
                training[name] = {
                    "seconds": round(info["seconds"], 1),
                    "epochs": info["config"]["epochs"],
                    "config": info["config"],
                    "final_val_acc": info["history"][-1]["val_acc"],
                }
    if not jobs:
        raise FileNotFoundError(f"nothing to evaluate: no ONNX files in {out_dir}, no checkpoints")
    mats: dict[str, dict[str, np.ndarray]] = {}
    for name, fmt, path in tqdm(jobs, desc="evaluate", disable=not progress):
        model = load_checkpoint(path)[0] if path.suffix == ".pt" else None
        for set_name, x in sets.items():
            logits = predict_torch(model, x) if model is not None else predict_onnx(path, x)
            preds = logits.argmax(1)
            correct = int((preds == labels).sum())
            rows.append(
                {
                    "model": DISPLAY[name],
                    "format": fmt,
                    "file": path.name,
                    "test_data": set_name,
                    "inputs": len(labels),
                    "correct": correct,
                    "accuracy": correct / len(labels),
                }
            )
            if fmt == "ONNX fp32":
                mats.setdefault(name, {})[set_name] = confusion(labels, preds)
    for name, m in mats.items():
        plot_confusion(
            m, f"{DISPLAY[name]} ({name}.onnx): confusion matrices", out_dir / f"confusion-{name}.png"
        )
    metrics = {
        "table": rows,
        "files": files,
        "training": training,
        "previous_project": [
            {"model": m, "test_data": s, "accuracy": a} for (m, s), a in PREVIOUS.items()
        ],
        "augmented_test_set": {
            "seed": aug.TEST_AUG_SEED,
            "params": aug.describe(aug.TEST_AUG),
            "note": "one fixed draw per test image; see training/augment.py TEST_AUG",
        },
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    print(format_table(rows))
    return metrics


def format_table(rows: list[dict[str, object]]) -> str:
    lines = ["| Model | Test data | Inputs | Accuracy |", "| --- | --- | --- | --- |"]
    for r in rows:
        lines.append(
            f"| {r['model']} ({r['format']}, {r['file']}) | {r['test_data']} | "
            f"{r['inputs']:,} | {float(r['accuracy']):.2%} |"
        )
    return "\n".join(lines)
