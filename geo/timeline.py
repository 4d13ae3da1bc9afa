"""Time: which project phases were running in a given year, from the registry's dates.

A phase is placed on a year only where its stated dates say so. Dates are ISO strings
(``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) or ``None`` when the source leaves them open:

- both bounds stated: every year from the start year to the end year;
- one bound stated: only that bound's year (the phase certainly ran then);
- neither stated: never placed on a year, listed as "dates not stated".
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.registry import Registry


def _year(value: str | None) -> int | None:
    return int(str(value)[:4]) if value else None


@dataclass(frozen=True, slots=True)
class PhaseSpan:
    """The years a project phase is known to have run (``first``..``last`` inclusive)."""

    project: str
    phase: str
    start: str | None
    end: str | None

    @property
    def first(self) -> int | None:
        start, end = _year(self.start), _year(self.end)
        return start if start is not None else end

    @property
    def last(self) -> int | None:
        start, end = _year(self.start), _year(self.end)
        return end if end is not None else start

    @property
    def dating(self) -> str:
        """``"dated"`` (both bounds), ``"partial"`` (one bound) or ``"undated"``."""
        stated = (self.start is not None) + (self.end is not None)
        return ("undated", "partial", "dated")[stated]

    def runs_in(self, year: int) -> bool:
        first, last = self.first, self.last
        return first is not None and last is not None and first <= year <= last


def phase_spans(registry: Registry) -> list[PhaseSpan]:
    """Every phase of every project with its stated dates, in registry order."""
    return [
        PhaseSpan(pid, phase.id, phase.start, phase.end)
        for pid, project in registry.projects.items()
        for phase in project.phases
    ]


def year_range(registry: Registry) -> tuple[int, int] | None:
    """Earliest and latest year of any dated phase bound; ``None`` if no phase is dated."""
    years = [y for span in phase_spans(registry) for y in (_year(span.start), _year(span.end)) if y]
    return (min(years), max(years)) if years else None


def running_in(registry: Registry, year: int) -> frozenset[tuple[str, str]]:
    """``(project, phase)`` pairs whose stated dates place them in ``year``."""
    return frozenset((s.project, s.phase) for s in phase_spans(registry) if s.runs_in(year))


def not_placed(registry: Registry) -> list[PhaseSpan]:
    """Phases no year can show in full: undated ones and those with one bound open."""
    return [s for s in phase_spans(registry) if s.dating != "dated"]
