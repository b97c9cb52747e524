"""The command line's options, shared by its subcommands (training/__main__.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import DEFAULT_DATA_DIR, MODELS_DIR, RUNS_DIR


def common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"folder with the four MNIST IDX files, .gz or raw (default: {DEFAULT_DATA_DIR})",
    )
    p.add_argument(
        "--runs",
        type=Path,
        default=RUNS_DIR,
        help=f"folder for checkpoints and training logs (default: {RUNS_DIR})",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=MODELS_DIR,
        help=f"folder for shipped artefacts: ONNX, metrics, PNGs (default: {MODELS_DIR})",
    )
    p.add_argument(
        "--pen",
        type=Path,
        help="pen ink from scripts/pen-data.mjs --split all --compose (X.npz beside X.json): "
        "train mixes in its train part, export calibrates the reject threshold on its calib "
        "part, evaluate reports its held-out parts",
    )
    p.add_argument("--no-progress", action="store_true", help="hide tqdm progress bars")
    p.add_argument(
        "--allow-subset",
        action="store_true",
        help="accept IDX files with fewer than 60000/10000 images (tests, smoke runs)",
    )


def model_opt(p: argparse.ArgumentParser, verb: str) -> None:
    p.add_argument(
        "--model",
        nargs="+",
        choices=["mlp", "cnn"],
        default=["mlp", "cnn"],
        help=f"which models to {verb} (default: both)",
    )


def class_list(text: str) -> tuple[int, ...]:
    from .classes import CLASSES

    symbols = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [s for s in symbols if s not in CLASSES]
    if unknown or not symbols:
        raise argparse.ArgumentTypeError(f"not classes: {unknown or text!r} (classes: {CLASSES})")
    return tuple(CLASSES.index(s) for s in symbols)


def train_opts(p: argparse.ArgumentParser) -> None:
    model_opt(p, "train")
    p.add_argument("--epochs", type=int, help="override the recipe's epoch count")
    p.add_argument("--lr", type=float, help="override the recipe's peak learning rate")
    p.add_argument("--seed", type=int, help="override the recipe's seed (default 0)")
    p.add_argument("--threads", type=int, help="torch threads (default: the recipe's, 2 for mlp, 1 for cnn; fixed for reproducibility)")
    p.add_argument("--limit", type=int, help="train on the first N training images only")
    p.add_argument("--val-size", type=int, help="held-out validation images (default 5000)")
    p.add_argument(
        "--pen-digit-repeat",
        type=int,
        help="times each pen digit is seen per epoch (default: the recipe's)",
    )
    p.add_argument(
        "--slant-factor",
        type=float,
        help="rotation and shear factor for the slant classes '1' and '/' (default: the "
        "recipe's; 1 augments them like every class)",
    )
    p.add_argument(
        "--batch-norm",
        action="store_const",
        const=True,
        help="CNN: train with a batch normalisation after each convolution, folded into the "
        "convolution on export (the shipped graph stays the plain CNN)",
    )
    p.add_argument(
        "--ema",
        dest="ema_decay",
        type=float,
        help="return an exponential moving average of the main phase's weights with this "
        "decay per step (e.g. 0.999; default: the recipe's, none)",
    )
    p.add_argument(
        "--teacher",
        action="append",
        default=[],
        metavar="ONNX",
        help="distil from this exported model too (repeatable: their mean probabilities; "
        "its logit adjustment is taken off first)",
    )
    p.add_argument(
        "--distill-weight",
        type=float,
        help="weight of the teachers' loss against the labels' (default 0.5)",
    )
    p.add_argument(
        "--distill-temperature",
        type=float,
        help="temperature of the teachers' and the model's probabilities (default 2)",
    )
    p.add_argument(
        "--slant-classes",
        type=class_list,
        help="comma-separated classes whose rotation and shear --slant-factor scales "
        "(default: the recipe's, '1,/')",
    )
    p.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="NPZ",
        help="extra training data: .npz with images uint8 [N,28,28] (ink=255) and labels; "
        "repeatable",
    )
    p.add_argument(
        "--polish-epochs",
        type=int,
        help="epochs of the low-LR, lightly augmented polish phase after the main one "
        "(default: the recipe's)",
    )
    p.add_argument(
        "--polish-strength",
        type=float,
        help="augmentation of the polish phase, as a share of the main phase's (0: none; "
        "default: the recipe's)",
    )
    p.add_argument(
        "--polish-from",
        type=Path,
        metavar="PT",
        help="skip the main phase: polish this checkpoint, trained through the main phase of "
        "the same recipe (one model per run)",
    )


def parity_opts(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--parity-count",
        type=int,
        default=512,
        help="test images for the onnxruntime-web parity check (default 512, minimum 256)",
    )
    p.add_argument("--skip-parity", action="store_true", help="skip the onnxruntime-web check")


def export_opts(p: argparse.ArgumentParser) -> None:
    parity_opts(p)
    p.add_argument(
        "--logit-adjust",
        default="auto",
        metavar="TAU",
        help="class-prior logit adjustment baked into the graph (training/logit_adjust.py): "
        "'auto' picks tau on the calib part and MNIST validation (needs --pen; without it, "
        "none), 'none' removes it, or a number >= 0 (default: auto)",
    )
