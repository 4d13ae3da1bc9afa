"""The map on a page, place search and the selected unit's detail panel."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo import indicators, user_catalog
from geo.assets import page_style
from geo.geometry import unit_at
from geo.i18n import fmt_number, level_label, t
from geo.indicator_maps import related_rows
from geo.maps import AtlasMap, bounds_of
from geo.national import Figure
from geo.numbers import decimals_for, format_int
from geo.resolver import default_resolver
from geo.state import parse_view
from geo.views import KeyFigures, figure_items, items_stated, unit_detail
from pages.ui.context import Context
from pages.ui.mapframe import atlas_map
from pages.ui.places import open_place
from pages.ui.tables import escape_md

#: Keys of the blocks holding the room of the widgets a first visit brings once its map
#: is drawn (pages.ui.mapframe.first_view), so the map does not move when they come:
#: a choice (label and box: the project page's), a button beside the title (the
#: indicators page's classification), and the indicators page's row of choices, for a
#: series of years (box, mode, years) or a single year (box). Their heights are in
#: ``static/page/map-page.css`` (tests/test_styles.py holds the names together).
CHOICE_KEY = "map_page_choice"
BUTTON_KEY = "map_page_button"
SERIES_ROW_KEY = "map_page_series_row"
SINGLE_ROW_KEY = "map_page_single_row"

#: The map frame's size and the held room above (``static/page/map-page.css``).
#: (Presentation mode sizes the frame itself: pages/ui/presentation.py.)
MAP_PAGE_STYLE = page_style("map-page")


def _cards(figures: KeyFigures, lang: str) -> list[tuple[str, str, str]]:
    """The key-figure cards; the two deliverable counts only where the sources list items
    (a card reading "not stated" would be cut on a narrow card: the note says it instead;
    with no unit at all, as in a year no phase is dated to, there is nothing to count)."""
    items = figure_items(figures, lang)
    if figures.items_total:
        return items
    return [item for item in items if not item[0].startswith("count_")]


def compact_figures(ctx: Context, figures: KeyFigures, stated: tuple[Figure, ...] = ()) -> None:
    """Key figures as a compact two-column block beside the map (values never cut), then
    the ``stated`` output figures, if any, in the same two columns."""
    cards = _cards(figures, ctx.lang)
    # Row by row: on a phone the columns stack, and the cards must keep their order.
    for start in range(0, len(cards), 2):
        for col, (key, label, value) in zip(
            st.columns(2, gap="small"), cards[start : start + 2], strict=False
        ):
            help_text = t("count_help", ctx.lang) if key.startswith("count_") else None
            col.metric(label, value, help=help_text)
    if not items_stated(figures):
        note = t("stated_outputs_note" if stated else "items_not_stated", ctx.lang)
        head = f"**{t('stated_outputs', ctx.lang)}** · " if stated else ""
        st.caption(head + note)
    for start in range(0, len(stated), 2):
        for col, figure in zip(st.columns(2, gap="small"), stated[start : start + 2], strict=False):
            _stated_card(col, figure, ctx.lang)


def key_figures(ctx: Context, figures: KeyFigures, stated: tuple[Figure, ...] = ()) -> None:
    """Key figures as a row of large metrics (presentation mode, read from afar); the
    ``stated`` output figures, if any, follow in the same row."""
    items = _cards(figures, ctx.lang)
    cols = st.columns(len(items) + len(stated))
    for col, (key, label, value) in zip(cols, items, strict=False):
        help_text = t("count_help", ctx.lang) if key.startswith("count_") else None
        col.metric(label, value, help=help_text)
    for col, figure in zip(cols[len(items) :], stated, strict=True):
        _stated_card(col, figure, ctx.lang)
    if not items_stated(figures) and not stated and not ctx.present:
        st.caption(t("items_not_stated", ctx.lang))  # why the counts are not shown


def _stated_card(col: DeltaGenerator, figure: Figure, lang: str) -> None:
    note = (
        t("stated_outputs_help", lang).format(note=figure.note(lang)) if figure.note(lang) else None
    )
    label = t("stated_card", lang).format(label=figure.label(lang))
    col.metric(label, format_int(figure.value, lang), help=note)


def select_unit(pcode: str | None, *, focus: bool) -> None:
    st.session_state["unit"] = pcode
    st.session_state["map_focus"] = pcode if focus else st.session_state.get("map_focus")
    if focus and pcode:
        st.session_state["map_view"] = None  # the searched place wins over a linked view


def search_box(ctx: Context) -> None:
    """Turkish-aware place search; choosing a hit selects the unit and centres the map."""
    lang = ctx.lang
    query = st.text_input(
        t("search_place", lang), key="search", help=t("search_help", lang), placeholder="Şahinbey"
    )
    if not query.strip():
        return
    hits = default_resolver().search(query, limit=6)
    if not hits:
        st.caption(t("search_none", lang))
        return
    cols = st.columns(min(len(hits), 3))
    for i, hit in enumerate(hits):
        cols[i % len(cols)].button(
            f"{hit.label} · {level_label(hit.level, lang)}",
            key=f"hit_{hit.pcode}",
            on_click=select_unit,
            args=(hit.pcode,),
            kwargs={"focus": True},
            width="stretch",
        )


def _centre_of(pcode: str) -> tuple[float, float, float] | None:
    """(lat, lon, zoom) showing ``pcode``: its bounds' centre, closer for a district."""
    bounds = bounds_of([pcode])
    if bounds is None:
        return None
    (s, w), (n, e) = bounds
    return (s + n) / 2, (w + e) / 2, (9 if len(pcode) == 9 else 7)


