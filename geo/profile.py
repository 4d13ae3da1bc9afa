"""Place profile: everything the registry and the indicator tables say about one unit.

A profile gathers, for one province or district (P-code), the project phases there,
the related units' phases (a province's districts; a district's province), their
deliverables, and every bundled and uploaded indicator with its value, national rank,
tier and reference figures (national, and for a district its province's districts).
Pure functions on a :class:`~geo.registry.Registry`; no Streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from geo import indicators, user_catalog
from geo.boundaries import provinces_table, region_name, units
from geo.i18n import fmt_number, t
from geo.indicator_maps import decimals_of
from geo.registry import Registry
from geo.views import Filters, deliverable_view, site_view

#: Kinds that are themselves a rank or a class: no rank or quintile of their own.
ORDINAL_KINDS = ("rank", "tier")


@dataclass(frozen=True)
class PlaceProfile:
    """One unit's profile. Tables are :mod:`geo.views` rows in the profile's language.

    ``sites`` are the unit's own project phases, ``related`` those of its districts (for
    a province) or of its province (for a district); ``deliverables`` belong to both.
    """

    pcode: str
    level: str
    name: str
    province: str
    sites: pd.DataFrame
    related: pd.DataFrame
    deliverables: pd.DataFrame
    indicators: pd.DataFrame

    @property
    def title(self) -> str:
        return self.name if self.level == "province" else f"{self.name}, {self.province}"

    @property
    def projects(self) -> list[str]:
        """Project ids with a phase here or in a related unit, first seen first."""
        both = pd.concat([self.sites["project"], self.related["project"]])
        return list(dict.fromkeys(both))

    def counts(self) -> dict[str, int]:
        """Headline counts: projects, own phases, related phases, and the deliverables
        within the place as items (rows) and quantity (their quantities added up)."""
        # Within the place: a province counts its districts' deliverables, a district
        # only its own (its province's are shown, not counted as the district's).
        own = self.deliverables[self.deliverables["pcode"].str.startswith(self.pcode)]
        return {
            "projects": len(self.projects),
            "phases": len(self.sites),
            "related": len(self.related),
            "items_total": len(own),
            "items_completed": int((own["status"] == "completed").sum()),
            "quantity_total": int(own["quantity"].sum()),
            "quantity_completed": int(own.loc[own["status"] == "completed", "quantity"].sum()),
        }


def level_of_pcode(pcode: str) -> str:
    return "province" if len(pcode) == 6 else "district"


def place_name(pcode: str) -> tuple[str, str]:
    """``(name, province name)`` of a P-code, official Turkish spellings."""
    if level_of_pcode(pcode) == "district":
        row = units().loc[pcode]
        return str(row["district"]), str(row["province"])
    name = str(provinces_table().at[pcode, "province"])
    return name, name


def _related_mask(view: pd.DataFrame, pcode: str) -> pd.Series:
    if level_of_pcode(pcode) == "province":
        return (view["province_pcode"] == pcode) & (view["pcode"] != pcode)
    return view["pcode"] == pcode[:6]


def place_profile(
    registry: Registry,
    pcode: str,
    lang: str = "tr",
    filters: Filters = Filters(),
    *,
    view: pd.DataFrame | None = None,
    deliverables: pd.DataFrame | None = None,
) -> PlaceProfile:
    """The profile of ``pcode`` under ``filters`` (the province filter is ignored here).

    ``view`` and ``deliverables`` may pass in :func:`~geo.views.site_view` and
    :func:`~geo.views.deliverable_view` of those filters without the province filter
    (a cache's copies); they are computed otherwise.

    Raises
    ------
    KeyError
        If ``pcode`` is not a province or district of the unit tables.
    """
    if pcode not in provinces_table().index and pcode not in units().index:
        raise KeyError(pcode)
    # A place's own page shows it whatever provinces the sidebar narrows the maps to.
    unfiltered = without_provinces(filters)
    if view is None:
        view = site_view(registry, unfiltered, lang)
    if deliverables is None:
        deliverables = deliverable_view(registry, unfiltered, lang)
    own = view[view["pcode"] == pcode].reset_index(drop=True)
    related = view[_related_mask(view, pcode)].reset_index(drop=True)
    keys = set(own["pcode"]) | set(related["pcode"])
    name, province = place_name(pcode)
    return PlaceProfile(
        pcode=pcode,
        level=level_of_pcode(pcode),
        name=name,
        province=province,
        sites=own,
        related=related,
        deliverables=deliverables[deliverables["pcode"].isin(keys)].reset_index(drop=True),
        indicators=indicator_profile(pcode, lang),
    )


def _fields(filters: Filters) -> dict:
    return {name: getattr(filters, name) for name in Filters.__slots__}


def without_provinces(filters: Filters) -> Filters:
    """``filters`` without the province filter: what a profile's tables are built from."""
    return Filters(**{**_fields(filters), "provinces": ()})


@dataclass(frozen=True)
class _Stats:
    values: pd.Series
    ranked: pd.Series  # 1 = highest value; units without a value left out
    national: tuple[float, float, float]
    provincial: pd.DataFrame  # median, min, max per province P-code (district indicators)


def _stats_of(values: pd.Series) -> _Stats:
    values = values.astype(float)
    clean = values.dropna()
    grouped = clean.groupby(clean.index.str[:6]).agg(["median", "min", "max"])
    return _Stats(values, clean.rank(ascending=False, method="min"), _reference(clean), grouped)


@lru_cache(maxsize=64)
def _bundled_stats(indicator_id: str) -> _Stats:
    # Bundled figures never change while the app runs; uploaded ones are read each time.
    return _stats_of(indicators.values(indicator_id))


def _reference(values: pd.Series) -> tuple[float, float, float]:
    clean = values.dropna()
    if clean.empty:
        return math.nan, math.nan, math.nan
    return float(clean.median()), float(clean.min()), float(clean.max())


def _tier_text(ind: indicators.Indicator, pcode: str, rank: float, n: int, lang: str) -> str:
    """Official SEGE tier where the edition has one, else the national quintile."""
    tiers = indicators.tiers_for(ind.id) if not ind.user else None
    if tiers is not None and pcode in tiers.index and not pd.isna(tiers[pcode]):
        return t("profile_tier_official", lang, tier=int(tiers[pcode]))
    if ind.kind in ORDINAL_KINDS or pd.isna(rank) or n == 0:
        return ""
    return t("profile_quintile", lang, q=int(5 * (rank - 1) // n) + 1)


def containing_units(pcode: str) -> list[tuple[str, str]]:
    """``(level, key)`` of the units that contain ``pcode``: a district's province, then
    the NUTS-2 region of a province or district."""
    keys: list[tuple[str, str]] = []
    if level_of_pcode(pcode) == "district":
        keys.append(("province", pcode[:6]))
    region = provinces_table()["nuts2"].get(pcode[:6])
    if isinstance(region, str):
        keys.append(("region", region))
    return keys


def _latest_only(catalog: dict[str, indicators.Indicator]) -> set[str]:
    """Ids of the latest year of each series (and of every lone indicator)."""
    latest: dict[str, indicators.Indicator] = {}
    for ind in catalog.values():
        key = ind.series or ind.id
        if key not in latest or ind.year > latest[key].year:
            latest[key] = ind
    return {ind.id for ind in latest.values()}


def indicator_profile(pcode: str, lang: str = "tr") -> pd.DataFrame:
    """Every bundled and uploaded indicator for ``pcode`` and the units containing it.

    The unit's own level comes first; then, for a district, its province's indicators,
    and for both its NUTS-2 region's (bundled and uploaded), each labelled with whose
    value it is ("… — Region (NUTS-2) value: TRC2 Şanlıurfa, Diyarbakır") and ranked
    among the units of that level. A series gives its latest year only for a containing
    unit (the unit's own indicators keep every year).

    Returns
    -------
    DataFrame
        One row per indicator with a value: ``id, indicator, value`` (float),
        ``value_text, unit, rank`` (1 = highest value nationally, NaN for ranks and
        tiers), ``of`` (units with a value), ``tier, nat_median, nat_min, nat_max,
        prov_median, prov_min, prov_max`` (a district's province's districts; NaN
        otherwise), ``source`` (publisher, edition, data year; the short caveat of an
        indicator that needs one) and ``level`` (of the unit whose value it is).
    """
    own_level = level_of_pcode(pcode)
    catalog = user_catalog.catalog_with_user(lang=lang)
    latest = _latest_only(catalog)
    rows = [r for ind in catalog.values() if ind.level == own_level for r in _row(ind, pcode, lang)]
    for level, key in containing_units(pcode):
        for ind in catalog.values():
            if ind.level == level and (ind.user or ind.id in latest):
                rows += _row(ind, key, lang, containing=True)
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS)


def _row(
    ind: indicators.Indicator, key: str, lang: str, *, containing: bool = False
) -> list[dict[str, object]]:
    """The profile row of ``ind`` for unit ``key`` (none when it has no value there)."""
    stats = _stats_of(user_catalog.values_any(ind.id)) if ind.user else _bundled_stats(ind.id)
    value = stats.values.get(key, math.nan)
    if pd.isna(value):
        return []
    ranked = stats.ranked
    rank = math.nan if ind.kind in ORDINAL_KINDS else float(ranked[key])
    national = stats.national
    provincial = (
        tuple(float(v) for v in stats.provincial.loc[key[:6]])
        if ind.level == "district" and key[:6] in stats.provincial.index
        else (math.nan, math.nan, math.nan)
    )
    decimals = decimals_of(ind)
    text = fmt_number(float(value), lang, decimals)
    if ind.id == "sege2022_rank":
        text = indicators.rank_text(key) or text
    label = ind.label(lang)
    source = ind.citation(lang)
    if containing:
        level_text = t(f"level_{ind.level}", lang)
        label += " — " + t("profile_containing_value", lang, level=level_text, place=_place(key))
        if ind.legend_caveat(lang):
            source += f". {ind.legend_caveat(lang)}"
    return [
        {
            "id": ind.id,
            "indicator": label,
            "value": float(value),
            "value_text": text,
            "unit": ind.unit(lang),
            "rank": rank,
            "of": int(ranked.size),
            "tier": _tier_text(ind, key, rank, int(ranked.size), lang),
            "nat_median": national[0],
            "nat_min": national[1],
            "nat_max": national[2],
            "prov_median": provincial[0],
            "prov_min": provincial[1],
            "prov_max": provincial[2],
            "decimals": decimals,
            "source": source,
            "level": ind.level,
        }
    ]


def _place(key: str) -> str:
    """Name of a containing unit: the province, or ``"TR21 Tekirdağ, …"`` for a region."""
    if key in provinces_table().index:
        return str(provinces_table().at[key, "province"])
    return region_name(key)


INDICATOR_COLUMNS = [
    "id",
    "indicator",
    "value",
    "value_text",
    "unit",
    "rank",
    "of",
    "tier",
    "nat_median",
    "nat_min",
    "nat_max",
    "prov_median",
    "prov_min",
    "prov_max",
    "decimals",
    "source",
    "level",
]


def indicator_display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`indicator_profile` rows as text in ``lang``: numbers formatted, ranks "n / N"."""

    def num(value: float, decimals: int) -> str:
        return "—" if pd.isna(value) else fmt_number(float(value), lang, decimals)

    def ref(r: pd.Series, prefix: str, d: int) -> str:
        if pd.isna(r[f"{prefix}_median"]):
            return "—"
        low, high = num(r[f"{prefix}_min"], d), num(r[f"{prefix}_max"], d)
        return f"{num(r[f'{prefix}_median'], d)} ({low} – {high})"

    rows = []
    for _, r in frame.iterrows():
        d = int(r["decimals"])
        rank = "—" if pd.isna(r["rank"]) else f"{int(r['rank'])} / {int(r['of'])}"
        rows.append(
            {
                "indicator": r["indicator"],
                "value": r["value_text"],
                "unit": r["unit"],
                "rank": rank,
                "tier": r["tier"] or "—",
                "national": ref(r, "nat", d),
                "provincial": ref(r, "prov", d),
                "source": r["source"],
            }
        )
    return pd.DataFrame(
        rows,
        columns=["indicator", "value", "unit", "rank", "tier", "national", "provincial", "source"],
    )


@lru_cache(maxsize=1)
def place_options() -> dict[str, str]:
    """Every province and district by P-code, labelled ``"İlçe, İl"``; provinces first,
    each group in Turkish alphabetical order."""
    from geo.names import name_key

    provinces = provinces_table()["province"]
    districts = units()
    options = {
        p: str(provinces[p]) for p in sorted(provinces.index, key=lambda p: name_key(provinces[p]))
    }
    labels = {p: f"{r['district']}, {r['province']}" for p, r in districts.iterrows()}
    options.update({p: labels[p] for p in sorted(labels, key=lambda p: name_key(labels[p]))})
    return options


def done_text(completed: float, total: float, lang: str) -> str:
    """``"3 / 5"``; "not stated" when the sources list nothing here (``0 / 0`` would read
    as nothing delivered). One rule for the page's cards, its tables and the PDF."""
    if not total:
        return t("not_stated_short", lang)
    return f"{fmt_number(int(completed), lang)} / {fmt_number(int(total), lang)}"


def period_text(start: str | None, end: str | None, lang: str) -> str:
    """A phase's stated period, ``"2012 – 2014"``; an open bound reads "not stated"."""
    if start is None and end is None:
        return t("year_both_unstated", lang)
    missing = t("not_stated_short", lang)
    return f"{start or missing} – {end or missing}"


def phase_rows(registry: Registry, sites: pd.DataFrame, lang: str, *, where: bool) -> pd.DataFrame:
    """Profile rows of site-view rows: project, phase, stated period, note (and the place)."""
    periods = [
        period_text(registry.projects[p].phase(ph).start, registry.projects[p].phase(ph).end, lang)
        for p, ph in zip(sites["project"], sites["phase"], strict=True)
    ]
    frame = pd.DataFrame(
        {
            "place": [
                d if lvl == "district" else pr
                for d, pr, lvl in zip(
                    sites["district"], sites["province"], sites["level"], strict=True
                )
            ],
            "project_name": sites["project_name"],
            "phase_label": sites["phase_label"],
            "period": periods,
            "deliverables": [
                done_text(c, n, lang)
                for c, n in zip(
                    sites["deliverables_completed"], sites["deliverables_total"], strict=True
                )
            ],
            "note": sites["note"],
            "pcode": sites["pcode"],
        }
    )
    return frame if where else frame.drop(columns=["place"])


def compare_profiles(a: PlaceProfile, b: PlaceProfile, lang: str) -> pd.DataFrame:
    """Two profiles side by side: counts, then indicators, each with ``a − b``.

    Indicators of one level only (a province beside a district) show "—" on the other
    side and no difference.
    """
    labels = {
        "projects": t("place_kf_projects", lang),
        "phases": t("place_kf_phases", lang),
        "items_completed": t("col_items_completed", lang),
        "items_total": t("col_items_total", lang),
        "quantity_completed": t("col_quantity_completed", lang),
        "quantity_total": t("col_quantity_total", lang),
    }
    ca, cb = a.counts(), b.counts()
    rows = [
        {
            "item": label,
            "a": fmt_number(ca[k], lang),
            "b": fmt_number(cb[k], lang),
            "difference": fmt_number(ca[k] - cb[k], lang),
        }
        for k, label in labels.items()
    ]
    ia, ib = a.indicators.set_index("id"), b.indicators.set_index("id")
    for ind_id in list(dict.fromkeys([*ia.index, *ib.index])):
        ra = ia.loc[ind_id] if ind_id in ia.index else None
        rb = ib.loc[ind_id] if ind_id in ib.index else None
        ref = ra if ra is not None else rb
        assert ref is not None
        decimals = int(ref["decimals"])
        diff = (
            fmt_number(float(ra["value"]) - float(rb["value"]), lang, decimals)
            if ra is not None and rb is not None
            else "—"
        )
        rows.append(
            {
                "item": f"{ref['indicator']} ({ref['unit']})",
                "a": ra["value_text"] if ra is not None else "—",
                "b": rb["value_text"] if rb is not None else "—",
                "difference": diff,
            }
        )
    return pd.DataFrame(rows, columns=["item", "a", "b", "difference"])


def neighbourhood(
    bounds: tuple[tuple[float, float], tuple[float, float]], margin: float = 0.8
) -> tuple[tuple[float, float], tuple[float, float]]:
    """``bounds`` ((south, west), (north, east), degrees EPSG:4326) widened by ``margin``
    times their extent on every side, at least 0.15°, so the neighbours show too."""
    (s, w), (n, e) = bounds
    dy, dx = max((n - s) * margin, 0.15), max((e - w) * margin, 0.15)
    return ((s - dy, w - dx), (n + dy, e + dx))
