"""Labels of presentation mode: scene titles, the scene list and province summaries."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "scene_province_title": ("{province} ili", "{province} province"),
    "scene_list": ("Sahne", "Scene"),
    "scene_list_help": (
        "Bir sahneye atlayın; ← → tuşları da sahne değiştirir.",
        "Jump to a scene; the ← → keys also change scenes.",
    ),
    "scene_projects_here": ("Buradaki projeler ve aşamalar", "Projects and phases here"),
    "scene_rank_of": ("{n} il içinde {rank}.", "{rank} of {n}"),
}
