"""scripts/pen-data.mjs (parts, composed ink, rendering) and training/pen.py reading it."""

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from training import REPO_ROOT
from training.classes import CLASSES, REJECT
from training.pen import load_pen

SCRIPT = REPO_ROOT / "scripts" / "pen-data.mjs"
PEN_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pen"


def _pen_data(*args: str) -> str:
    node = shutil.which("node")
    assert node, "node is needed to run scripts/pen-data.mjs"
    p = subprocess.run([node, str(SCRIPT), *args], cwd=REPO_ROOT, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_the_sixteen_held_out_writers_stay_held_out() -> None:
    """Every digit of the committed held-out sample is in the "holdout" part, and its 16
    writers too: the pen-digit figures compare with the earlier models' on the same writers."""
    out = _pen_data("--data", "test/fixtures/unipen/holdout-279.jsonl", "--split", "holdout")
    assert out.startswith("holdout: 279 samples from 16 writers")


def _stroke(x0, y0, x1, y1, n=6):
    return [[round(x0 + (x1 - x0) * i / n), round(y0 + (y1 - y0) * i / n)] for i in range(n + 1)]


@pytest.fixture(scope="module")
def composed(tmp_path_factory) -> tuple[list[dict], Path]:
    d = tmp_path_factory.mktemp("pen")
    dot = [[[0, 0], [1, 1]]]
    rows = [
        {"id": "a#1", "source": "zz", "writer": "a", "label": "-", "strokes": [_stroke(0, 0, 60, 2)]},
        {"id": "a#2", "source": "zz", "writer": "a", "label": "-", "strokes": [_stroke(0, 5, 50, 3)]},
        {"id": "a#3", "source": "zz", "writer": "a", "label": ".", "strokes": dot},
        {"id": "a#4", "source": "zz", "writer": "a", "label": "+",
         "strokes": [_stroke(0, 30, 60, 30), _stroke(30, 0, 30, 60)]},
        {"id": "a#5", "source": "zz", "writer": "a", "label": "7",
         "strokes": [_stroke(0, 0, 40, 0) + _stroke(40, 0, 10, 70)[1:]]},
        # No dot at this writer's site: its bar gives no "÷".
        {"id": "b#1", "source": "yy", "writer": "b", "label": "-", "strokes": [_stroke(0, 0, 60, 0)]},
    ]
    data = d / "in.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    _pen_data("--data", str(data), "--split", "all", "--compose",
              "--jsonl", str(d / "out.jsonl"), "--npz", str(d / "out.npz"))
    out = [json.loads(line) for line in (d / "out.jsonl").read_text().splitlines()]
    return out, d / "out.npz"


def test_divide_is_a_bar_between_two_dots_of_the_same_site(composed) -> None:
    out, _ = composed
    divides = [s for s in out if s["label"] == "÷"]
    assert sorted(s["id"] for s in divides) == ["a#1÷", "a#2÷"]
    for s in divides:
        top, bar, bottom = s["strokes"][0], s["strokes"][1], s["strokes"][-1]
        bar_y = [y for _, y in bar]
        bar_x = [x for x, _ in bar]
        assert max(y for _, y in top) < min(bar_y) and min(y for _, y in bottom) > max(bar_y)
        for dot in (top, bottom):
            assert min(bar_x) < np.mean([x for x, _ in dot]) < max(bar_x)


def test_scribbles_overlay_three_real_glyphs(composed) -> None:
    out, _ = composed
    scribbles = [s for s in out if s["label"] == "scribble"]
    symbols = [s for s in out[:6] if not s["label"].isdigit()]
    assert len(scribbles) == (len(symbols) + 1) // 2  # rounded half up, as in JavaScript
    # Built from "+" and "7" only (bare dots and bars are left out): 2 or 1 strokes each.
    assert all(3 <= len(s["strokes"]) <= 6 for s in scribbles)


def test_npz_and_labels_load(composed) -> None:
    out, npz = composed
    pen = load_pen(npz)
    assert pen.images.shape == (len(out), 28, 28) and pen.images.dtype == np.uint8
    assert all(img.max() > 200 for img in pen.images)  # every sample rendered some ink
    assert list(pen.raw) == [s["label"] for s in out]
    assert pen.labels[list(pen.raw).index("÷")] == CLASSES.index("/")
    assert set(pen.labels[pen.raw == "scribble"]) == {REJECT}
    assert pen.is_digit.sum() == 1


def test_committed_pen_fixtures_cover_every_class() -> None:
    pen = load_pen(PEN_FIXTURES / "sample.npz")
    assert set(pen.labels) == set(range(len(CLASSES)))
    assert {"train", "calib", "holdout", "site"} <= set(pen.parts)
    heldout = load_pen(PEN_FIXTURES / "heldout.npz")
    assert set(heldout.parts) == {"holdout", "site"}


def _hash(key: str) -> int:
    """pen-data.mjs's writer hash (FNV-1a of "site/writer", lower case), mod 100."""
    h = 0x811C9DC5
    for ch in key.lower():
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h % 100


def test_composed_ink_never_crosses_parts(tmp_path: Path) -> None:
    """A held-out writer's dot must not end up in a training writer's "÷" (or scribble)."""
    held = next(w for w in (f"w{i}" for i in range(100)) if _hash(f"zz/{w}") < 20)
    trained = next(w for w in (f"w{i}" for i in range(100)) if _hash(f"zz/{w}") >= 30)
    rows = [
        {"id": "h#1", "source": "zz", "writer": held, "label": ".", "strokes": [[[0, 0], [1, 1]]]},
        {"id": "t#1", "source": "zz", "writer": trained, "label": "-",
         "strokes": [_stroke(0, 0, 60, 2)]},
    ]
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    _pen_data("--data", str(data), "--split", "all", "--compose", "--jsonl", str(tmp_path / "o.jsonl"))
    out = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert [s["part"] for s in out[:2]] == ["holdout", "train"]
    assert not [s for s in out if s["label"] == "÷"]
    for s in out:
        if s["label"] == "scribble":
            assert s["part"] == "train" and s["writer"] == trained
