"""The Export menu of the map pages: every file is built only when clicked."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from geo.i18n import t
from geo.maps import AtlasMap
from geo.scope import ExportScope, export_scope, scope_title
from pages.ui.context import Context
from pages.ui.tables import download


def page_scope(ctx: Context) -> ExportScope:
    """The page's scope, as every export of it holds it."""
    return export_scope(ctx.state, ctx.registry)


def export_menu(ctx: Context, *, title: str, map_factory: Callable[[], AtlasMap]) -> None:
    """Downloads of exactly what is on screen (:mod:`geo.scope`); ``map_factory`` builds
    the page's own map with its geometry inline, for the standalone HTML."""
    from datetime import date

    from geo import briefing
    from geo.cache import cached_export

    lang, registry = ctx.lang, ctx.registry
    scope = page_scope(ctx)
    title = scope_title(registry, scope, lang, title)
    stem = f"pilot-atlas-{scope.project or ctx.state.page}"

    def built(fmt: str) -> bytes:
        day = date.today().isoformat()
        return cached_export(ctx.version, scope.key, lang, fmt, title=title, day=day)

    def html() -> bytes:
        return briefing.scope_html(registry, scope, lang, title, map_factory())

    with st.popover(t("export", lang), icon=":material/download:"):
        st.caption(t("export_caption", lang))
        buttons = (
            ("export_table_csv", partial(built, "csv"), "csv"),
            ("export_table_xlsx", partial(built, "xlsx"), "xlsx"),
            ("export_geojson", partial(built, "geojson"), "geojson"),
            ("export_png", partial(built, "png"), "png"),
            ("export_html", html, "html"),
            ("export_pdf", partial(built, "pdf"), "pdf"),
        )
        for label, data, ext in buttons:
            download(t(label, lang), data, f"{stem}.{ext}", key=f"export_{ctx.state.page}_{ext}")
