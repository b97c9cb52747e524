"""The models' classes (the contract in models/README.md), how raw pen labels map onto them,
and the reject rule that the line reader applies to each glyph."""

from __future__ import annotations

import numpy as np

# Output order of every shipped model. The first ten are the digits, so digit mode reads
# logits[:, :10]. "*" means multiply, "/" divide; "?" is the explicit "no symbol" class.
CLASSES: list[str] = [*"0123456789", "+", "-", "*", "/", "=", "(", ")", ".", "?"]
DIGITS = 10
REJECT = CLASSES.index("?")

# Raw labels as written (unipen-dev symbols.jsonl, plus the ink that scripts/pen-data.mjs
# composes) → the class that carries their meaning.
MEANING: dict[str, str] = {
    **{c: c for c in CLASSES if c != "?"},
    "x": "*",
    "×": "*",
    ":": "/",
    "÷": "/",
    "%": "?",
    "#": "?",
    "scribble": "?",
    "flagged 1": "1",
}
# The raw labels of ink that scripts/lib/compose.mjs composes rather than a writer wrote.
COMPOSED = ("÷", "scribble", "flagged 1")
# Prefix of a real glyph whose strokes compose.mjs moved a little (--jitter-strokes): same class.
JITTERED = "jittered "


def class_index(raw: str) -> int:
    """Index into CLASSES of a raw label; KeyError names labels the models do not know."""
    try:
        return CLASSES.index(MEANING[raw.removeprefix(JITTERED)])
    except KeyError:
        raise KeyError(f"raw label {raw!r} has no class (known: {sorted(MEANING)})") from None


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def rejected(logits: np.ndarray, threshold: float) -> np.ndarray:
    """Per glyph: reads "?" when the top class is "?" or its probability is below threshold."""
    p = softmax(logits)
    return (p.argmax(1) == REJECT) | (p.max(1) < threshold)


def digit_predictions(logits: np.ndarray) -> np.ndarray:
    """Digit mode: the best of the first ten classes (renormalising does not change it)."""
    return logits[:, :DIGITS].argmax(1)


def calibrate_threshold(
    in_alphabet: list[np.ndarray], max_false_reject: float, ceiling: float = 0.99
) -> float:
    """The highest threshold t (at most ``ceiling``) at which every set of in-alphabet logits
    has at most ``max_false_reject`` of its glyphs rejected by ``rejected(., t)``."""
    best = 0.0
    for logits in in_alphabet:
        p = softmax(logits)
        by_class = p.argmax(1) == REJECT
        allowed = int(np.floor(max_false_reject * len(p))) - int(by_class.sum())
        if allowed < 0:
            return 0.0
        # Glyphs the "?" class already rejects do not move with t; the others are rejected
        # once t exceeds their top probability, so t may reach the (allowed+1)-th smallest.
        tops = np.sort(p.max(1)[~by_class])
        limit = float(tops[allowed]) if allowed < len(tops) else ceiling
        best = limit if best == 0.0 else min(best, limit)
    return min(best, ceiling)
