import numpy as np
import pytest

from training.classes import (
    CLASSES,
    REJECT,
    calibrate_threshold,
    class_index,
    digit_predictions,
    rejected,
)


def test_meanings_share_a_class() -> None:
    assert class_index("x") == class_index("×") == class_index("*") == CLASSES.index("*")
    assert class_index(":") == class_index("÷") == class_index("/") == CLASSES.index("/")
    assert class_index("%") == class_index("#") == class_index("scribble") == REJECT
    assert [class_index(d) for d in "0123456789"] == list(range(10))
    assert class_index("flagged 1") == 1  # composed by scripts/lib/compose.mjs
    # A real glyph with its strokes moved apart (pen-data --jitter-strokes) keeps its class.
    assert class_index("jittered 4") == 4
    assert class_index("jittered x") == CLASSES.index("*")
    with pytest.raises(KeyError, match="'a'"):
        class_index("a")
    with pytest.raises(KeyError, match="'jittered a'"):
        class_index("jittered a")


def _logits(top: int, margin: float, k: int = len(CLASSES)) -> np.ndarray:
    row = np.zeros(k, np.float32)
    row[top] = margin
    return row


def test_reject_rule() -> None:
    logits = np.stack([_logits(3, 10.0), _logits(REJECT, 10.0), _logits(3, 1.0)])
    # A confident digit passes; a confident "?" is rejected whatever the threshold; a weak
    # top class is rejected once the threshold exceeds its probability.
    assert rejected(logits, 0.0).tolist() == [False, True, False]
    assert rejected(logits, 0.5).tolist() == [False, True, True]


def test_digit_mode_ignores_other_classes() -> None:
    logits = _logits(CLASSES.index("+"), 9.0)[None]
    logits[0, 7] = 2.0
    assert digit_predictions(logits).tolist() == [7]


def test_calibrated_threshold_keeps_false_rejects_at_the_limit() -> None:
    g = np.random.default_rng(0)
    sets = [g.normal(size=(400, len(CLASSES))) * s for s in (2.0, 4.0)]
    for s in sets:
        s[:, REJECT] -= 20  # in-alphabet glyphs: the "?" class never wins here
    t = calibrate_threshold(sets, 0.01, ceiling=1.0)
    assert 0 < t < 1
    counts = [int(rejected(s, t).sum()) for s in sets]
    assert max(counts) <= 4  # 1 % of 400
    # A hair higher rejects one glyph more in the binding set: t is the highest allowed.
    assert max(int(rejected(s, t + 1e-6).sum()) for s in sets) == 5


def test_calibration_counts_glyphs_the_reject_class_takes() -> None:
    s = np.stack([_logits(REJECT, 5.0)] * 3 + [_logits(1, 5.0)] * 97)
    assert calibrate_threshold([s], 0.02) == 0.0  # 3 % already rejected: no threshold fits
    s = np.stack([_logits(REJECT, 5.0)] * 1 + [_logits(1, 10.0)] * 99)
    assert calibrate_threshold([s], 0.02) == 0.99  # the rest are sure: the ceiling applies
