"""Measure the shipped ONNX files (and the PyTorch checkpoints, if present): MNIST test,
standard and augmented, read in digit mode; and, given rendered pen ink, the held-out pen
digits, pen symbols per class, rejection of non-symbols and false rejection of digits.
Writes metrics.json and the confusion PNGs."""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from tqdm import tqdm

from . import augment as aug
from .classes import CLASSES, COMPOSED, DIGITS, REJECT, digit_predictions, rejected
from .confusion import confusion, plot_confusion
from .data import load_split
from .pen import PenSet, load_pen

DISPLAY = {"mlp": "MLP", "cnn": "CNN"}
OPERATORS = [c for c in CLASSES[DIGITS:] if c != "?"]


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


@dataclass(frozen=True)
class Scored:
    """One model's outputs on one set, with the facts every row is read from."""

    logits: np.ndarray
    labels: np.ndarray  # class index
    threshold: float

    @property
    def top(self) -> np.ndarray:
        return self.logits.argmax(1)

    @property
    def flagged(self) -> np.ndarray:
        return rejected(self.logits, self.threshold)

    @property
    def read(self) -> np.ndarray:
        """What the line reader reads: the top class, or "?" when the glyph is rejected."""
        return np.where(self.flagged, REJECT, self.top)


def _row(model: str, fmt: str, file: str, data: str, metric: str, hits: np.ndarray) -> dict:
    return {
        "model": model,
        "format": fmt,
        "file": file,
        "data": data,
        "metric": metric,
        "inputs": int(len(hits)),
        "value": float(hits.mean()) if len(hits) else float("nan"),
    }


def pen_rows(row, pen: PenSet, s: Scored) -> list[dict]:
    """Rows on the held-out pen parts. ``row(data, metric, hits)`` makes one row."""
    rows = []
    digit = pen.is_digit
    raw = pen.raw
    composed = np.isin(raw, COMPOSED)
    op = ~digit & ~composed & (s.labels != REJECT)
    for part, name in (("holdout", "16 hash-held-out writers"), ("site", "held-out sites")):
        at = pen.parts == part
        rows.append(row(f"pen digits, {name}", "accuracy (digit mode)",
                        digit_predictions(s.logits[at & digit]) == s.labels[at & digit]))
        rows.append(row(f"pen operators, {name}", "accuracy", s.top[at & op] == s.labels[at & op]))
    rows.append(row("pen digits, all held out", "accuracy (digit mode)",
                    digit_predictions(s.logits[digit]) == s.labels[digit]))
    rows.append(row("pen digits, all held out", "flagged", s.flagged[digit]))
    # Expression mode weighs all 19 classes: a digit whose top class is an operator ("1" → "/")
    # is read right there only if the line's geometry or grammar overrules the classifier.
    rows.append(row("pen digits, all held out", "top class among all 19",
                    s.top[digit] == s.labels[digit]))
    for d in ("1", "0"):
        at = raw == d
        rows.append(row(f'pen "{d}", all held out', "top class among all 19",
                        s.top[at] == s.labels[at]))
    rows.append(row("pen operators, all held out", "accuracy", s.top[op] == s.labels[op]))
    rows.append(row("pen operators, all held out", "accuracy after reject",
                    s.read[op] == s.labels[op]))
    rows.append(row("pen operators, all held out", "flagged", s.flagged[op]))
    for c in OPERATORS:
        at = op & (s.labels == CLASSES.index(c))
        rows.append(row(f'pen "{c}", all held out', "accuracy", s.top[at] == s.labels[at]))
    for r in ("x", "*", "/", ":"):
        at = op & (raw == r)
        rows.append(row(f'pen "{r}" as written, all held out', "accuracy",
                        s.top[at] == s.labels[at]))
    at = raw == "÷"
    rows.append(row('composed "÷", all held out', "accuracy", s.top[at] == s.labels[at]))
    at = raw == "flagged 1"  # only in pen data made with --flagged-ones
    if at.any():
        rows.append(row('composed flagged "1", all held out', "accuracy (digit mode)",
                        digit_predictions(s.logits[at]) == s.labels[at]))
    nonsym = np.isin(raw, ["%", "#"])
    for part, name in (("holdout", "16 hash-held-out writers"), ("site", "held-out sites")):
        at = nonsym & (pen.parts == part)
        rows.append(row(f'non-symbols "%" "#", {name}', "flagged", s.flagged[at]))
    rows.append(row('non-symbols "%" "#", all held out', "flagged", s.flagged[nonsym]))
    rows.append(row('non-symbols "%" "#", all held out', 'flagged by the "?" class alone',
                    s.top[nonsym] == REJECT))
    for r in ("%", "#"):
        rows.append(row(f'"{r}", all held out', "flagged", s.flagged[raw == r]))
    rows.append(row("composed scribbles, all held out", "flagged", s.flagged[raw == "scribble"]))
    return rows


