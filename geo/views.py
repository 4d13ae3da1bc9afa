"""Joined views: sites x boundaries x indicators, filtered. The one place pages read from.

All functions are pure: they take a :class:`~geo.registry.Registry` and a
:class:`Filters` and return new tables, never changing their inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo import indicators, user_catalog
from geo.boundaries import provinces_table, region_name, region_of, units
from geo.i18n import t
from geo.institutions import projects_with
from geo.numbers import format_int, format_ratio
from geo.registry import Registry
from geo.timeline import running_in

#: Key indicators attached to every site row, by the site's level.
KEY_INDICATORS = {
    "district": ("sege2022_score", "sege2022_tier", "sege2022_rank", "pop_2025_district"),
    "province": ("sege2017_score", "sege2017_tier", "sege2017_rank", "pop_2025_province"),
}
NO_DELIVERABLES = "not_reported"


@dataclass(frozen=True, slots=True)
class Filters:
    """Sidebar filters. An empty tuple means "all"."""

    projects: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()  # province P-codes
    statuses: tuple[str, ...] = ()
    year: int | None = None  # only phases whose stated dates place them in this year
    implementers: tuple[str, ...] = ()  # institution ids (geo.institutions)
    funders: tuple[str, ...] = ()
    beneficiaries: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (
            self.projects
            or self.phases
            or self.provinces
            or self.statuses
            or self.year is not None
            or self.implementers
            or self.funders
            or self.beneficiaries
        )


def selected_projects(registry: Registry, filters: Filters) -> list[str]:
    """Projects chosen by the project and institution filters, in registry order."""
    chosen = set(filters.projects or registry.projects)
    for role, ids in (
        ("implementer", filters.implementers),
        ("funder", filters.funders),
        ("beneficiary", filters.beneficiaries),
    ):
        if ids:
            chosen &= projects_with(registry, role, ids)
    return [p for p in registry.projects if p in chosen]


def _site_statuses(registry: Registry) -> pd.Series:
    """Per site key, the set of its deliverable statuses ({not_reported} when none)."""
    grouped = registry.deliverables.groupby(["project", "phase", "pcode"])["status"].agg(frozenset)
    keys = pd.MultiIndex.from_frame(registry.sites[["project", "phase", "pcode"]])
    return grouped.reindex(keys).apply(
        lambda s: s if isinstance(s, frozenset) else frozenset({NO_DELIVERABLES})
    )


def filter_sites(registry: Registry, filters: Filters) -> pd.DataFrame:
    """Sites matching ``filters`` (a copy of ``registry.sites``)."""
    sites = registry.sites
    mask = pd.Series(True, index=sites.index)
    if filters.projects or filters.implementers or filters.funders or filters.beneficiaries:
        mask &= sites["project"].isin(selected_projects(registry, filters))
    if filters.year is not None:
        running = running_in(registry, filters.year)
        pairs = zip(sites["project"], sites["phase"], strict=True)
        mask &= pd.Series([pair in running for pair in pairs], index=sites.index)
    if filters.phases:
        mask &= sites["phase"].isin(filters.phases)
    if filters.provinces:
        mask &= sites["pcode"].str[:6].isin(filters.provinces)
    if filters.statuses:
        wanted = frozenset(filters.statuses)
        statuses = _site_statuses(registry).to_numpy()
        mask &= pd.Series([bool(s & wanted) for s in statuses], index=sites.index)
    return sites[mask].copy()


def filter_deliverables(registry: Registry, filters: Filters) -> pd.DataFrame:
    """Deliverables of the filtered sites, restricted to the chosen statuses."""
    sites = filter_sites(registry, filters)
    keys = set(zip(sites["project"], sites["phase"], sites["pcode"], strict=True))
    deliverables = registry.deliverables
    mask = [
        k in keys
        for k in zip(
            deliverables["project"], deliverables["phase"], deliverables["pcode"], strict=True
        )
    ]
    result = deliverables[mask]
    if filters.statuses:
        result = result[result["status"].isin(filters.statuses)]
    return result.copy()


def _unit_names(pcodes: pd.Series) -> tuple[pd.Series, pd.Series]:
    district_names = units()["district"]
    province_names = provinces_table()["province"]
    province = pcodes.str[:6].map(province_names)
    district = pcodes.map(district_names).where(pcodes.str.len() == 9, "")
    return province, district


def site_view(registry: Registry, filters: Filters, lang: str = "tr") -> pd.DataFrame:
    """One row per filtered site with names, deliverable counts and key indicators.

    Columns: ``project, project_name, phase, phase_label, level, province, district,
    pcode, province_pcode, deliverables_total, deliverables_completed, items_total,
    items_completed`` (``deliverables_*`` sum quantities, ``items_*`` count deliverable
    rows; see ``geo/labels/counts.py``) and the key
    indicators of the unit's level (``sege_score, sege_tier, sege_rank, population``).
    Names are the official Turkish spellings from the unit tables.
    """
    sites = filter_sites(registry, filters)
    deliverables = filter_deliverables(registry, filters)
    totals = deliverables.groupby(["project", "phase", "pcode"])["quantity"].sum()
    done = (
        deliverables[deliverables["status"] == "completed"]
        .groupby(["project", "phase", "pcode"])["quantity"]
        .sum()
    )
    by_site = ["project", "phase", "pcode"]
    items = deliverables.groupby(by_site).size()
    items_done = deliverables[deliverables["status"] == "completed"].groupby(by_site).size()
    keys = pd.MultiIndex.from_frame(sites[by_site])
    province, district = _unit_names(sites["pcode"])
    view = pd.DataFrame(
        {
            "project": sites["project"],
            "project_name": sites["project"].map(lambda p: registry.projects[p].short(lang)),
            "phase": sites["phase"],
            "phase_label": [
                registry.projects[p].phase(ph).label(lang)
                for p, ph in zip(sites["project"], sites["phase"], strict=True)
            ],
            "level": sites["level"],
            "province": province,
            "district": district,
            "pcode": sites["pcode"],
            "province_pcode": sites["pcode"].str[:6],
            "deliverables_total": totals.reindex(keys).fillna(0).astype(int).to_numpy(),
            "deliverables_completed": done.reindex(keys).fillna(0).astype(int).to_numpy(),
            "items_total": items.reindex(keys).fillna(0).astype(int).to_numpy(),
            "items_completed": items_done.reindex(keys).fillna(0).astype(int).to_numpy(),
        },
        index=sites.index,
    )
    district_table, province_table = indicators.table("district"), indicators.table("province")
    is_district = view["level"] == "district"
    # SEGE editions differ by level (İlçe SEGE-2022, İl SEGE-2017) and are not comparable:
    # each has its own columns, empty on the other level's rows. Population (ADNKS 2025)
    # is one measure at both levels and shares a column.
    for ind_id in KEY_INDICATORS["district"][:3]:
        view[ind_id] = view["pcode"].map(district_table[ind_id]).astype(float).where(is_district)
    for ind_id in KEY_INDICATORS["province"][:3]:
        view[ind_id] = view["pcode"].map(province_table[ind_id]).astype(float).where(~is_district)
    by_district = view["pcode"].map(district_table[KEY_INDICATORS["district"][3]]).astype(float)
    by_province = view["pcode"].map(province_table[KEY_INDICATORS["province"][3]]).astype(float)
    view["population"] = by_district.where(is_district, by_province)
    view["note"] = sites["note_en" if lang == "en" else "note_tr"]
    return view.reset_index(drop=True)


def unit_coverage(view: pd.DataFrame) -> pd.DataFrame:
    """Per unit (P-code): how many projects and project-phases cover it, and which.

    Parameters
    ----------
    view : DataFrame
        Output of :func:`site_view`.

    Returns
    -------
    DataFrame
        Indexed by ``pcode`` with ``level, province, district, n_projects, n_phases,
        projects, phases, deliverables_total, deliverables_completed, items_total,
        items_completed``.
    """
    if view.empty:
        return pd.DataFrame(
            columns=[
                "level",
                "province",
                "district",
                "n_projects",
                "n_phases",
                "projects",
                "phases",
                "deliverables_total",
                "deliverables_completed",
                "items_total",
                "items_completed",
            ],
            index=pd.Index([], name="pcode"),
        )
    labelled = view.assign(pair=view["project_name"] + " · " + view["phase_label"])
    grouped = labelled.groupby("pcode", sort=True)
    return pd.DataFrame(
        {
            "level": grouped["level"].first(),
            "province": grouped["province"].first(),
            "district": grouped["district"].first(),
            "n_projects": grouped["project"].nunique(),
            "n_phases": grouped["pair"].nunique(),
            "projects": grouped["project_name"].agg(lambda s: ", ".join(dict.fromkeys(s))),
            "phases": grouped["pair"].agg(lambda s: "; ".join(dict.fromkeys(s))),
            "deliverables_total": grouped["deliverables_total"].sum(),
            "deliverables_completed": grouped["deliverables_completed"].sum(),
            "items_total": grouped["items_total"].sum(),
            "items_completed": grouped["items_completed"].sum(),
        }
    )


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """Headline counts. Deliverables are counted two ways (see ``geo/labels/counts.py``):
    *items* are deliverable rows, *quantity* adds up their quantities."""

    projects: int
    provinces: int
    districts: int
    sites: int
    quantity_completed: int
    quantity_total: int
    items_completed: int = 0
    items_total: int = 0

    @property
    def deliverables_completed(self) -> int:
        """Older name of :attr:`quantity_completed`."""
        return self.quantity_completed

    @property
    def deliverables_total(self) -> int:
        """Older name of :attr:`quantity_total`."""
        return self.quantity_total


def key_figures(registry: Registry, filters: Filters, view: pd.DataFrame) -> KeyFigures:
    """Headline counts of the filtered data.

    ``projects`` counts projects selected by the project and institution filters
    (including those with no mapped units) unless a unit-based filter or a year is set,
    in which case only projects with sites.
    ``provinces`` counts distinct provinces touched by any site; ``districts`` counts
    district-level sites' distinct units; ``items_*`` count deliverable rows and
    ``quantity_*`` sum their quantities, both for the sites in ``view``.
    """
    unit_filters = filters.provinces or filters.phases or filters.statuses
    if unit_filters or filters.year is not None:
        projects = view["project"].nunique()
    else:
        projects = len(selected_projects(registry, filters))
    return KeyFigures(
        projects=int(projects),
        provinces=int(view["province_pcode"].nunique()),
        districts=int(view.loc[view["level"] == "district", "pcode"].nunique()),
        sites=len(view),
        quantity_completed=int(view["deliverables_completed"].sum()),
        quantity_total=int(view["deliverables_total"].sum()),
        items_completed=int(view["items_completed"].sum()) if "items_completed" in view else 0,
        items_total=int(view["items_total"].sum()) if "items_total" in view else 0,
    )


def items_stated(figures: KeyFigures) -> bool:
    """False when the figures cover places but the sources list no deliverable item for
    them: then the two counts are "not stated", never "0 / 0"."""
    return not (figures.sites and not figures.items_total)


def figure_items(
    figures: KeyFigures, lang: str, *, projects: bool = True
) -> list[tuple[str, str, str]]:
    """Key figures as ``(label key, label, value text)`` in ``lang``: one source for the
    page cards, the PNG and the PDF. Numbers are grouped in the language (Babel). Units
    with no deliverable item in the sources read "not stated", not "0 / 0"."""
    rows = [
        ("kf_projects", str(figures.projects)),
        ("kf_provinces", figures.provinces),
        ("kf_districts", figures.districts),
        ("kf_sites", figures.sites),
        # Cards are narrow: the label names the count, "completed / total" is in the help.
        ("count_items", format_ratio(figures.items_completed, figures.items_total, lang)),
        ("count_quantity", format_ratio(figures.quantity_completed, figures.quantity_total, lang)),
    ]
    if not items_stated(figures):
        # "0 / 0" would read as nothing delivered; say what is true instead.
        rows[-2:] = [(key, t("not_stated_short", lang)) for key, _ in rows[-2:]]
    if not projects:
        rows = rows[1:]
    return [
        (key, t(key, lang), value if isinstance(value, str) else format_int(value, lang))
        for key, value in rows
    ]


def deliverable_view(registry: Registry, filters: Filters, lang: str = "tr") -> pd.DataFrame:
    """Filtered deliverables with display labels and unit names."""
    rows = filter_deliverables(registry, filters)
    province, district = _unit_names(rows["pcode"])
    return pd.DataFrame(
        {
            "project": rows["project"],
            "project_name": rows["project"].map(lambda p: registry.projects[p].short(lang)),
            "phase": rows["phase"],
            "province": province,
            "district": district,
            "pcode": rows["pcode"],
            "deliverable": rows["deliverable"],
            "deliverable_label": rows["deliverable"].map(
                lambda d: registry.deliverable_label(d, lang)
            ),
            "quantity": rows["quantity"],
            "status": rows["status"],
            "status_label": rows["status"].map(lambda s: registry.status_label(s, lang)),
            "source": rows["source"],
            "note": rows["note_en" if lang == "en" else "note_tr"],
        }
    ).reset_index(drop=True)


def unit_detail(registry: Registry, pcode: str, lang: str = "tr") -> dict:
    """Everything known about one unit: names, sites (all projects), deliverables, indicators.

    A district also lists the province-level sites of its province, since a provincial
    council covers it. ``indicators`` holds the bundled indicators, then any indicator
    editors uploaded (ids from :func:`geo.user_catalog.user_catalog`).
    """
    level = "province" if len(pcode) == 6 else "district"
    view = site_view(registry, Filters(), lang)
    own = view[view["pcode"] == pcode]
    province_sites = view[(view["pcode"] == pcode[:6])] if level == "district" else view.iloc[0:0]
    deliverables = deliverable_view(registry, Filters(), lang)
    table = indicators.table(level)
    values = table.loc[pcode].to_dict() if pcode in table.index else {}
    # User indicators (geo.user_catalog, from the store) follow.
    values.update(user_catalog.user_values_at(pcode, level))
    if level == "district":
        row = units().loc[pcode]
        name, province = str(row["district"]), str(row["province"])
    else:
        name = province = str(provinces_table().at[pcode, "province"])
    return {
        "pcode": pcode,
        "level": level,
        "name": name,
        "province": province,
        "sites": own,
        "province_sites": province_sites,
        "deliverables": deliverables[deliverables["pcode"] == pcode],
        "indicators": values,
        "related": related_indicators(pcode),
    }


def related_indicators(pcode: str) -> list[tuple[str, str, str, float]]:
    """Indicators of the units that contain ``pcode``: ``(level, key, indicator id, value)``.

    A district gets its province's indicators (GDP per capita is published by province)
    and its NUTS-2 region's (the 2018 poverty rate and Gini); a province gets its
    region's. A series gives its latest year only. The level travels with each value so a
    panel can say whose value it shows.
    """
    related: list[tuple[str, str, str, float]] = []
    keys: list[tuple[str, str]] = []
    if len(pcode) == 9:
        keys.append(("province", pcode[:6]))
    region = region_of(pd.Series([pcode])).iloc[0]
    if isinstance(region, str):
        keys.append(("region", region))
    latest = {
        (ind.series or ind.id): ind.id for ind in indicators.catalog().values()
    }  # catalog order puts each series' latest year last
    for level, key in keys:
        for ind in indicators.indicators_for(level):  # type: ignore[arg-type]
            if latest[ind.series or ind.id] != ind.id:
                continue
            value = indicators.values(ind.id).get(key)
            if value is not None and pd.notna(value):
                related.append((level, key, ind.id, float(value)))
    return related


def deliverable_popups(
    view: pd.DataFrame, deliverables: pd.DataFrame, lang: str = "tr"
) -> dict[str, list[str]]:
    """Popup lines per unit: its project-phases, then ``"2 × Survey — Completed"`` (text).

    The map puts the unit's name above these lines.

    Parameters
    ----------
    view : DataFrame
        :func:`site_view` rows (gives the phases).
    deliverables : DataFrame
        :func:`deliverable_view` rows with labels in the same language.
    lang : str
        Language of the quantities' digit grouping.
    """
    popups: dict[str, list[str]] = {}
    for pcode, rows in view.groupby("pcode"):
        lines = [f"{r['project_name']} · {r['phase_label']}" for _, r in rows.iterrows()]
        own = deliverables[deliverables["pcode"] == pcode]
        lines += [
            f"{format_int(r['quantity'], lang)} × {r['deliverable_label']} — {r['status_label']}"
            for _, r in own.iterrows()
        ]
        popups[str(pcode)] = lines
    return popups


def project_timeline(registry: Registry, project_id: str, lang: str) -> tuple[list, list, list]:
    """(phases, dated activities, undated activities) of a project, labelled in ``lang``."""
    project = registry.projects[project_id]
    phases = [
        {
            "label": p.label(lang),
            "start": p.start,
            "end": p.end,
            "note": p.note_en if lang == "en" else p.note_tr,
        }
        for p in project.phases
    ]
    dated, undated = [], []
    for act in project.info.get("activities") or []:
        item = {
            "label": act[lang],
            "start": act.get("start"),
            "end": act.get("end"),
            # The source's own wording (Turkish), in English where the registry gives it.
            "date_text": (act.get("date_text_en") if lang == "en" else None)
            or act.get("date_text", ""),
            "status_label": registry.status_label(act.get("status", "not_reported"), lang),
        }
        (dated if item["start"] else undated).append(item)
    return phases, dated, undated


def pilot_units(view: pd.DataFrame, level: str) -> set[str]:
    """Unit keys at ``level`` covered by the sites in ``view`` (see :func:`coverage_of`)."""
    table = coverage_of(view, level)
    return set(table.index[table["coverage"] != "none"])


#: How a unit is covered, in :func:`coverage_of`: the unit itself is a pilot, its
#: province is, some of its districts are, some of its provinces or districts are (a
#: region), or none.
COVERAGE_KINDS = ("own", "province", "districts", "members", "none")


def _projects_by(keys: pd.Series, names: pd.Series) -> pd.Series:
    frame = pd.DataFrame({"key": keys.to_numpy(), "name": names.to_numpy()})
    return frame.groupby("key")["name"].agg(lambda s: ", ".join(dict.fromkeys(s)))


def _mark(result: pd.DataFrame, kind: str, projects: pd.Series) -> None:
    """Set ``coverage`` to ``kind`` and ``projects`` for the units in ``projects``' index."""
    projects = projects[projects.index.isin(result.index)]
    if len(projects):
        result.loc[projects.index, "coverage"] = kind
        result.loc[projects.index, "projects"] = projects.to_numpy()


