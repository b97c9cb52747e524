import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from training import REPO_ROOT
from training.augment import to_float
from training.classes import DIGITS
from training.compare import Candidate, compare, table
from training.data import load_split
from training.evaluate import predict_onnx
from training.pen import load_pen

SHIPPED = REPO_ROOT / "models"


def test_each_file_is_scored_on_the_validation_images_its_own_seed_held_out(
    fixture_dir: Path,
) -> None:
    pen = fixture_dir.parent / "pen" / "sample.npz"
    # 5,000 validation images exceed the fixture's, so the seed's split is every image here.
    rows = compare(fixture_dir, pen, [Candidate(SHIPPED / "cnn.onnx", 0)], strict=False)
    train = load_split(fixture_dir, "train", None)
    logits = predict_onnx(SHIPPED / "cnn.onnx", to_float(train.images).numpy())
    expected = round(float((logits[:, :DIGITS].argmax(1) == train.labels).mean()) * 100, 2)
    assert rows[0]["mnist_val"] == expected
    calib = load_pen(pen).part("calib")
    assert len(calib.raw) > 0
    pen_logits = predict_onnx(SHIPPED / "cnn.onnx", to_float(calib.images).numpy())
    digits = calib.labels < DIGITS
    right = pen_logits[digits][:, :DIGITS].argmax(1) == calib.labels[digits]
    assert rows[0]["calib_digits"] == round(float(right.mean()) * 100, 2)
    # The fixture's calib part has no operator: nothing to score, said as such.
    assert rows[0]["calib_operators"] is None


def test_table_gives_the_mean_of_what_was_scored() -> None:
    keys = ("file", "seed", "mnist_val", "calib_digits", "calib_operators")
    rows = [
        dict(zip(keys, ("a.onnx", 0, 99.0, 96.0, 90.0))),
        dict(zip(keys, ("b.onnx", 1, 99.5, 97.0, None))),
    ]
    text = table(rows)
    assert "| mean | | 99.25% | 96.50% | 90.00% |" in text
    assert "| b.onnx | 1 | 99.50% | 97.00% | n/a |" in text


def test_cli_names_a_missing_file_and_needs_pen(fixture_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "training", "compare", "--data", str(fixture_dir),
             "--allow-subset", *args],
            env=env, capture_output=True, text=True,
        )

    pen = str(fixture_dir.parent / "pen" / "sample.npz")
    missing = run("--pen", pen, str(tmp_path / "nope.onnx"))
    assert missing.returncode != 0 and "nope.onnx" in missing.stderr
    assert "Traceback" not in missing.stderr
    no_pen = run(str(SHIPPED / "cnn.onnx"))
    assert no_pen.returncode != 0 and "--pen" in no_pen.stderr
    ok = run("--pen", pen, f"{SHIPPED / 'mlp.onnx'}@3", str(SHIPPED / "cnn.onnx"))
    assert ok.returncode == 0, ok.stderr[-2000:]
    assert ok.stdout.count("\n| ") == 4 and "| mean |" in ok.stdout
    assert np.isfinite(float(ok.stdout.split("| mean | | ")[1].split("%")[0]))