def _jobs(runs_dir: Path, out_dir: Path, tmp: Path) -> tuple[list, dict, dict]:
    """What to evaluate: each ONNX file, the same file without its logit adjustment (a copy
    in ``tmp``, read with the threshold it had without it: the before/after figures), and the
    checkpoints."""
    from . import logit_adjust
    from .export import read_metadata

    jobs, files, training = [], {}, {}
    for name in ("mlp", "cnn"):
        fp32_threshold, fp32_bias = None, None
        for suffix, fmt in ((".onnx", "ONNX fp32"), (".int8.onnx", "ONNX int8")):
            path = out_dir / f"{name}{suffix}"
            if path.is_file():
                classes, threshold = read_metadata(path)
                if suffix == ".onnx":
                    fp32_threshold, fp32_bias = threshold, logit_adjust.graph_bias(path)
                jobs.append((name, fmt, path, threshold, None))
                adjustment = logit_adjust.read(path)
                files[path.name] = {
                    "bytes": path.stat().st_size,
                    "sha256": sha256(path),
                    "classes": classes,
                    "reject_threshold": threshold,
                    "logit_adjust": adjustment,
                }
                if adjustment is not None:
                    plain = tmp / path.name.replace(".onnx", ".unadjusted.onnx")
                    logit_adjust.write_unadjusted(path, plain)
                    without = adjustment["reject_threshold_without"]
                    jobs.append((name, f"{fmt}, no logit adjustment", plain, without, None))
        ckpt = runs_dir / f"{name}.pt"
        if ckpt.is_file():
            # A checkpoint has no metadata: it is read with its fp32 file's threshold and
            # logit bias.
            jobs.append((name, "PyTorch fp32", ckpt, fp32_threshold, fp32_bias))
            log = ckpt.with_suffix(".json")
            if log.is_file():
                info = json.loads(log.read_text())
                training[name] = {
                    "seconds": round(info["seconds"], 1),
                    "epochs": info["config"]["epochs"],
                    "config": info["config"],
                    "final_val_acc": info["history"][-1]["val_acc"],
                }
    return jobs, files, training