def _view_of(key: str) -> tuple[float, float, float] | None:
    """The view the user chose on map ``key`` (or a linked view this map claims)."""
    stored = st.session_state.get("map_view")
    if not stored:
        return None
    if stored["key"] is None:
        stored["key"] = key  # a link's view belongs to the first map it opens
    if stored["key"] != key:
        st.session_state["map_view"] = None  # another map: its own scope, freshly fitted
        return None
    return stored["v"]


def _record_view(key: str, reported: object) -> None:
    if not isinstance(reported, list) or len(reported) != 3:
        return
    view = parse_view(",".join(str(x) for x in reported))
    if view is not None:
        st.session_state["map_view"] = {"key": key, "v": view}


def hold_room(key: str, where: DeltaGenerator | None = None) -> None:
    """Keep the room of widgets still to come on a first visit: the block ``key`` (one of
    the keys above, sized in ``static/page/map-page.css``) in ``where`` (else where the page
    is). Streamlit draws no empty block, so a blank line holds it open."""
    (where or st).container(key=key).markdown("\u00a0")


def map_layout(ctx: Context) -> tuple[DeltaGenerator, DeltaGenerator, DeltaGenerator | None]:
    """The blocks of a map page under its title: (head, map column, side column).

    Both modes build the same blocks, so a page reads the same in either. On a projector
    the map takes the full width and there is no side column. The map keeps its place in
    the page's tree in either mode (the scene bar has a block of its own above the page,
    see ``app.py``), so its frame keeps the loaded map when the mode changes.
    """
    head = st.container()
    if ctx.present:
        (map_col,) = st.columns(1)
        return head, map_col, None
    map_col, side_col = st.columns([3, 1], gap="medium")
    return head, map_col, side_col


def show_map(fmap: AtlasMap, key: str, ctx: Context) -> None:
    """Render a map; a click selects the unit under it without reloading the map.

    The map reports the view the user chose (``atlas_view``) so the share link can hold
    it; a view (a link's, a searched place's) goes back to the frame, which moves the map
    without reloading it.
    """
    # Presentation CSS sizes the frame to the screen instead; one element either way, so
    # the frame stands at the same place in its column in both modes (see map_layout).
    st.html(MAP_PAGE_STYLE if not ctx.present else "<style></style>")
    selected = st.session_state.get("unit")
    view = None if ctx.present else _view_of(key)
    focus = st.session_state.get("map_focus")
    centre = view or (_centre_of(focus) if focus else None)
    mode = "present" if ctx.present else "browse"
    result = atlas_map(
        fmap, key=key, height=ctx.map_height, view=centre, selected=selected, mode=mode
    )
    if not ctx.present:
        _record_view(key, (result or {}).get("atlas_view"))
    click = (result or {}).get("last_clicked")
    seen_key = f"_seen_click_{key}"
    if click and click != st.session_state.get(seen_key):
        st.session_state[seen_key] = click
        pcode = unit_at(float(click["lat"]), float(click["lng"]))
        if pcode != selected:
            select_unit(pcode, focus=False)
            st.rerun()


