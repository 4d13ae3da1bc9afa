"""Shareable view state: what the URL query parameters carry, parsed and validated.

A pasted link reproduces a view, so every parameter is checked against the known
values and anything unknown is dropped rather than trusted. Pure functions, no
Streamlit: the app copies these values into widget state on a session's first run and
writes them back after every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.views import Filters

PAGES = ("overview", "project", "indicators", "data", "manage", "place", "matrix")
SCHEMES = ("tiers", "quantiles", "natural")
#: Map views a link may open (degrees, Leaflet zoom): Türkiye and its surroundings.
VIEW_LIMITS = ((33.0, 45.0), (22.0, 48.0), (4.0, 12.0))


#: Classes of an indicator map when the link names none (``k``).
DEFAULT_CLASSES = 5


@dataclass(frozen=True, slots=True)
class ViewState:
    """Everything a link restores."""

    page: str = "overview"
    lang: str = "tr"
    filters: Filters = field(default_factory=Filters)
    unit: str | None = None
    project: str | None = None  # the project page's project
    indicator: str | None = None
    #: Change view of the indicators page: the earlier year's indicator id (``cmp``);
    #: ``indicator`` is then the later year.
    compare: str | None = None
    scheme: str | None = None
    classes: int = DEFAULT_CLASSES
    #: NUTS-2 region borders drawn over every map and its exports (``regions=1``).
    regions: bool = False
    basemap: bool = False
    present: bool = False
    scene: int = 0
    place: str | None = None  # the place profile's P-code (``u``)
    place2: str | None = None  # the place it is compared with (``u2``)
    matrix_rows: str = "project"  # the matrix's rows: "project" or "province"
    view: tuple[float, float, float] | None = None  # map centre lat, lon (degrees), zoom


def parse_view(value: str | list[str] | None) -> tuple[float, float, float] | None:
    """``"39.1,35.2,6.5"`` → (lat, lon, zoom); ``None`` unless all three are in range."""
    text = value[0] if isinstance(value, list) and value else value
    parts = str(text or "").split(",")
    if len(parts) != 3:
        return None
    try:
        numbers = tuple(float(p) for p in parts)
    except ValueError:
        return None
    ok = all(low <= x <= high for x, (low, high) in zip(numbers, VIEW_LIMITS, strict=True))
    return (numbers[0], numbers[1], numbers[2]) if ok else None


def view_text(view: tuple[float, float, float]) -> str:
    """The ``v`` parameter: lat and lon to 4 decimals (about 10 m), zoom to 2."""
    lat, lon, zoom = view
    return f"{lat:.4f},{lon:.4f},{zoom:g}"


def _split(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    parts = value if isinstance(value, list) else [value]
    items = [p.strip() for part in parts for p in str(part).split(",")]
    return tuple(dict.fromkeys(p for p in items if p))


def _int(value: str | list[str] | None, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(str(value))))
    except (TypeError, ValueError):
        return default


def parse(
    params: dict[str, str | list[str]],
    *,
    projects: tuple[str, ...],
    phases: tuple[str, ...],
    provinces: tuple[str, ...],
    statuses: tuple[str, ...],
    units: frozenset[str],
    indicators: tuple[str, ...],
    institutions: dict[str, tuple[str, ...]] | None = None,
    years: tuple[int, int] | None = None,
) -> ViewState:
    """Build a :class:`ViewState` from query parameters, keeping only known values.

    ``institutions`` maps a role (implementer, funder, beneficiary) to its known ids;
    ``years`` is the range a ``year`` must fall in (no year is kept without it).
    """
    known = institutions or {}

    def pick(key: str, allowed: tuple[str, ...] | frozenset[str]) -> tuple[str, ...]:
        return tuple(v for v in _split(params.get(key)) if v in allowed)

    def one(key: str, allowed: tuple[str, ...] | frozenset[str]) -> str | None:
        values = pick(key, allowed)
        return values[0] if values else None

    classes = _int(params.get("k"), DEFAULT_CLASSES, 3, 7)
    year = _int(params.get("year"), 0, years[0], years[1]) if years else 0
    year_ok = years is not None and str(params.get("year", "")).strip() == str(year)
    return ViewState(
        page=one("page", PAGES) or "overview",
        lang=one("lang", ("tr", "en")) or "tr",
        filters=Filters(
            projects=pick("project", projects),
            phases=pick("phase", phases),
            provinces=pick("province", provinces),
            statuses=pick("status", statuses),
            year=year if year_ok else None,
            implementers=pick("impl", known.get("implementer", ())),
            funders=pick("funder", known.get("funder", ())),
            beneficiaries=pick("benef", known.get("beneficiary", ())),
        ),
        unit=one("unit", units),
        project=one("p", projects),
        indicator=one("ind", indicators),
        compare=one("cmp", indicators),
        scheme=one("scheme", SCHEMES),
        classes=classes,
        regions=str(params.get("regions", "")) == "1",
        basemap=str(params.get("basemap", "")) == "1",
        present=str(params.get("present", "")) == "1",
        scene=_int(params.get("scene"), 0, 0, 999),
        place=one("u", units),
        place2=one("u2", units),
        matrix_rows=one("rows", ("project", "province")) or "project",
        view=parse_view(params.get("v")),
    )


def to_params(state: ViewState) -> dict[str, str]:
    """Query parameters for ``state``; defaults are left out to keep links short."""
    params: dict[str, str] = {}
    if state.page != "overview":
        params["page"] = state.page
    if state.lang != "tr":
        params["lang"] = state.lang
    for key, values in (
        ("project", state.filters.projects),
        ("phase", state.filters.phases),
        ("province", state.filters.provinces),
        ("status", state.filters.statuses),
        ("impl", state.filters.implementers),
        ("funder", state.filters.funders),
        ("benef", state.filters.beneficiaries),
    ):
        if values:
            params[key] = ",".join(values)
    if state.filters.year is not None:
        params["year"] = str(state.filters.year)
    if state.unit:
        params["unit"] = state.unit
    if state.page == "place" and state.place:
        params["u"] = state.place
        if state.place2:
            params["u2"] = state.place2
    if state.page == "matrix" and state.matrix_rows != "project":
        params["rows"] = state.matrix_rows
    if state.page == "project" and state.project:
        params["p"] = state.project
    if state.page == "indicators":
        if state.indicator:
            params["ind"] = state.indicator
        if state.scheme:
            params["scheme"] = state.scheme
        if state.classes != DEFAULT_CLASSES:
            params["k"] = str(state.classes)
        if state.compare:
            params["cmp"] = state.compare
    if state.regions:
        params["regions"] = "1"
    if state.basemap:
        params["basemap"] = "1"
    if state.present:
        params["present"] = "1"
        if state.scene:
            params["scene"] = str(state.scene)
    elif state.view:
        params["v"] = view_text(state.view)
    return params