def coverage_of(view: pd.DataFrame, level: str) -> pd.DataFrame:
    """Every unit of ``level`` with how the sites in ``view`` cover it, and by which projects.

    A district is covered when it is a pilot (``own``) or its province is one
    (``province``: a provincial council reaches its districts without naming them). A
    province is covered when it is a pilot (``own``) or any of its districts is
    (``districts``). A NUTS-2 region is covered when any of its provinces or districts is
    a pilot (``members``).

    Returns
    -------
    DataFrame
        Indexed by unit key (P-code or NUTS-2 code) with ``coverage`` (one of
        :data:`COVERAGE_KINDS`) and ``projects`` (short names, "" when none).
    """
    index = indicators.level_index(level)  # type: ignore[arg-type]
    result = pd.DataFrame({"coverage": "none", "projects": ""}, index=index)
    if view.empty:
        return result
    names = view["project_name"]
    is_district = view["level"] == "district"
    pcodes = view["pcode"]
    if level == "region":
        _mark(result, "members", _projects_by(region_of(pcodes), names))
        return result
    if level == "province":
        kinds = (("districts", is_district, pcodes.str[:6]), ("own", ~is_district, pcodes))
    else:
        provincial = view.loc[~is_district, "pcode"]
        # Districts of a province-level pilot: every district of that province.
        spread = units()[units()["province_pcode"].isin(set(provincial))]
        by_province = _projects_by(provincial, names[~is_district])
        _mark(result, "province", spread["province_pcode"].map(by_province))
        kinds = (("own", is_district, pcodes),)
    for kind, mask, keys in kinds:
        _mark(result, kind, _projects_by(keys[mask], names[mask]))
    return result