def _site_lines(sites: pd.DataFrame) -> None:
    lines = [
        f"- **{escape_md(str(r.project_name))}** — {escape_md(str(r.phase_label))}"
        for r in sites.itertuples()
    ]
    st.markdown("\n".join(lines))


def _deliverable_lines(deliverables: pd.DataFrame, lang: str) -> None:
    """One wrapped line per deliverable: the panel is narrow and nothing may be cut."""
    lines = []
    for r in deliverables.itertuples():
        quantity = getattr(r, "quantity", None)
        amount = (
            f"{fmt_number(float(quantity), lang)} × "
            if quantity is not None and pd.notna(quantity)
            else ""
        )
        place = getattr(r, "district", "") or getattr(r, "province", "")
        where = f" · {escape_md(str(place))}" if place and pd.notna(place) else ""
        lines.append(
            f"- {amount}{escape_md(str(r.deliverable_label))} — "
            f"*{escape_md(str(r.status_label))}*{where}"
        )
    st.markdown("\n".join(lines))


def unit_panel(ctx: Context) -> None:
    """Details of the selected unit: pilots of every project, deliverables, indicators.

    Shown in the narrow column beside the map, so everything is wrapped text, never a
    table whose cells cut values.
    """
    lang = ctx.lang
    pcode = st.session_state.get("unit")
    st.markdown(f"#### {t('detail_title', lang)}")
    if not pcode:
        st.caption(t("detail_hint", lang))
        return
    detail = unit_detail(ctx.registry, pcode, lang)
    title = (
        detail["name"]
        if detail["level"] == "province"
        else f"{detail['name']}, {detail['province']}"
    )
    st.markdown(f"**{escape_md(title)}** · {level_label(detail['level'], lang)} · `{pcode}`")
    profile_col, clear_col = st.columns(2)
    # The selected unit's full page: reached from a map click and from the search box.
    profile_col.button(
        t("place_open", lang),
        on_click=open_place,
        args=(pcode,),
        key="open_place",
        icon=":material/location_city:",
        type="primary",
        width="stretch",
    )
    clear_col.button(
        t("clear_selection", lang),
        on_click=select_unit,
        args=(None,),
        kwargs={"focus": True},
        width="stretch",
    )
    sites: pd.DataFrame = detail["sites"]
    if sites.empty:
        st.info(t("detail_no_sites", lang))
    else:
        _site_lines(sites)
    if not detail["province_sites"].empty:
        st.caption(t("detail_province_sites", lang))
        _site_lines(detail["province_sites"])
    deliverables: pd.DataFrame = detail["deliverables"]
    if not sites.empty:
        st.caption(t("detail_deliverables", lang))
        if deliverables.empty:
            st.caption(t("detail_no_deliverables", lang))
        else:
            _deliverable_lines(deliverables, lang)
    st.caption(t("detail_indicators", lang))
    rows = indicator_rows(detail, lang)
    if not rows.empty:
        name, value, unit, source = (
            t("indicator", lang),
            t("col_value", lang),
            t("col_unit", lang),
            t("source_line", lang),
        )
        st.markdown(
            "\n".join(
                f"- {escape_md(str(r[name]))}: **{escape_md(str(r[value]))}** "
                f"{escape_md(str(r[unit]))}  \n  *{escape_md(str(r[source]))}*"
                for _, r in rows.iterrows()
            )
        )


def indicator_rows(detail: dict, lang: str) -> pd.DataFrame:
    catalog = user_catalog.catalog_with_user(lang=lang)
    rows = []
    for ind_id, value in detail["indicators"].items():
        if ind_id not in catalog or pd.isna(value):
            continue
        ind = catalog[ind_id]
        shown = fmt_number(value, lang, decimals_for(ind.kind))
        if ind_id == "sege2022_rank":
            shown = indicators.rank_text(detail["pcode"])
        rows.append(
            {
                t("indicator", lang): ind.label(lang),
                t("col_value", lang): shown,
                t("col_unit", lang): ind.unit(lang),
                t("source_line", lang): (
                    f"{ind.edition_text(lang)} ({ind.year})" if ind.year else ind.edition_text(lang)
                ),
            }
        )
    # Values of the province and the NUTS-2 region the unit lies in, each naming its level.
    rows.extend(related_rows(detail.get("related", []), lang))
    return pd.DataFrame(rows)
