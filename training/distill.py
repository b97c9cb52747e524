"""Knowledge distillation (Hinton, Vinyals and Dean, 2015): the model learns from the labels and
from what teacher models make of the very same augmented batch. The teachers are exported ONNX
files, run by onnxruntime, so any pair that ships can teach a retrained model. Their logit
adjustment is taken off first: the student's own is fitted at export, on its own logits.

Why try it: the shipped MLP and CNN err on different pen glyphs, and their mean probabilities
read the held-out writers' operators better than either file alone (models/README.md,
"Distillation: what was measured"). The student keeps its architecture."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch
import torch.nn.functional as F

from . import logit_adjust


class Teachers:
    """Mean class probabilities at temperature ``temperature`` of the ONNX files ``paths``."""

    def __init__(self, paths: list[str], classes: int, temperature: float) -> None:
        if not paths:
            raise ValueError("distillation needs at least one teacher file")
        if temperature <= 0:
            raise ValueError(f"distillation temperature must be above 0, got {temperature}")
        self.temperature = temperature
        options = ort.SessionOptions()
        # One thread, like the recipes' torch: results must not depend on the machine's cores.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.sessions = []
        with tempfile.TemporaryDirectory() as tmp:
            for path in paths:
                if not Path(path).is_file():
                    raise FileNotFoundError(f"teacher file not found: {path}")
                plain = Path(tmp) / Path(path).name
                logit_adjust.write_unadjusted(Path(path), plain)
                session = ort.InferenceSession(str(plain), options)
                width = session.get_outputs()[0].shape[-1]
                if width != classes:
                    raise ValueError(f"teacher {path} has {width} classes, the student {classes}")
                self.sessions.append(session)

    @torch.no_grad()
    def probabilities(self, images: torch.Tensor) -> torch.Tensor:
        x = images.detach().numpy().astype(np.float32, copy=False)
        total = None
        for session in self.sessions:
            logits = session.run(None, {session.get_inputs()[0].name: x})[0]
            p = torch.softmax(torch.from_numpy(logits) / self.temperature, dim=1)
            total = p if total is None else total + p
        assert total is not None
        return total / len(self.sessions)


def distillation_loss(
    logits: torch.Tensor, teacher: torch.Tensor, temperature: float
) -> torch.Tensor:
    """KL(teacher || student) at the temperature, times its square so that its gradients keep
    the scale of the label loss's whatever the temperature (Hinton et al.)."""
    log_student = F.log_softmax(logits / temperature, dim=1)
    return F.kl_div(log_student, teacher, reduction="batchmean") * temperature**2
