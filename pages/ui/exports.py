"""The Export menu of the map pages: every file is built only when clicked."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from geo.i18n import t
from geo.maps import AtlasMap, bounds_of
from pages.ui.context import Context
from pages.ui.tables import download


def export_menu(
    ctx: Context,
    *,
    title: str,
    kind: str,
    map_factory: Callable[[], AtlasMap],
    colours: dict[str, str] | None = None,
    legend: list[tuple[str, str]] | None = None,
    legend_title: str | None = None,
) -> None:
    """Downloads of exactly what is on screen; every file is built only when clicked."""
    from geo import briefing
    from geo.cache import cached_site_view
    from geo.export import sites_table, to_bytes

    lang, registry, filters = ctx.lang, ctx.registry, ctx.state.filters
    view = cached_site_view(ctx.version, ctx.filters_key, lang)
    stem = f"pilot-atlas-{ctx.state.page}"
    text = briefing.filters_text(registry, filters, lang)

    def table_bytes(fmt: str) -> bytes:
        return to_bytes(sites_table(registry, filters, lang), fmt, sheet="sites", bom=True)

    def png() -> bytes:
        return briefing.map_png(
            view,
            title,
            text,
            lang,
            kind=kind,  # type: ignore[arg-type]
            colours=colours,
            legend=legend,
            legend_title=legend_title,
            sources=briefing.source_titles(registry, sorted(set(view["project"])), lang),
            focus=bounds_of(list(filters.provinces)) if filters.provinces else None,
        )

    def html() -> bytes:
        return briefing.standalone_map_html(map_factory(), title=title).encode("utf-8")

    with st.popover(t("export", lang), icon=":material/download:"):
        st.caption(t("export_caption", lang))
        buttons = (
            ("export_table_csv", partial(table_bytes, "csv"), "csv"),
            ("export_table_xlsx", partial(table_bytes, "xlsx"), "xlsx"),
            ("export_geojson", partial(table_bytes, "geojson"), "geojson"),
            ("export_png", png, "png"),
            ("export_html", html, "html"),
            ("export_pdf", partial(briefing.briefing_pdf, registry, filters, lang), "pdf"),
        )
        for label, data, ext in buttons:
            download(t(label, lang), data, f"{stem}.{ext}", key=f"export_{ctx.state.page}_{ext}")
