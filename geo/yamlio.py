"""YAML reading with libyaml's C parser when PyYAML was built with it.

The values are exactly those of ``yaml.safe_load``: only scanning and parsing run in C;
construction and type resolution stay PyYAML's safe ones. A document the C parser
refuses is read again by the pure-Python parser, so a malformed file gets the same
error (message and line) as before. About ten times faster on the bundled files, which
are read on every start and, for ``targets.yaml``, on every rerun of a place page.
"""

from __future__ import annotations

from typing import Any

import yaml

FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def safe_load(text: str) -> Any:
    """``yaml.safe_load(text)``, through the C parser when available."""
    if FAST_LOADER is not None:
        try:
            return yaml.load(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            pass  # the Python parser below gives the error users have always seen
    return yaml.safe_load(text)
