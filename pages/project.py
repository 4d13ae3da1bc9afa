"""One project: map by phase, key figures, deliverable status, timeline, facts and outputs."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from geo.cache import (
    cached_deliverables,
    cached_popups,
    cached_site_view,
    cached_status_chart,
    cached_timeline,
)
from geo.i18n import t
from geo.maps import bounds_of, phase_colours, phase_map
from geo.national import NationalScope, national_map, national_scope, stated_figures
from geo.scope import project_page_id
from geo.sources import source_line
from geo.style import phase_legend
from geo.tables import deliverable_columns, labelled
from geo.views import Filters, items_stated, key_figures, selected_projects
from pages.ui.context import Context
from pages.ui.exports import export_menu
from pages.ui.mapframe import controls_first, first_view, map_first
from pages.ui.mapview import (
    CHOICE_KEY,
    compact_figures,
    hold_room,
    map_layout,
    show_map,
    unit_panel,
)
from pages.ui.mapview import key_figures as show_key_figures
from pages.ui.places import place_table
from pages.ui.tables import escape_md
from pages.ui.targets import targets_section
from pages.ui.timecontrol import year_control


def _facts(ctx: Context, info: dict) -> None:
    lang = ctx.lang
    rows = []
    for key in ("beneficiary", "co_beneficiary", "implementer", "partners", "funders"):
        names = "; ".join(item[lang] for item in info.get(key) or []) or t("not_stated", lang)
        rows.append({"field": t(key, lang), "value": names})
    budget = info.get("budget")
    rows.append(
        {
            "field": t("budget", lang),
            "value": budget[f"text_{lang}"] if budget else t("not_stated", lang),
        }
    )
    period = info.get(f"end_note_{lang}") or t("not_stated", lang)
    rows.append({"field": t("period", lang), "value": period})
    if info.get("reference"):
        rows.append({"field": t("reference", lang), "value": info["reference"]})
    frame = labelled(pd.DataFrame(rows), {"field": "col_field", "value": "col_value"}, lang)
    st.dataframe(frame, hide_index=True, width="stretch")


def render(ctx: Context) -> None:
    lang, registry = ctx.lang, ctx.registry
    chosen = selected_projects(registry, ctx.state.filters) or list(registry.projects)
    # The same choice the exports make (geo.scope), so files and screen agree; the
    # institution filters can narrow the projects further.
    shown = project_page_id(ctx.state, registry)
    if shown not in chosen:
        shown = chosen[0]
    # Title and project choice share one row, so the map starts high on the page.
    title_col, choice_col = st.columns([3, 1], vertical_alignment="bottom")
    if ctx.present and shown == ctx.state.project:
        pid = shown  # the scene chooses the project; no widgets on a projector
    elif first_view():
        # The choice follows once the map is drawn (pages.ui.mapframe); its room is kept
        # meanwhile, so on a phone, where it stands above the map, the map does not move
        # down when it arrives.
        hold_room(CHOICE_KEY, choice_col)
        pid = shown
    else:
        st.session_state["project_page"] = shown
        pid = choice_col.container(key=CHOICE_KEY).selectbox(
            t("choose_project", lang),
            chosen,
            format_func=lambda p: registry.projects[p].short(lang),
            key="project_page",
        )
    project = registry.projects[pid]
    title_col.title(ctx.scene_title or project.short(lang))  # a phase scene names its phase
    st.markdown(f"**{escape_md(project.name(lang))}**")
    # The page shows one project; the other sidebar filters still apply.
    fkey = ((pid,), *ctx.filters_key[1:])
    view = cached_site_view(ctx.version, fkey, lang)
    deliverables = cached_deliverables(ctx.version, fkey, lang)
    gaps = [gap[lang] for gap in project.info.get("gaps") or []]
    scope = national_scope(registry, pid)
    if scope is not None:
        # No pilot places: the country, the office and the stated outputs, no zero cards.
        _national(ctx, scope)
    else:
        figures = key_figures(registry, Filters(*fkey), view)
        # Places but no deliverable items: the outputs the source states instead of "0 / 0".
        stated = () if items_stated(figures) else stated_figures(registry, pid)
        colours = phase_colours([p.id for p in project.phases])
        all_sites = registry.sites[registry.sites["project"] == pid]
        mapped_phases = set(all_sites["phase"])
        legend = phase_legend(
            [(p.id, p.label(lang)) for p in project.phases if p.id in mapped_phases],
            colours,
            lang,
            province_sites=bool((all_sites["level"] == "province").any()),
        )
        build = partial(
            phase_map,
            view,
            colours,
            legend,
            popups=cached_popups(ctx.version, fkey, lang),
            basemap=ctx.state.basemap,
            large=ctx.present,
            # The project's own units fill the map, not the whole country.
            focus=bounds_of(list(view["pcode"])) if not view.empty else None,
            regions=ctx.state.regions,
            lang=lang,
        )
        # A new key when the region borders are switched, so the map is drawn afresh.
        map_key = f"project_map_{pid}" + ("_regions" if ctx.state.regions else "")
        head, map_col, side_col = map_layout(ctx)
        if ctx.present:
            with head:
                show_key_figures(ctx, figures, stated)
                year_control(ctx, pid)  # no slider on a projector: what the scene shows
        with map_col:
            show_map(build(), map_key, ctx)
        if side_col is None or map_first():
            # A scene is title, figures and map. Otherwise what stands beside and below
            # the map follows once it is drawn.
            return
        # Map first: most of the width; figures, exports and the selected unit beside it.
        with side_col:
            compact_figures(ctx, figures, stated)
            year_control(ctx, pid)  # beside the map, as on the overview: the map starts high
            export_menu(ctx, title=project.short(lang), map_factory=partial(build, inline=True))
            unit_panel(ctx)
        for gap in gaps:  # after the map: the map comes first
            st.info(gap, icon="ℹ️")
    if ctx.present:
        return  # a scene is title, figures and map: it fits the screen without scrolling
    if controls_first():
        return  # charts and tables follow once the map and the widgets are rendered
    # A national project has no deliverables by place: its timeline takes the full width.
    left, right = st.columns(2) if scope is None else (None, st.container())
    if left is not None:
        with left:
            chart = cached_status_chart(ctx.version, fkey, lang)
            if chart is None:
                st.caption(t("status_chart_empty", lang))
            else:
                st.plotly_chart(chart, width="stretch")
    with right:
        figure, undated = cached_timeline(ctx.version, pid, lang)
        if figure is not None:
            st.plotly_chart(figure, width="stretch")
        if undated:
            st.caption(t("timeline_undated", lang))
            st.dataframe(
                pd.DataFrame(undated)[["label", "date_text", "status_label"]].rename(
                    columns={
                        "label": t("activity", lang),
                        "date_text": t("date_text", lang),
                        "status_label": t("col_status", lang),
                    }
                ),
                hide_index=True,
                width="stretch",
            )
    st.subheader(t("outputs", lang))
    for output in project.info.get("outputs") or []:
        st.markdown(f"- {escape_md(output[lang])}")
    targets_section(ctx, [pid])
    if scope is None:
        _unit_indicators(ctx, view)
    if project.info.get("components"):
        st.subheader(t("components", lang))
        for component in project.info["components"]:
            st.markdown(f"- {escape_md(component[lang])}")
    st.subheader(t("project_facts", lang))
    _facts(ctx, project.info)
    if not deliverables.empty:
        st.subheader(t("detail_deliverables", lang))
        place_table(
            deliverable_columns(deliverables, lang), deliverables["pcode"], key="project_items"
        )
    if scope is not None and gaps:
        st.subheader(t("gaps", lang))
        for gap in gaps:
            st.markdown(f"- {escape_md(gap)}")
    st.caption(f"{t('source_document', lang)}: {source_line(registry, project.source, lang)}")


def _unit_indicators(ctx: Context, view: pd.DataFrame) -> None:
    """GDP per capita and regional poverty of the pilot units, with sources and caveats."""
    from geo.project_indicators import unit_indicators

    lang = ctx.lang
    st.subheader(t("pind_title", lang))
    found = unit_indicators(list(view["pcode"]), lang)
    if found.table.empty:
        st.caption(t("pind_none", lang))
        return
    st.caption(t("pind_intro", lang))
    place_table(found.table, pd.Series(found.pcodes), key="project_unit_indicators")
    poverty, *others = found.caveats
    # The poverty rate is easily misread as "which region is poorer": said beside it.
    st.warning(poverty, icon=":material/info:")
    for caveat in others:
        st.caption(caveat)
    sources = "; ".join(found.citations)
    st.caption(f"{t('pind_sources', lang)}: {sources}")


def _national(ctx: Context, scope: NationalScope) -> None:
    """A project without pilot places: scope note, the country and office, stated figures.

    Map first (beside the figures on a wide screen, above them on a phone); on a projector
    the figures stand in one row above the map.
    """
    lang = ctx.lang
    build = partial(national_map, scope, lang, basemap=ctx.state.basemap, large=ctx.present)
    head, map_col, side_col = map_layout(ctx)
    with head:
        st.caption(f"**{t('national_badge', lang)}** · {t('national_note', lang)}")
        if ctx.present:
            _national_figures(ctx, scope, st.columns(max(min(len(scope.figures), 4), 1)))
    with map_col:
        show_map(build(), f"project_map_{scope.project}", ctx)
    if side_col is None or map_first():
        return
    with side_col:
        _national_figures(ctx, scope, [st.container()])
        if scope.office is not None:
            st.markdown(f"**{t('national_office', lang)}**: {escape_md(scope.office.address)}")
            if scope.office.source != scope.source or not scope.figures:
                line = source_line(ctx.registry, scope.office.source, lang)
                st.caption(f"{t('source_line', lang)}: {line}")
        unit_panel(ctx)


def _national_figures(ctx: Context, scope: NationalScope, cols: list) -> None:
    """The output figures the source states, as cards, then the source they come from."""
    lang = ctx.lang
    if not scope.figures:
        st.caption(t("national_figures_none", lang))
        return
    for i, figure in enumerate(scope.figures):
        cols[i % len(cols)].metric(figure.label(lang), figure.value_text(lang))
    st.caption(f"{t('source_line', lang)}: {source_line(ctx.registry, scope.source, lang)}")
