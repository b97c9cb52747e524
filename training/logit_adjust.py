"""Post-hoc logit adjustment for the class prior (Menon et al., "Long-tail learning via logit
adjustment", ICLR 2021), baked into the ONNX graph as a last ``Add`` of a constant bias.

A training epoch holds about 6,300 glyphs per digit and 300–2,100 per operator, so the
classifier's scores carry that prior: a steep "/" reads "1". Subtracting ``tau * log prior``
from the logits trades it away. Only the operator classes move, relative to the mean digit
prior: the ten digits get exactly 0 (so digit mode, the argmax of the first ten logits, is
unchanged bit for bit) and "?" gets 0 (its share is governed by the calibrated reject
threshold and its false-reject budget, not by this prior). The worker contract stays
"logits"; the tau, the counts and the bias travel in the metadata."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx

from .classes import CLASSES, DIGITS, REJECT
from .pen import PenSet

NODE = "digit_pad_logit_adjust"
BIAS = "digit_pad_logit_bias"
UNADJUSTED = "logits_unadjusted"
META_KEY = "digit_pad.logit_adjust"
TAU_GRID = tuple(round(0.1 * i, 1) for i in range(16))  # 0 … 1.5
OPERATORS = np.arange(DIGITS, REJECT)


def epoch_counts(mnist_labels: np.ndarray, config: dict, pen: PenSet | None) -> np.ndarray:
    """Glyphs per class in one training epoch, as training/train.py builds it: the MNIST
    training images minus the validation split, plus the pen ``train`` part with every
    sample repeated as ``pen_repeats`` says."""
    from .train import pen_repeats, validation_indices

    limit = config.get("limit")
    labels = mnist_labels[:limit] if limit is not None else mnist_labels
    keep = np.ones(len(labels), dtype=bool)
    keep[validation_indices(len(mnist_labels), config)] = False
    counts = np.bincount(labels[keep], minlength=len(CLASSES)).astype(np.float64)
    if pen is not None:
        train = pen.part("train")
        counts += np.bincount(
            train.labels, weights=pen_repeats(train, config), minlength=len(CLASSES)
        )
    return counts


def bias_vector(counts: np.ndarray, tau: float) -> np.ndarray:
    """float32 [K]: ``tau * (mean log digit prior − log prior)`` on the operators, 0 elsewhere."""
    log_prior = np.log(np.maximum(counts, 1.0))
    bias = np.zeros(len(CLASSES), dtype=np.float64)
    bias[OPERATORS] = tau * (log_prior[:DIGITS].mean() - log_prior[OPERATORS])
    return bias.astype(np.float32)


def balanced_accuracy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Mean over the classes present of each class's top-1 accuracy (19-way), "?" included:
    a tau that lifts the operators enough to pull non-symbols into them pays for it here."""
    accs = [
        float((logits[labels == k].argmax(1) == k).mean())
        for k in range(len(CLASSES))
        if (labels == k).any()
    ]
    return float(np.mean(accs))


@dataclass(frozen=True)
class Choice:
    tau: float
    table: list[dict[str, float]]  # per tau on the grid: the calibration figures


def choose_tau(
    logits: np.ndarray, labels: np.ndarray, digit_logits: np.ndarray, counts: np.ndarray
) -> Choice:
    """The tau of TAU_GRID with the best balanced 19-way accuracy on the calibration glyphs
    (``logits``/``labels``: the pen ``calib`` part, its non-symbols in "?"), smallest on ties.
    Balanced accuracy is what logit adjustment is consistent for; plain operator accuracy
    only grows with tau, whatever it costs the far more frequent digits. Digit accuracy is
    also read over all 19 classes (as expression mode reads), on the pen digits and, only
    reported, on ``digit_logits`` (MNIST validation): digit mode itself cannot change."""
    table = []
    for tau in TAU_GRID:
        b = bias_vector(counts, tau)
        adj = logits + b
        op = np.isin(labels, OPERATORS)
        digit = labels < DIGITS
        table.append(
            {
                "tau": tau,
                "balanced_accuracy": balanced_accuracy(adj, labels),
                "operator_accuracy": float((adj[op].argmax(1) == labels[op]).mean())
                if op.any()
                else None,
                "pen_digit_accuracy": float((adj[digit].argmax(1) == labels[digit]).mean()),
                "non_symbols_read_as_no_symbol": float(
                    (adj[labels == REJECT].argmax(1) == REJECT).mean()
                )
                if (labels == REJECT).any()
                else None,
                "mnist_val_read_as_digits": float(((digit_logits + b).argmax(1) < DIGITS).mean())
                if len(digit_logits)
                else None,
            }
        )
    best = max(table, key=lambda r: (round(r["balanced_accuracy"], 9), -r["tau"]))
    return Choice(tau=best["tau"], table=table)


def _output_producer(graph: onnx.GraphProto) -> onnx.NodeProto:
    (out,) = graph.output
    return next(n for n in graph.node if out.name in n.output)


