"""National-scope projects: those whose sources name no pilot province or district.

Such a project is shown as covering the country, with the project office where its
source names one, and with the national outputs its source gives as figures. Everything
here comes from ``data/projects.yaml`` (``scope``, ``office``, ``outputs[].figures``),
which in turn traces to the seed documents.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.geometry import display_layer, unit_names
from geo.i18n import t
from geo.maps import AtlasMap, Legend, add_point, choropleth_map
from geo.numbers import format_int
from geo.registry import Registry

#: Fill of every province on a national-scope map, and the office marker's colour.
NATIONAL_FILL = "#c9dcef"
OFFICE_COLOUR = "#d00000"


@dataclass(frozen=True, slots=True)
class Figure:
    """One national output figure as its source states it (e.g. 1,500 public staff)."""

    value: float
    label_tr: str
    label_en: str
    unit_tr: str
    unit_en: str
    #: The output sentence the figure comes from (empty for national headline figures).
    note_tr: str = ""
    note_en: str = ""

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_tr

    def unit(self, lang: str) -> str:
        return self.unit_en if lang == "en" else self.unit_tr

    def note(self, lang: str) -> str:
        return self.note_en if lang == "en" else self.note_tr

    def value_text(self, lang: str) -> str:
        """The value grouped in ``lang`` with its unit: ``1.500 kamu personeli``."""
        return f"{format_int(self.value, lang)} {self.unit(lang)}"


@dataclass(frozen=True, slots=True)
class Office:
    """The project office as the source gives it: the district (P-code) and the address."""

    pcode: str
    address: str
    source: str


@dataclass(frozen=True, slots=True)
class NationalScope:
    """What a national-scope project page shows instead of pilot units."""

    project: str
    office: Office | None
    figures: tuple[Figure, ...]
    source: str


def is_national(registry: Registry, project_id: str) -> bool:
    """True when the project has no site (its sources name no pilot place)."""
    return not bool((registry.sites["project"] == project_id).any())


def national_scope(registry: Registry, project_id: str) -> NationalScope | None:
    """The national view of a project with no sites, else ``None``.

    Headline figures are those marked ``headline_tr``/``headline_en`` in the project's
    outputs, in the order the source lists them.
    """
    if not is_national(registry, project_id):
        return None
    project = registry.projects[project_id]
    figures = tuple(
        Figure(
            value=float(fig["value"]),
            label_tr=str(fig["headline_tr"]),
            label_en=str(fig["headline_en"]),
            unit_tr=str(fig.get("unit_tr", "")),
            unit_en=str(fig.get("unit_en", "")),
        )
        for output in project.info.get("outputs") or []
        for fig in output.get("figures") or []
        if fig.get("headline_tr")
    )
    raw = project.info.get("office")
    office = (
        Office(pcode=str(raw["pcode"]), address=str(raw["address"]), source=str(raw["source"]))
        if raw
        else None
    )
    return NationalScope(project_id, office, figures, project.source)


def stated_figures(registry: Registry, project_id: str) -> tuple[Figure, ...]:
    """Every output figure the project's source states, in the order it lists them.

    For a project whose places carry no deliverable items, these stand where "0 / 0"
    cards would: what the source does say. The label is the figure's headline where the
    registry gives one, else its unit (``Yerel yönetim`` / ``Local governments``); the
    note is the output sentence it comes from.
    """
    project = registry.projects[project_id]
    return tuple(
        Figure(
            value=float(fig["value"]),
            label_tr=str(fig.get("headline_tr") or _capital(str(fig.get("unit_tr", "")), "tr")),
            label_en=str(fig.get("headline_en") or _capital(str(fig.get("unit_en", "")), "en")),
            unit_tr=str(fig.get("unit_tr", "")),
            unit_en=str(fig.get("unit_en", "")),
            note_tr=str(output.get("tr", "")),
            note_en=str(output.get("en", "")),
        )
        for output in project.info.get("outputs") or []
        for fig in output.get("figures") or []
    )


def _capital(text: str, lang: str) -> str:
    """First letter upper-cased the language's way (Turkish ``i`` -> ``İ``)."""
    if not text:
        return text
    first = "İ" if lang == "tr" and text[0] == "i" else text[0].upper()
    return first + text[1:]


def office_point(pcode: str) -> tuple[float, float]:
    """A (lat, lon) inside the office's district (EPSG:4326, degrees).

    The source gives a street address, not coordinates, so the marker stands for the
    district it names, at a point guaranteed to lie inside that district.
    """
    layer = display_layer("district" if len(pcode) == 9 else "province")
    geometry = layer.loc[layer["pcode"] == pcode, "geometry"]
    if geometry.empty:
        msg = f"unknown office P-code {pcode!r}"
        raise KeyError(msg)
    point = geometry.iloc[0].representative_point()
    return float(point.y), float(point.x)


def national_map(
    scope: NationalScope, lang: str, *, basemap: bool = False, large: bool = False
) -> AtlasMap:
    """Every province filled as national scope; the office's district outlined and marked."""
    provinces = display_layer("province")["pcode"]
    classes = pd.Series(0.0, index=provinces.to_numpy())
    items = [(NATIONAL_FILL, t("national_scope_legend", lang))]
    outlines: dict[str, list[str]] = {}
    if scope.office is not None:
        items.append((f"outline:{OFFICE_COLOUR}", t("national_office_legend", lang)))
        outlines["district" if len(scope.office.pcode) == 9 else "province"] = [scope.office.pcode]
    legend = Legend(t("national_scope_title", lang), items)
    fmap = choropleth_map(
        "province",
        classes,
        [NATIONAL_FILL],
        legend,
        tooltips={str(p): [t("national_scope_legend", lang)] for p in provinces},
        outlines=outlines,
        basemap=basemap,
        large=large,
        lang=lang,
    )
    if scope.office is not None:
        name = unit_names([scope.office.pcode]).get(scope.office.pcode, scope.office.pcode)
        text = f"{t('national_office', lang)}: {scope.office.address} ({name})"
        add_point(fmap, office_point(scope.office.pcode), text, fill=OFFICE_COLOUR)
    return fmap
