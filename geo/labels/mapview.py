"""Labels of the map itself: its switches, messages and the map-first page layout."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "map_place_names": ("Yer adları", "Place names"),
    "map_failed": ("Harita verisi yüklenemedi", "Map data could not be loaded"),
    "map_region": ("Harita", "Map"),
}
