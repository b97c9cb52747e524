"""digit-pad training pipeline: MNIST → MLP and CNN → ONNX (fp32 and int8) for onnxruntime-web.

Modules, one job each: ``data`` (IDX reading), ``augment`` (batched seeded augmentation and the
fixed augmented test set), ``models`` (the two architectures), ``train``, ``evaluate``,
``export`` (ONNX, int8 quantisation, onnxruntime-web parity). ``python -m training --help``.
"""

from pathlib import Path

REPO_ROOT: Path = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR: Path = (REPO_ROOT / ".." / "shared" / "datasets" / "mnist").resolve()
MODELS_DIR: Path = REPO_ROOT / "models"
RUNS_DIR: Path = REPO_ROOT / "runs"

__all__ = ["REPO_ROOT", "DEFAULT_DATA_DIR", "MODELS_DIR", "RUNS_DIR"]
