"""The Export menu of the map pages: every file is built only when clicked."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from geo.i18n import t
from geo.maps import AtlasMap
from geo.scope import ExportScope, export_scope
from pages.ui.context import Context
from pages.ui.tables import download


def page_scope(ctx: Context) -> ExportScope:
    """The page's scope, as every export of it holds it."""
    return export_scope(ctx.state, ctx.registry)


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
    from geo.cache import cached_site_view, filters_key
    from geo.export import sites_table, to_bytes
    from geo.maps import bounds_of
    from geo.scope import scope_text, source_titles

    lang, registry = ctx.lang, ctx.registry
    scope = page_scope(ctx)
    filters = scope.filters
    view = cached_site_view(ctx.version, filters_key(filters), lang)
    stem = f"pilot-atlas-{scope.project or ctx.state.page}"
    text = scope_text(registry, scope, lang)
    # A project map frames its units; the overview frames the filtered provinces.
    framed = sorted(set(view["pcode"])) if scope.project else list(filters.provinces)

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
            sources=source_titles(registry, sorted(set(view["project"])), lang),
            focus=bounds_of(framed) if framed else None,
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
