"""Labels of region-level uploads, region outlines on every map, and the project page's
indicator section (GDP per capita, regional poverty and inequality of its pilot units)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "profile_containing_value": ("{level} değeri: {place}", "{level} value: {place}"),
}