def strip(proto: onnx.ModelProto) -> onnx.ModelProto:
    """The model without its adjustment (unchanged if it has none)."""
    graph = proto.graph
    node = _output_producer(graph)
    if node.name != NODE:
        return proto
    graph.node.remove(node)
    producer = next(n for n in graph.node if UNADJUSTED in n.output)
    producer.output[list(producer.output).index(UNADJUSTED)] = graph.output[0].name
    for init in [i for i in graph.initializer if i.name == BIAS]:
        graph.initializer.remove(init)
    props = {p.key: p.value for p in proto.metadata_props if p.key != META_KEY}
    del proto.metadata_props[:]
    onnx.helper.set_model_props(proto, props)
    return proto


def apply(
    path: Path,
    bias: np.ndarray,
    tau: float,
    counts: np.ndarray,
    choice: Choice | None = None,
    threshold_without: float | None = None,
) -> None:
    """Rewrite ``path`` so that its output ``logits`` = the unadjusted logits + ``bias``
    (replacing any earlier adjustment), and record tau, counts, bias and how tau was chosen in
    the metadata, with the reject threshold the file had without it (for before/after
    figures)."""
    proto = strip(onnx.load(path))
    graph = proto.graph
    producer = _output_producer(graph)
    out = graph.output[0].name
    producer.output[list(producer.output).index(out)] = UNADJUSTED
    graph.initializer.append(onnx.numpy_helper.from_array(bias.astype(np.float32), BIAS))
    graph.node.append(onnx.helper.make_node("Add", [UNADJUSTED, BIAS], [out], name=NODE))
    props = {p.key: p.value for p in proto.metadata_props}
    props[META_KEY] = json.dumps(
        {
            "tau": tau,
            "bias": [float(v) for v in bias],
            "epoch_counts": [int(c) for c in counts],
            "rule": "logits + tau * (mean log digit prior - log prior), operators only",
            "chosen_on_calibration": choice.table if choice else None,
            "reject_threshold_without": threshold_without,
        }
    )
    onnx.helper.set_model_props(proto, props)
    onnx.checker.check_model(proto, full_check=True)
    onnx.save_model(proto, path, save_as_external_data=False)


def read(path: Path) -> dict | None:
    """The recorded adjustment of an ONNX file, or None."""
    props = {p.key: p.value for p in onnx.load(path).metadata_props}
    return json.loads(props[META_KEY]) if META_KEY in props else None


def graph_bias(path: Path) -> np.ndarray | None:
    """The bias the graph really adds last, or None if the output is not the adjustment."""
    graph = onnx.load(path).graph
    if _output_producer(graph).name != NODE:
        return None
    init = next(i for i in graph.initializer if i.name == BIAS)
    return onnx.numpy_helper.to_array(init)


def record_threshold_without(path: Path, threshold: float | None) -> None:
    """Record the reject threshold ``path`` has without its adjustment (it must have one)."""
    proto = onnx.load(path)
    props = {p.key: p.value for p in proto.metadata_props}
    record = {**json.loads(props[META_KEY]), "reject_threshold_without": threshold}
    props[META_KEY] = json.dumps(record)
    onnx.helper.set_model_props(proto, props)
    onnx.save_model(proto, path, save_as_external_data=False)


def write_unadjusted(path: Path, dest: Path) -> None:
    """A copy of ``path`` without its adjustment (for before/after figures and parity)."""
    onnx.save_model(strip(onnx.load(path)), dest, save_as_external_data=False)


@dataclass(frozen=True)
class Adjustment:
    tau: float
    bias: np.ndarray
    choice: Choice | None  # None when tau was given, not chosen


def parse_tau(spec: str) -> str | float:
    """``--logit-adjust``: "auto" (chosen on the calibration sets), "none", or a tau ≥ 0."""
    if spec in ("auto", "none"):
        return spec
    tau = float(spec)
    if not tau >= 0:
        raise ValueError(f"--logit-adjust must be auto, none or a number >= 0, not {spec!r}")
    return tau


def adjust_files(
    fp32: Path,
    others: list[Path],
    counts: np.ndarray,
    tau: str | float,
    calib: PenSet | None,
    val_x: np.ndarray,
    threshold_of: Callable[[Path], float | None],
) -> Adjustment | None:
    """Give ``fp32`` and its twins ``others`` (int8) the same adjustment, chosen on ``fp32``
    without any earlier one; ``tau="none"`` (or "auto" without a calibration part) removes it.
    ``threshold_of(path)`` calibrates a file's reject threshold (recorded for the file as it
    was without the adjustment)."""
    from .augment import to_float
    from .evaluate import predict_onnx

    paths = (fp32, *others)
    for path in paths:
        onnx.save_model(strip(onnx.load(path)), path, save_as_external_data=False)
    if tau == "none" or (tau == "auto" and calib is None):
        return None
    choice = None
    if tau == "auto":
        assert calib is not None
        logits = predict_onnx(fp32, to_float(calib.images).numpy())
        digits = predict_onnx(fp32, val_x) if len(val_x) else np.zeros((0, len(CLASSES)))
        choice = choose_tau(logits, calib.labels, digits, counts)
        tau = choice.tau
    bias = bias_vector(counts, float(tau))
    for path in paths:
        apply(path, bias, float(tau), counts, choice, threshold_of(path))
    return Adjustment(tau=float(tau), bias=bias, choice=choice)
