"""CLI: ``python -m training {train,evaluate,export,adjust,quantize,compare,grid,all} --help``."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from .cli_options import common, export_opts, model_opt, parity_opts, train_opts
from .data import MnistDataError
from .web_parity import ParityError

if TYPE_CHECKING:
    from torch import nn

    from .train import TrainConfig


def cmd_train(args: argparse.Namespace) -> None:
    from .data import load_split
    from .train import RECIPES, save_checkpoint, train

    if args.polish_from and len(args.model) != 1:
        raise SystemExit("--polish-from takes one --model")
    split = load_split(args.data, "train", None if args.allow_subset else 60000)
    for name in args.model:
        overrides = {
            k: v
            for k, v in {
                "epochs": args.epochs,
                "lr": args.lr,
                "seed": args.seed,
                "threads": args.threads,
                "limit": args.limit,
                "val_size": args.val_size,
                "pen_digit_repeat": args.pen_digit_repeat,
                "slant_factor": args.slant_factor,
                "slant_classes": args.slant_classes,
                "polish_epochs": args.polish_epochs,
                "polish_strength": args.polish_strength,
                "batch_norm": args.batch_norm,
                "ema_decay": args.ema_decay,
                "distill_weight": args.distill_weight,
                "distill_temperature": args.distill_temperature,
            }.items()
            if v is not None
        }
        if args.extra:
            overrides["extra"] = list(args.extra)
        if args.teacher:
            overrides["teachers"] = [str(Path(t).resolve()) for t in args.teacher]
        if args.pen:
            overrides["pen"] = str(args.pen)
        cfg = dataclasses.replace(RECIPES[name], **overrides)
        print(f"training {name}: {cfg}")
        main = _main_phase(args.polish_from, cfg) if args.polish_from else None
        result = train(
            cfg,
            split.images,
            split.labels,
            progress=not args.no_progress,
            start_from=main[0] if main else None,
        )
        if main:  # the record covers both phases, as one uninterrupted run's would
            result = dataclasses.replace(
                result,
                history=[{"phase": "main", **row} for row in main[1]["history"]] + result.history,
                seconds=main[1]["seconds"] + result.seconds,
            )
        path = args.runs / f"{name}.pt"
        save_checkpoint(result, path)
        last = result.history[-1]
        val = last.get("ema_val_acc", last["val_acc"])
        print(f"{name}: {result.seconds:.0f} s, val acc {val:.4f}; checkpoint {path}")


def _main_phase(path: Path, cfg: TrainConfig) -> tuple[nn.Module, dict]:
    """The model and record of a main-phase checkpoint, if its recipe is ``cfg``'s but for the
    polish."""
    from .train import load_checkpoint

    if not cfg.polish_epochs:
        raise SystemExit("--polish-from: this recipe has no polish phase (--polish-epochs N)")
    model, ckpt = load_checkpoint(path, fold=False)
    polish = {"polish_epochs", "polish_lr", "polish_strength"}

    def plain(config: dict) -> dict:  # a tuple and the list it is saved as compare alike
        return {
            k: list(v) if isinstance(v, tuple) else v
            for k, v in {"batch_norm": False, **config}.items()
            if k not in polish
        }

    theirs, ours = plain(ckpt["config"]), plain(dataclasses.asdict(cfg))
    if theirs != ours or ckpt["config"].get("polish_epochs"):
        raise SystemExit(
            f"--polish-from {path}: not a main-phase checkpoint of this recipe "
            f"(it has {ckpt['config']}, the recipe is {dataclasses.asdict(cfg)})"
        )
    return model, ckpt


def cmd_evaluate(args: argparse.Namespace) -> None:
    from .evaluate import evaluate_all

    evaluate_all(
        args.data,
        args.runs,
        args.out,
        progress=not args.no_progress,
        strict=not args.allow_subset,
        pen_path=args.pen,
    )


def cmd_export(args: argparse.Namespace) -> None:
    from .export import export_all
    from .logit_adjust import parse_tau

    export_all(
        args.data,
        args.runs,
        args.out,
        parity_count=args.parity_count,
        skip_parity=args.skip_parity,
        strict=not args.allow_subset,
        pen_path=args.pen,
        names=tuple(args.model),
        tau=parse_tau(args.logit_adjust),
    )


def cmd_adjust(args: argparse.Namespace) -> None:
    from .adjust import adjust_shipped
    from .logit_adjust import parse_tau

    adjust_shipped(
        args.data,
        args.out,
        args.pen,
        parse_tau(args.logit_adjust),
        parity_count=args.parity_count,
        skip_parity=args.skip_parity,
        strict=not args.allow_subset,
        names=tuple(args.model),
    )


def cmd_quantize(args: argparse.Namespace) -> None:
    from .adjust import requantize_shipped

    requantize_shipped(
        args.data,
        args.out,
        args.pen,
        parity_count=args.parity_count,
        skip_parity=args.skip_parity,
        strict=not args.allow_subset,
        names=tuple(args.model),
    )


def cmd_compare(args: argparse.Namespace) -> None:
    from .compare import compare, parse_candidate, table

    if args.pen is None:
        raise SystemExit("compare: --pen is required (its calib part is what is compared)")
    candidates = [parse_candidate(text) for text in args.files]
    print(table(compare(args.data, args.pen, candidates, strict=not args.allow_subset)))


def cmd_grid(args: argparse.Namespace) -> None:
    from .augment import save_grid
    from .data import load_split

    split = load_split(args.data, "train", None if args.allow_subset else 60000)
    path = args.out / "augmentation-grid.png"
    save_grid(split.images, split.labels, path)
    print(f"wrote {path}")


def cmd_all(args: argparse.Namespace) -> None:
    start = time.perf_counter()
    cmd_train(args)
    cmd_grid(args)
    # Export first (writes the ONNX files and checks parity), then evaluate every file.
    cmd_export(args)
    cmd_evaluate(args)
    print(f"all done in {time.perf_counter() - start:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m training",
        description="Train, evaluate and export digit-pad's MNIST models (MLP and CNN) to ONNX. "
        "Offline: reads MNIST IDX files from --data, never downloads.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train", help="train models; checkpoints go to --runs")
    common(p)
    train_opts(p)
    p.set_defaults(func=cmd_train)
    p = sub.add_parser(
        "evaluate",
        help="accuracy of checkpoints and ONNX files on the standard and augmented test sets; "
        "writes metrics.json and confusion PNGs",
    )
    common(p)
    p.set_defaults(func=cmd_evaluate)
    p = sub.add_parser(
        "export", help="export checkpoints to ONNX fp32 + int8 and check onnxruntime-web parity"
    )
    common(p)
    model_opt(p, "export")
    export_opts(p)
    p.set_defaults(func=cmd_export)
    p = sub.add_parser(
        "adjust",
        help="give the already exported ONNX files in --out the logit adjustment of 'export' "
        "(no checkpoint needed), recalibrate their reject thresholds, check parity",
    )
    common(p)
    model_opt(p, "adjust")
    export_opts(p)
    p.set_defaults(func=cmd_adjust)
    p = sub.add_parser(
        "quantize",
        help="derive the int8 twins in --out again from their fp32 files (no checkpoint needed; "
        "the fp32 files are unchanged), calibrate their reject thresholds, check parity",
    )
    common(p)
    model_opt(p, "quantize")
    parity_opts(p)
    p.set_defaults(func=cmd_quantize)
    p = sub.add_parser(
        "compare",
        help="MNIST validation and calib accuracies of exported files side by side "
        "(FILE or FILE@SEED, the seed that drew the file's validation images)",
    )
    common(p)
    p.add_argument("files", nargs="+", metavar="FILE[@SEED]")
    p.set_defaults(func=cmd_compare)
    p = sub.add_parser("grid", help="write augmentation-grid.png (original vs augmented)")
    common(p)
    p.set_defaults(func=cmd_grid)
    p = sub.add_parser(
        "all", help="train both → augmentation grid → export + parity → evaluate (rebuilds models/)"
    )
    common(p)
    train_opts(p)
    export_opts(p)
    p.set_defaults(func=cmd_all)
    args = parser.parse_args(argv)
    try:
        args.func(args)
    except MnistDataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except ParityError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
