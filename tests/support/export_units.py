"""Read the units an export file holds, the way its user would read it (tests only)."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
from PIL import Image
from pypdf import PdfReader

from geo.maps import expand_config

#: The P-code column's header: a code, or its label in Turkish or English.
PCODE_HEADERS = {"pcode", "P-kodu", "P-code"}


def map_units(html: str) -> set[str]:
    """P-codes a rendered map styles (pilot fills and outlines; the grey base excluded)."""
    return config_units(rendered_config(html))


def config_units(cfg: dict) -> set[str]:
    """P-codes a map configuration styles (the grey base excluded)."""
    return {p for layer in expand_config(cfg) for p in layer["styles"]}


def page_map_args(at) -> dict:
    """The arguments an AppTest page's one map frame gets (pages/ui/mapframe.py)."""
    args = [
        json.loads(el.proto.json_args)
        for el in at.get("component_instance")
        if el.proto.component_name.endswith(".atlas_map")
    ]
    assert len(args) == 1, "expected exactly one map on the page"
    return args[0]


def page_map_config(at) -> dict:
    """The configuration of an AppTest page's one map, as sent to its frame (the
    ``config`` argument of the ``atlas_map`` component)."""
    return json.loads(page_map_args(at)["config"])


def rendered_config(html: str) -> dict:
    """The JSON configuration a rendered page passes to ``AtlasMap.init`` (map.js)."""
    match = re.search(r"AtlasMap\.init\([\w.]+,\s*(?=\{)", html)
    assert match, "map configuration not found"
    cfg, _ = json.JSONDecoder().raw_decode(html, match.end())
    return cfg


def file_units(fmt: str, payload: bytes) -> set[str]:
    """Units a downloaded file holds, read the way its user would read it."""
    if fmt in ("csv", "xlsx"):
        read = pd.read_csv if fmt == "csv" else pd.read_excel
        frame = read(io.BytesIO(payload), dtype=str)
        (column,) = [c for c in frame.columns if c in PCODE_HEADERS]
        return set(frame[column])
    if fmt == "geojson":
        features = json.loads(payload)["features"]
        assert all(f["geometry"] for f in features)
        return {f["properties"]["pcode"] for f in features}
    if fmt == "png":
        return set(Image.open(io.BytesIO(payload)).text["Units"].split())
    if fmt == "html":
        return map_units(payload.decode("utf-8"))
    if fmt == "pdf":
        return set(str(PdfReader(io.BytesIO(payload)).metadata["/Keywords"]).split())
    raise AssertionError(fmt)