def evaluate_all(
    data_dir: Path,
    runs_dir: Path,
    out_dir: Path,
    progress: bool = True,
    strict: bool = True,
    pen_path: Path | None = None,
) -> dict[str, object]:
    from .train import load_checkpoint

    test = load_split(data_dir, "test", 10000 if strict else None)
    sets = {
        "MNIST test, standard": aug.to_float(test.images).numpy(),
        "MNIST test, augmented": aug.augmented_test_set(test.images).numpy(),
    }
    pen = load_pen(pen_path).part("holdout", "site") if pen_path else None
    pen_x = aug.to_float(pen.images).numpy() if pen is not None else None
    tmp = tempfile.TemporaryDirectory()
    jobs, files, training = _jobs(runs_dir, out_dir, Path(tmp.name))
    if not jobs:
        raise FileNotFoundError(f"nothing to evaluate: no ONNX files in {out_dir}, no checkpoints")
    rows: list[dict[str, object]] = []
    mats: dict[str, dict[str, np.ndarray]] = {}
    pen_mats: dict[str, dict[str, np.ndarray]] = {}
    for name, fmt, path, threshold, bias in tqdm(jobs, desc="evaluate", disable=not progress):
        model = load_checkpoint(path)[0] if path.suffix == ".pt" else None

        def predict(x: np.ndarray) -> np.ndarray:
            if model is None:
                return predict_onnx(path, x)
            logits = predict_torch(model, x)
            return logits if bias is None else logits + bias

        def row(data: str, metric: str, hits: np.ndarray) -> dict:
            return _row(DISPLAY[name], fmt, path.name, data, metric, hits)

        t = threshold or 0.0
        for set_name, x in sets.items():
            s = Scored(predict(x), test.labels, t)
            preds = digit_predictions(s.logits)
            rows.append(row(set_name, "accuracy (digit mode)", preds == test.labels))
            rows.append(row(set_name, "flagged", s.flagged))
            if fmt == "ONNX fp32":
                mats.setdefault(name, {})[f"{set_name}: {np.mean(preds == test.labels):.2%}"] = (
                    confusion(test.labels, preds)
                )
        if pen is not None:
            s = Scored(predict(pen_x), pen.labels, t)
            rows.extend(pen_rows(row, pen, s))
            if fmt == "ONNX fp32":
                k = len(CLASSES)
                pen_mats[name] = {
                    "top class": confusion(s.labels, s.top, k),
                    f"read with the reject rule (threshold {t:.4f})": confusion(
                        s.labels, s.read, k
                    ),
                }
    for name, m in mats.items():
        plot_confusion(
            m, f"{DISPLAY[name]} ({name}.onnx), digit mode", out_dir / f"confusion-{name}.png"
        )
    for name, m in pen_mats.items():
        plot_confusion(
            m,
            f"{DISPLAY[name]} ({name}.onnx) on held-out pen ink (writers and sites never trained "
            'on; "/" and "*" by meaning; % # and scribbles are "?")',
            out_dir / f"confusion-pen-{name}.png",
            CLASSES,
        )
    # Without its checkpoint, a model keeps the training record and the PyTorch rows of the
    # last evaluation (the ONNX weights came from that run; ``python -m training adjust``
    # reads its config), so re-deriving a file does not drop them.
    previous = out_dir / "metrics.json"
    if previous.is_file():
        before = json.loads(previous.read_text())
        training = {**before.get("training", {}), **training}
        evaluated = {DISPLAY[job[0]] for job in jobs if job[1] == "PyTorch fp32"}
        rows += [
            r
            for r in before.get("table", [])
            if r["format"] == "PyTorch fp32" and r["model"] not in evaluated
        ]
        order = list(DISPLAY.values())
        rows.sort(key=lambda r: order.index(str(r["model"])))
    metrics = {
        "classes": CLASSES,
        "table": rows,
        "files": files,
        "training": training,
        "augmented_test_set": {
            "seed": aug.TEST_AUG_SEED,
            "params": aug.describe(aug.TEST_AUG),
            "note": "one fixed draw per test image; see training/augment.py TEST_AUG",
        },
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n")
    tmp.cleanup()
    print(format_table(rows))
    return metrics


def format_table(rows: list[dict[str, object]]) -> str:
    lines = ["| Model | Data | Metric | Inputs | Value |", "| --- | --- | --- | ---: | ---: |"]
    for r in rows:
        lines.append(
            f"| {r['model']} ({r['format']}, {r['file']}) | {r['data']} | {r['metric']} | "
            f"{r['inputs']:,} | {float(r['value']):.2%} |"
        )
    return "\n".join(lines)
