#!/usr/bin/env bash
# Create <repo>/.venv if it is missing and install training/requirements.txt into it.
# Idempotent: a second run only confirms the pins. --retries 0 --timeout 2 make pip fail fast
# without network, so it installs offline from a configured local wheel index / find-links,
# and installs normally from the package index where there is network.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
venv="$repo/.venv"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  echo "setup-venv: creating $venv with $("$python" --version 2>&1)"
  "$python" -m venv "$venv"
fi

"$venv/bin/python" -m pip install --retries 0 --timeout 2 --disable-pip-version-check \
  -q -r "$here/requirements.txt"
"$venv/bin/python" -c "import torch, onnx, onnxruntime; print('setup-venv: ok, torch', torch.__version__, '| onnxruntime', onnxruntime.__version__)"