def highest_need(
    values: pd.Series,
    coverage: pd.DataFrame,
    ascending: bool | None,
    level: str,
    n: int = 15,
    *,
    only_uncovered: bool = True,
) -> pd.DataFrame:
    """The ``n`` highest-need units, with how each is covered.

    Parameters
    ----------
    values : Series
        Indicator values by unit key.
    coverage : DataFrame
        :func:`coverage_of` at ``level``.
    ascending : bool
        :func:`geo.indicators.need_order`: True when lower values mean more need. An
        indicator without a need direction has no highest-need units (``ValueError``).
    only_uncovered : bool
        Leave out units covered in any way (themselves, their province or their members).

    Returns
    -------
    DataFrame
        ``pcode``, names (``region`` / ``province`` / ``district`` by level), ``value``,
        ``coverage`` and ``projects``.
    """
    if ascending is None:
        msg = "an indicator without a need direction has no highest-need units"
        raise ValueError(msg)
    status = coverage.reindex(values.index)
    candidates = values.dropna()
    if only_uncovered:
        candidates = candidates[status.loc[candidates.index, "coverage"] == "none"]
    top = candidates.sort_values(ascending=ascending, kind="stable").head(n)
    if level == "district":
        names = units().reindex(top.index)
        frame = pd.DataFrame({"province": names["province"], "district": names["district"]})
    elif level == "province":
        frame = pd.DataFrame({"province": provinces_table().reindex(top.index)["province"]})
    else:
        frame = pd.DataFrame({"region": [region_name(c) for c in top.index]}, index=top.index)
    frame["value"] = top
    frame["coverage"] = status.loc[top.index, "coverage"]
    frame["projects"] = status.loc[top.index, "projects"]
    return frame.rename_axis("pcode").reset_index()


def province_pilots(view: pd.DataFrame, pcodes: pd.Series) -> pd.Series:
    """For each district P-code, the projects with a province-level site in its province.

    A provincial council or a metropolitan municipality project reaches its districts
    without naming them, so need tables show it beside "no district pilot".
    """
    provincial = view[view["level"] == "province"]
    by_province = provincial.groupby("pcode")["project_name"].agg(
        lambda s: ", ".join(dict.fromkeys(s))
    )
    return pcodes.str[:6].map(by_province).fillna("").set_axis(pcodes.index)
